// Benchmarking a text model by sequence length: the sweep (16/64/128 tokens by default, capped at
// the model's maximum length), which dims it sets, and real token ids (a tokenized sample text cut
// to each length, attention mask set) instead of random numbers that could index past the vocabulary.
import type { DeclaredTensor } from './inputs.ts';
import type { TensorMap } from '../tensors/types.ts';
import type { TokenFeed } from '../text/tokenizer.ts';
import { feedEncoding, textInputs } from '../text/inputs.ts';
import { isFixedDim } from '../tensors/shape.ts';
import { BenchOptionsError } from './protocol.ts';

/** The sweep a text model gets unless told otherwise, tokens per text. */
export const DEFAULT_SEQ_LENGTHS: readonly number[] = [16, 64, 128];

/** A sweep step left out or changed, in the matrix's skipped-cell terms. */
export interface SeqNote {
  what: string;
  reason: string;
}

/**
 * Parse "16, 64, 128" (commas or spaces) into lengths; empty text is no sweep (undefined).
 * @throws BenchOptionsError naming the bad entry.
 */
export function parseSeqLengths(text: string): number[] | undefined {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  return parts.map((p) => {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 1) throw new BenchOptionsError(`sequence lengths must be whole numbers of tokens ≥ 1, separated by commas (got "${p}" in "${text}")`);
    return v;
  });
}

/**
 * The lengths to run: `requested` (or the default sweep), each capped at `maxLength` (the model's
 * maximum from config.json / tokenizer_config.json), sorted and without repeats. A capped step is
 * noted (it runs at the maximum instead, or not at all when the maximum is in the sweep already).
 * @throws BenchOptionsError for a length < 1 or not whole, or a maximum that is not.
 */
export function planSeqLengths(requested: readonly number[] | undefined, maxLength: number): { lengths: number[]; notes: SeqNote[] } {
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new BenchOptionsError(`the model's maximum length must be a whole number ≥ 1, got ${maxLength}`);
  const asked = requested?.length ? requested : DEFAULT_SEQ_LENGTHS;
  for (const v of asked) {
    if (!Number.isInteger(v) || v < 1) throw new BenchOptionsError(`sequence lengths must be whole numbers of tokens ≥ 1, got ${v}`);
  }
  const within = new Set(asked.filter((v) => v <= maxLength));
  const notes: SeqNote[] = [];
  for (const v of [...new Set(asked)].filter((x) => x > maxLength).sort((a, b) => a - b)) {
    const runs = !within.has(maxLength);
    within.add(maxLength);
    notes.push({
      what: `sequence length ${v}`,
      reason: `over the model's maximum length of ${maxLength} tokens; ${runs ? `runs at ${maxLength} instead` : `${maxLength} is in the sweep already`}`,
    });
  }
  return { lengths: [...within].sort((a, b) => a - b), notes };
}

/** True when some input has a free dim at index 1 (the sequence dim a sweep sets: [batch, sequence, …]). */
export function hasSequenceDim(inputs: readonly DeclaredTensor[]): boolean {
  return inputs.some((i) => i.dims !== null && i.dims.length >= 2 && !isFixedDim(i.dims[1]));
}

/**
 * An English passage to tokenize for the benchmark (any tokenizer splits it into ≥ 1 token per
 * word, so `benchText` can make it as long as a sweep needs). Written for edgeprobe.
 */
export const BENCH_PASSAGE =
  'This package provides a small command line tool and a library for reading, checking and converting files. ' +
  'It runs on the server or the desktop, keeps a log of what it changed, and sends mail when a job fails. ' +
  'The graphical front end shows a preview of each image, plays sound when the work is done, and can be used in games and science classes.';

const PASSAGE_WORDS = BENCH_PASSAGE.split(/\s+/).length;

/** The passage repeated until it has at least `tokens` words (so at least that many tokens). */
export function benchText(tokens: number): string {
  const times = Math.max(1, Math.ceil(tokens / PASSAGE_WORDS));
  return Array.from({ length: times }, () => BENCH_PASSAGE).join(' ');
}

/**
 * Benchmark feeds for a text model at these shapes: every input's row is the feed cut to the
 * shape's sequence dim ([CLS] … [SEP]), padded when the feed is shorter; the batch rows are alike.
 * @throws ModelFolderError for an input that is not a text input.
 */
export function textBenchInputs(inputs: readonly DeclaredTensor[], shapes: Readonly<Record<string, number[]>>, feed: TokenFeed): TensorMap {
  const first = inputs[0] ? shapes[inputs[0].name] : undefined;
  const batch = first?.[0] ?? 1;
  const seq = first?.[1] ?? feed.ids.length;
  const rows = Array.from({ length: batch }, () => feedEncoding(feed, seq));
  return textInputs(rows, inputs, feed.padId, seq);
}
