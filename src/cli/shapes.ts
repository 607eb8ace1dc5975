// `--shape NAME=D1,D2,…` for every CLI command that runs a model: parsed from the repeatable
// option, checked against the model, and the shapes chosen for the
// other inputs printed, or exit 2 asking for --shape where nothing tells a dim's size.
import type { ModelInfo } from '../lib/model/types.ts';
import { parseShapeOption } from '../lib/bench/inputs.ts';
import { checkShapes, describeUnknown, formatShapes, modelShapes, shapeArgument } from '../lib/tensors/model-shapes.ts';
import { UsageError, type Parsed } from './args.ts';
import { inputByteBudget } from '../lib/tensors/memory-budget.ts';
import { totalmem } from 'node:os';

/** Input bytes one run may take on a runtime: the browser's wasm heap bound (2 GiB) or half this machine. */
export function memoryBudget(runtime: 'browser' | 'native'): number {
  return inputByteBudget({ runtime, totalMemoryBytes: totalmem() });
}

/** `--shape NAME=D1,D2,…` (a 'repeat' option; its commas belong to the value) into name → dims. */
export function shapeOption(p: Parsed): Record<string, number[]> | undefined {
  let shapes: Record<string, number[]> | undefined;
  for (const v of p.lists.shape ?? []) {
    try {
      const [name, dims] = parseShapeOption(v);
      (shapes ??= {})[name] = dims;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  return shapes;
}

/**
 * Concrete shapes for every input: the --shape ones as given, the others at their defaults. Says on
 * `log` which shapes it chose.
 * @throws UsageError (exit 2) for a shape that cannot work (wrong rank, a fixed dim changed, negative,
 * over 2^31 − 1 elements, more input bytes than `maxBytes`), or naming the dims nothing tells and the
 * --shape that would set them.
 */
export function chooseShapes(info: Pick<ModelInfo, 'inputs'>, given: Readonly<Record<string, number[]>> = {}, log: (line: string) => void = () => undefined, maxBytes = memoryBudget('native')): Record<string, number[]> {
  const m = modelShapes(info.inputs);
  const unknown = m.unknown.filter((u) => !Object.hasOwn(given, u.input));
  if (unknown.length) {
    const example = [...new Set(unknown.map((u) => u.input))].map((n) => {
      const dims = m.shapes[n]!.map((d, i) => (unknown.some((u) => u.input === n && u.index === i) ? 'N' : String(d)));
      return `--shape ${n}=${dims.join(',')}`;
    });
    throw new UsageError(`${describeUnknown(unknown, info.inputs)}; give it with ${example.join(' ')}`);
  }
  const shapes = { ...m.shapes, ...given };
  try {
    checkShapes(info.inputs, shapes, maxBytes);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const chosen = info.inputs.filter((i) => !Object.hasOwn(given, i.name) && (m.defaulted[i.name]?.length ?? 0) > 0);
  if (chosen.length) {
    log(`edgeprobe: shapes ${formatShapes(shapes)} (chose ${chosen.map((i) => shapeArgument(i.name, shapes[i.name]!)).join(' ')} for free dims; set them with --shape)`);
  }
  return shapes;
}
