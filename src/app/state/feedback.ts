// Audience feedback on predictions, kept on this device in IndexedDB: the sample, what the model
// said, right or wrong, and the right label. Exports as a labelled sample set (OIP JSONL with
// "label"/"labelName", like public/samples/*-heldout.jsonl, or CSV for tabular models).
import { plainToOip, type OipTensor } from '../../lib/tensors/oip.ts';
import type { TensorMap } from '../../lib/tensors/types.ts';

export interface FeedbackRecord {
  /** Assigned by the store. */
  id?: number;
  /** sha256 of the model the prediction came from. */
  modelSha: string;
  modelName: string;
  /** ms since the epoch. */
  createdAt: number;
  /** The sample as OIP request tensors (plain JSON, so it survives storage and export unchanged). */
  inputs: OipTensor[];
  predicted: number;
  predictedName: string;
  /** Probability of the predicted class, 0..1. */
  confidence: number;
  correct: boolean;
  /** The right class: the prediction when marked right, the chosen label when marked wrong. */
  label: number;
  labelName: string;
}

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

const DB = 'edgeprobe-feedback';
const STORE = 'feedback';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** The IndexedDB store (browser only). Records are indexed by model sha256. */
export class FeedbackStore {
  private db: Promise<IDBDatabase> | null = null;

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      this.db = new Promise((resolve, reject) => {
        if (typeof indexedDB === 'undefined') return reject(new Error('this browser has no IndexedDB: feedback cannot be kept on the device'));
        const req = indexedDB.open(DB, 1);
        req.onupgradeneeded = () => {
          const s = req.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
          s.createIndex('modelSha', 'modelSha');
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error('could not open the feedback store'));
      });
      this.db.catch(() => (this.db = null));
    }
    return this.db;
  }

  async add(record: FeedbackRecord): Promise<FeedbackRecord> {
    const db = await this.open();
    const { id: _drop, ...rest } = record;
    const id = await request(db.transaction(STORE, 'readwrite').objectStore(STORE).add(rest));
    return { ...rest, id: id as number };
  }

  /** This model's feedback, oldest first. */
  async list(modelSha: string): Promise<FeedbackRecord[]> {
    const db = await this.open();
    const all = await request(db.transaction(STORE).objectStore(STORE).index('modelSha').getAll(modelSha));
    return (all as FeedbackRecord[]).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }

  async remove(id: number): Promise<void> {
    const db = await this.open();
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(id));
  }

  async clear(modelSha: string): Promise<void> {
    for (const r of await this.list(modelSha)) if (r.id !== undefined) await this.remove(r.id);
  }
}
