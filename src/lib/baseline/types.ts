// Plain data every baseline produces, whatever it is (OIP server, TF Serving, file, local config).
import type { TensorMap } from '../tensors/types.ts';
import type { ServerTimes } from './server-timing.ts';

/** The baseline's answer for one sample. Times in ms. */
export interface BaselineResult {
  outputs: TensorMap;
  /** The response's `id` (files of OIP responses): used to pair with samples that carry ids. */
  id?: string;
  /** Request sent to full answer read (servers only). */
  roundTripMs?: number;
  /** What the server reported in Server-Timing (servers that send it). */
  server?: ServerTimes;
  /** Compute time of a local configuration run (another backend or model on this device). */
  computeMs?: number;
}

/** A declared tensor of a served model. `shape` uses -1 for a variable dimension (OIP). */
export interface TensorSpec {
  name: string;
  datatype: string;
  shape: number[];
}

/** True when `actual` fits `declared` (same rank; -1 matches any size). */
export function shapeFits(declared: readonly number[], actual: readonly number[]): boolean {
  return declared.length === actual.length && declared.every((d, i) => d < 0 || d === actual[i]);
}
