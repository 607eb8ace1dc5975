// The text demo's feedback as a labelled sample set: CSV with the text and the right label (the
// Drift screen reads it as a text column beside the held-out set; the text box takes it as examples).
import type { FeedbackRecord } from './feedback-record.ts';

const cell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The text a record was given (its one BYTES input), or '' for a record of another kind. */
export function feedbackText(r: FeedbackRecord): string {
  const d = r.inputs[0]?.data;
  return Array.isArray(d) && typeof d[0] === 'string' ? d[0] : '';
}

/** `text,label,predicted,correct` per record, label being the right answer (header only when empty). */
export function textFeedbackToCsv(records: readonly FeedbackRecord[]): string {
  const rows = records.map((r) => [feedbackText(r), r.labelName, r.predictedName, String(r.correct)].map(cell).join(','));
  return ['text,label,predicted,correct', ...rows].join('\n') + '\n';
}
