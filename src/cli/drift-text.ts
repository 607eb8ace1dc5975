// `edgeprobe drift … --model DIR [--text-column C]`: a text model folder run natively over the text
// column of both sets: its predicted label and confidence are tested like columns (prediction
// drift), and its pooled embedding (config.json pooled_output) is compared by an MMD permutation test.
import type { Column, NumberColumn, StringColumn, Table } from '../lib/data/table.ts';
import type { DriftReport, ExtraColumn } from '../lib/drift/types.ts';
import { inferType } from '../lib/drift/typing.ts';
import { TextTokenizer } from '../lib/text/tokenizer.ts';
import { classifyTexts } from '../lib/text/pipeline.ts';
import { embeddingDrift, embeddingLine, type EmbeddingDrift } from '../lib/drift/embedding-drift.ts';
import { UsageError, type Parsed } from './args.ts';
import type { DriftHooks } from './drift.ts';

const BATCH = 256;

function textsOf(col: Column): string[] {
  if (col.kind !== 'string') throw new UsageError(`--text-column ${col.name} holds numbers, not text`);
  return Array.from(col.codes, (c) => (c >= 0 ? col.dictionary[c]! : ''));
}

/** The text column: --text-column, else the first column both sets share that reads as free text. */
function pickColumn(ref: Table, cur: Table, wanted: string | undefined): string {
  const shared = ref.columns.filter((c) => cur.columns.some((d) => d.name === c.name));
  if (wanted) {
    if (!shared.some((c) => c.name === wanted)) throw new UsageError(`--text-column ${wanted} is not in both sets; shared columns: ${shared.map((c) => c.name).join(', ')}`);
    return wanted;
  }
  const text = shared.find((c) => c.kind === 'string' && inferType(c) === 'text');
  if (!text) throw new UsageError(`no free-text column in both sets; name it with --text-column (shared: ${shared.map((c) => c.name).join(', ')})`);
  return text.name;
}

function stringColumn(name: string, values: string[]): StringColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    let i = index.get(v);
    if (i === undefined) index.set(v, (i = dictionary.push(v) - 1));
    return i;
  });
  return { name, kind: 'string', codes, dictionary };
}

let embedding: EmbeddingDrift | null = null;

export const textModelHooks: DriftHooks = {
  options: { model: 'string', 'text-column': 'string' },
  async extraColumns(ref: Table, cur: Table, p: Parsed): Promise<ExtraColumn[]> {
    embedding = null;
    const dir = p.values.model;
    if (!dir) {
      if (p.values['text-column']) throw new UsageError('--text-column needs --model DIR');
      return [];
    }
    // Loaded only with --model: a plain drift run needs neither onnxruntime-node nor Chromium.
    const [{ readFolder }, { createNativeRunner }] = await Promise.all([import('./run-text.ts'), import('../engine-node/native.ts')]);
    const folder = readFolder(dir);
    const column = pickColumn(ref, cur, p.values['text-column']);
    const runner = await createNativeRunner(folder.model, {});
    try {
      const tok = new TextTokenizer(folder.tokenizer, folder.config.maxLength);
      const shape = { inputs: runner.inputs, outputs: runner.outputs, labels: folder.config.labels };
      const pooledName = folder.config.pooledOutput;
      const side = async (t: Table) => {
        const texts = textsOf(t.columns.find((c) => c.name === column)!);
        const labels: string[] = [];
        const scores = new Float64Array(texts.length);
        const pooled: Float32Array[] = [];
        for (let i = 0; i < texts.length; i += BATCH) {
          const r = await classifyTexts((f) => runner.run(f), tok, shape, texts.slice(i, i + BATCH));
          r.answers.forEach((a, j) => { labels.push(a.label); scores[i + j] = a.confidence; });
          const e = pooledName ? r.outputs[pooledName] : undefined;
          if (e) {
            const d = e.dims[1] ?? 0;
            const data = e.data as Float32Array;
            for (let j = 0; j < r.answers.length; j++) pooled.push(data.slice(j * d, (j + 1) * d));
          }
        }
        return { labels, scores, pooled };
      };
      const [a, b] = [await side(ref), await side(cur)];
      if (pooledName) embedding = embeddingDrift(pooledName, a.pooled, b.pooled);
      const num = (name: string, v: Float64Array): NumberColumn => ({ name, kind: 'number', dtype: 'float', values: v });
      return [
        { name: 'prediction', role: 'prediction', reference: stringColumn('prediction', a.labels), current: stringColumn('prediction', b.labels) },
        { name: 'prediction confidence', role: 'prediction', reference: num('prediction confidence', a.scores), current: num('prediction confidence', b.scores) },
      ];
    } finally {
      await runner.close();
    }
  },
  finish(report: DriftReport): string | undefined {
    if (!embedding) return undefined;
    Object.assign(report, { embedding });
    return embeddingLine(embedding);
  },
};
