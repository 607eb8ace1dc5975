// Audience feedback on predictions, kept on this device in IndexedDB: the sample, what the model
// said, right or wrong, and the right label. Exports as a labelled sample set (OIP JSONL with
// "label"/"labelName", like public/samples/*-heldout.jsonl, or CSV for tabular models).
import { plainToOip, type OipTensor } from '../../lib/tensors/oip.ts';
import type { TensorMap } from '../../lib/tensors/types.ts';
import { database } from '../storage/db.ts';
import type { FeedbackRecord } from './feedback-record.ts';

export type { FeedbackRecord };

/** A record for these inputs and this verdict (pure; the store adds the id). */
export function makeFeedback(a: {
  modelSha: string; modelName: string; inputs: TensorMap; predicted: number; confidence: number; labels: readonly string[];
  correct: boolean; label?: number; now?: number;
}): FeedbackRecord {
  const label = a.correct ? a.predicted : a.label ?? a.predicted;
  return {
    modelSha: a.modelSha,
    modelName: a.modelName,
    createdAt: a.now ?? Date.now(),
    inputs: Object.entries(a.inputs).map(([n, t]) => plainToOip(n, t)),
    predicted: a.predicted,
    predictedName: a.labels[a.predicted] ?? String(a.predicted),
    confidence: a.confidence,
    correct: a.correct,
    label,
    labelName: a.labels[label] ?? String(label),
  };
}

/** Running accuracy of the audience's verdicts; accuracy is NaN before the first one. */
export function feedbackAccuracy(records: readonly FeedbackRecord[]): { count: number; correct: number; accuracy: number } {
  const correct = records.filter((r) => r.correct).length;
  return { count: records.length, correct, accuracy: records.length ? correct / records.length : NaN };
}

/** One OIP request per line with "label"/"labelName" (plus what the model predicted), oldest first. */
export function feedbackToJsonl(records: readonly FeedbackRecord[]): string {
  return records.map((r) => JSON.stringify({ inputs: r.inputs, label: r.label, labelName: r.labelName, predicted: r.predicted, predictedName: r.predictedName, correct: r.correct })).join('\n') + (records.length ? '\n' : '');
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * CSV for a tabular model (one input of shape [1, F]): the feature columns, then `labelColumn`
 * (the right label's name), `predicted` and `correct`. Other shapes are refused with a clear error.
 */
export function feedbackToCsv(records: readonly FeedbackRecord[], featureNames: readonly string[], labelColumn = 'label'): string {
  const header = [...featureNames, labelColumn, 'predicted', 'correct'];
  const lines = [header.map(csvCell).join(',')];
  for (const r of records) {
    const t = r.inputs[0];
    if (r.inputs.length !== 1 || !t || t.data.length !== featureNames.length) {
      throw new Error(`CSV export needs one input row of ${featureNames.length} features per sample; a sample has ${r.inputs.length} input(s) of ${t?.data.length ?? 0} values. Export JSONL instead.`);
    }
    lines.push([...Array.from(t.data as ArrayLike<number>, (v) => String(v)), csvCell(r.labelName), csvCell(r.predictedName), String(r.correct)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Feedback kept in the app's database (src/app/storage/db.ts, store "feedback", indexed by model sha256). */
export class FeedbackStore {
  async add(record: FeedbackRecord): Promise<FeedbackRecord> {
    const { id: _drop, ...rest } = record;
    const id = await (await database()).add('feedback', rest as FeedbackRecord);
    return { ...rest, id };
  }

  /** This model's feedback, oldest first. */
  async list(modelSha: string): Promise<FeedbackRecord[]> {
    const all = await (await database()).getAllFromIndex('feedback', 'modelSha', modelSha);
    return all.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }

  async remove(id: number): Promise<void> {
    await (await database()).delete('feedback', id);
  }

  async clear(modelSha: string): Promise<void> {
    for (const r of await this.list(modelSha)) if (r.id !== undefined) await this.remove(r.id);
  }
}
