// The one reader of sample files in JSON Lines: one Open Inference Protocol request body per line,
// optionally with "label" (class index) and "labelName". Used by compare, drift, the demo and the
// CLI alike; errors name the source and the line.
import { parseOipRequest } from '../tensors/oip.ts';
import { DataFormatError } from '../tensors/errors.ts';
import type { TensorMap } from '../tensors/types.ts';

/** One sample: the model inputs and, when the line gave them, the true class index and its name. */
export interface LabelledSample {
  inputs: TensorMap;
  /** The request's `id`, when the line gives one (baseline results are then paired by it). */
  id?: string;
  label?: number;
  labelName?: string;
}

export interface SampleLinesOptions {
  /** Names the file in errors ("samples line 3: …"). */
  source?: string;
  /** Accept a file with no samples (default: a DataFormatError). */
  allowEmpty?: boolean;
}

/**
 * Parse JSONL of OIP request bodies; blank lines are skipped. A `label` that is not an integer,
 * or a `labelName` that is not a string, is left out.
 * @throws DataFormatError naming the line that is not JSON or not an OIP request.
 */
export function parseSampleLines(text: string, opts: SampleLinesOptions = {}): LabelledSample[] {
  const source = opts.source ?? 'samples';
  const out: LabelledSample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let obj: { label?: unknown; labelName?: unknown };
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new DataFormatError(`${source} line ${i + 1} is not valid JSON (${(e as Error).message}); expected one OIP request {"inputs": [...]} per line`);
    }
    let request: ReturnType<typeof parseOipRequest>;
    try {
      request = parseOipRequest(obj);
    } catch (e) {
      throw new DataFormatError(`${source} line ${i + 1}: ${(e as Error).message}`);
    }
    const s: LabelledSample = { inputs: request.inputs };
    if (request.id !== undefined) s.id = request.id;
    if (typeof obj.label === 'number' && Number.isInteger(obj.label)) s.label = obj.label;
    if (typeof obj.labelName === 'string') s.labelName = obj.labelName;
    out.push(s);
  }
  if (out.length === 0 && !opts.allowEmpty) throw new DataFormatError(`${source} holds no samples; expected one OIP request per line`);
  return out;
}
