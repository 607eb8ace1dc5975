// The text path shared by the browser worker and the native CLI runtime: tokenize, fill the
// model's inputs, run once for the batch, turn logits into labels; and word occlusion on top.
import type { TensorMap } from '../tensors/types.ts';
import type { TextTokenizer, TextEncoding } from './tokenizer.ts';
import { textInputs, type DeclaredTextInput } from './inputs.ts';
import { classifyRows, logitsName, type TextPrediction } from './classify.ts';
import { occludedTexts, splitWords, wordAttributions, type WordAttribution } from './words.ts';

/** Runs the model on feeds: the worker's Engine.run or onnxruntime-node's runner. */
export type FeedRunner = (inputs: TensorMap) => Promise<{ outputs: TensorMap; computeMs: number }>;

export interface TextModelShape {
  inputs: readonly DeclaredTextInput[];
  outputs: readonly { name: string; dims: readonly unknown[] }[];
  labels: readonly string[] | null;
}

/** One text's answer, with the tokens the model saw. */
export interface TextAnswer extends TextPrediction {
  text: string;
  tokens: string[];
  ids: number[];
  truncated: boolean;
  /** Tokens the full text would need (before truncation to the model's maximum length). */
  fullLength: number;
}

export interface TextRunResult {
  answers: TextAnswer[];
  /** Every output of the model for the batch (logits, pooled embedding…). */
  outputs: TensorMap;
  /** ms inside session.run for the whole batch. */
  computeMs: number;
  /** Padded sequence length the batch ran at. */
  sequenceLength: number;
}

/** Classify a batch of texts in one run; with `sequence` (a shape the user chose) padded and cut to that many tokens. */
export async function classifyTexts(run: FeedRunner, tok: TextTokenizer, model: TextModelShape, texts: readonly string[], sequence?: number): Promise<TextRunResult> {
  const limit = sequence === undefined ? tok.maxLength : Math.min(tok.maxLength, sequence);
  const encodings: TextEncoding[] = texts.map((t) => tok.encode(t, limit));
  const feeds = textInputs(encodings, model.inputs, tok.padId, sequence);
  const r = await run(feeds);
  const logits = r.outputs[logitsName(model.outputs)];
  if (!logits) throw new Error(`the model returned no "${logitsName(model.outputs)}" output`);
  const preds = classifyRows(logits, model.labels);
  const answers = preds.map((p, i) => ({ ...p, text: texts[i]!, tokens: encodings[i]!.tokens, ids: encodings[i]!.ids, truncated: encodings[i]!.truncated, fullLength: encodings[i]!.fullLength }));
  return { answers, outputs: r.outputs, computeMs: r.computeMs, sequenceLength: Object.values(feeds)[0]?.dims[1] ?? 0 };
}

/**
 * One feed set per text ([1, L] each), as a comparison sends them one sample at a time: padded to
 * `sequence` tokens when given (a shape the user chose; longer texts are cut to it, specials kept),
 * else to the text's own length.
 */
export function textFeedsPerSample(tok: TextTokenizer, inputs: readonly DeclaredTextInput[], texts: readonly string[], sequence?: number): { feeds: TensorMap[]; truncated: number } {
  const limit = sequence === undefined ? tok.maxLength : Math.min(tok.maxLength, sequence);
  let truncated = 0;
  const feeds = texts.map((t) => {
    const e = tok.encode(t, limit);
    if (e.truncated) truncated++;
    return textInputs([e], inputs, tok.padId, sequence);
  });
  return { feeds, truncated };
}

export interface TextExplanation {
  answer: TextAnswer;
  words: WordAttribution[];
  /** Model runs used: one for the text, one batched run of every word-less variant. */
  runs: number;
  computeMs: number;
}

/** Word occlusion: how much each word supports the predicted label, in log-odds (see words.ts). */
export async function explainText(run: FeedRunner, tok: TextTokenizer, model: TextModelShape, text: string): Promise<TextExplanation> {
  const full = await classifyTexts(run, tok, model, [text]);
  const answer = full.answers[0]!;
  const words = splitWords(text);
  if (words.length === 0) return { answer, words: [], runs: 1, computeMs: full.computeMs };
  const variants = await classifyTexts(run, tok, model, occludedTexts(text, words));
  const without = variants.answers.map((a) => a.logOdds[answer.index]!);
  return { answer, words: wordAttributions(words, answer.logOdds[answer.index]!, without), runs: 2, computeMs: full.computeMs + variants.computeMs };
}
