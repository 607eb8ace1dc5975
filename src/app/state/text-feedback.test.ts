// Text feedback export: the text and the right label per verdict, quoted where CSV needs it, and
// read back by the text samples reader as examples with their labels.
import { describe, it, expect } from 'vitest';
import { makeFeedback } from './feedback.ts';
import { textFeedbackToCsv } from './text-feedback.ts';
import { parseTextSamples } from '../../lib/text/samples.ts';

const labels = ['mail', 'net', 'games'];
const rec = (text: string, predicted: number, correct: boolean, label?: number) =>
  makeFeedback({ modelSha: 's', modelName: 'm', inputs: { text: { type: 'string', dims: [1], data: [text] } }, predicted, confidence: 0.9, labels, correct, label });

describe('textFeedbackToCsv', () => {
  it('writes text, the right label, the prediction and the verdict; round-trips through the samples reader', () => {
    const csv = textFeedbackToCsv([rec('IMAP client, "fast"', 0, true), rec('chess engine\nwith UCI', 1, false, 2)]);
    expect(csv).toBe('text,label,predicted,correct\n"IMAP client, ""fast""",mail,mail,true\n"chess engine\nwith UCI",games,net,false\n');
    expect(parseTextSamples(new TextEncoder().encode(csv), 'feedback.csv')).toEqual([
      { text: 'IMAP client, "fast"', label: 'mail' },
      { text: 'chess engine\nwith UCI', label: 'games' },
    ]);
  });

  it('is a header alone when there is no feedback', () => {
    expect(textFeedbackToCsv([])).toBe('text,label,predicted,correct\n');
  });
});
