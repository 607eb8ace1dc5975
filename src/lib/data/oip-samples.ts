// OIP sample files (JSON Lines of Open Inference Protocol request bodies, optionally with
// "label"/"labelName") as a drift table: the label fields plus per-sample statistics of each
// input tensor (mean, std, min, max), with the tensors kept for running a model over them.
import { parseSampleLines } from '../samples/jsonl.ts';
import { tensorStats, toNumbers } from '../tensors/outputs.ts';
import type { TensorMap } from '../tensors/types.ts';
import { ColumnBuilder } from './column-builder.ts';
import type { Table } from './table.ts';

/** True when the first non-blank line of `head` is an object with an "inputs" array (an OIP request). */
export function looksLikeOipJsonl(head: string): boolean {
  const line = head.split(/\r?\n/).find((l) => l.trim());
  if (!line) return false;
  try {
    const o = JSON.parse(line) as { inputs?: unknown };
    return Array.isArray(o?.inputs) && o.inputs.length > 0 && typeof (o.inputs[0] as { datatype?: unknown })?.datatype === 'string';
  } catch {
    return /^\s*\{\s*"inputs"\s*:\s*\[/.test(line);
  }
}

/** The samples and their table; `samples[i]` is row i. */
export interface OipSamples {
  table: Table;
  samples: TensorMap[];
}

const STATS = ['mean', 'std', 'min', 'max'] as const;

/**
 * Parse OIP JSONL text. Columns: `label`, `labelName` (when any line has them) and
 * `<input>.mean|std|min|max` per numeric input tensor. Throws DataFormatError naming the line.
 */
export function parseOipSamples(text: string): OipSamples {
  const samples: TensorMap[] = [];
  const labels = new ColumnBuilder('label');
  const names = new ColumnBuilder('labelName');
  let anyLabel = false;
  let anyName = false;
  const stats = new Map<string, ColumnBuilder[]>();
  const parsed = parseSampleLines(text, { source: 'samples', allowEmpty: true });
  for (const { inputs, label, labelName } of parsed) {
    const row = samples.length;
    for (const [name, t] of Object.entries(inputs)) {
      if (Array.isArray(t.data)) continue;
      let cols = stats.get(name);
      if (!cols) {
        cols = STATS.map((s) => new ColumnBuilder(`${name}.${s}`));
        for (const c of cols) for (let k = 0; k < row; k++) c.pushValue(null);
        stats.set(name, cols);
      }
      const s = tensorStats(toNumbers(t));
      [s.mean, s.std, s.min, s.max].forEach((v, k) => cols[k].pushValue(Number.isFinite(v) ? v : null));
    }
    for (const cols of stats.values()) for (const c of cols) if (c.length <= row) c.pushValue(null);
    if (label !== undefined) anyLabel = true;
    if (labelName !== undefined) anyName = true;
    labels.pushValue(label ?? null);
    names.pushValue(labelName ?? null);
    samples.push(inputs);
  }
  const columns = [
    ...(anyLabel ? [labels.finish()] : []),
    ...(anyName ? [names.finish()] : []),
    ...[...stats.values()].flatMap((cols) => cols.map((c) => c.finish())),
  ];
  return { table: { columns, rowCount: samples.length }, samples };
}
