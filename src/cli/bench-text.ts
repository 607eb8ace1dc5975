// `edgeprobe bench DIR [--seq-len LIST]`: a Hugging Face-style text model folder benchmarked by
// sequence length. The sample text is tokenized here (the same ids go to the browser page or to
// onnxruntime-node), the sweep is capped at the folder's maximum length.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TextTokenizer, type TokenFeed } from '../lib/text/tokenizer.ts';
import { benchText, planSeqLengths, type SeqNote } from '../lib/bench/seq-len.ts';
import { BenchOptionsError } from '../lib/bench/protocol.ts';
import { readFolder } from './run-text.ts';
import { UsageError } from './args.ts';

/** What a text folder adds to a benchmark: the model, the sweep and the token ids. */
export interface TextBench {
  /** Path of the .onnx inside the folder (the browser page fetches it). */
  modelPath: string;
  bytes: Uint8Array;
  /** Tokens per text the folder allows (config.json / tokenizer_config.json). */
  maxLength: number;
  seqLengths: number[];
  /** Requested lengths capped at the maximum, in the matrix's skipped terms. */
  notes: SeqNote[];
  feed: TokenFeed;
}

/**
 * Read the folder, plan the sweep (`requested`, or 16/64/128 capped at the maximum length) and
 * tokenize the sample text long enough for the longest step.
 * @throws UsageError for --shape on a text input beside the sweep, or a bad length; the folder's own errors by name.
 */
export function prepareTextBench(dir: string, requested: number[] | undefined, shapes: Record<string, number[]> | undefined): TextBench {
  const folder = readFolder(dir);
  if (folder.externalData.length) throw new UsageError(`${dir} keeps its weights in external data files (${folder.externalData.map((f) => f.path).join(', ')}); edgeprobe bench reads a single .onnx for now`);
  let plan: { lengths: number[]; notes: SeqNote[] };
  try {
    plan = planSeqLengths(requested, folder.config.maxLength);
  } catch (e) {
    if (e instanceof BenchOptionsError) throw new UsageError(`--seq-len: ${e.message}`);
    throw e;
  }
  if (shapes && Object.keys(shapes).length) {
    throw new UsageError(`--shape ${Object.keys(shapes).join(', ')} beside a text folder: the sequence sweep sets the shapes; give the lengths with --seq-len (e.g. --seq-len 16,64)`);
  }
  const longest = Math.max(...plan.lengths);
  const tok = new TextTokenizer(folder.tokenizer, folder.config.maxLength);
  // readFolder also looks in DIR/onnx/, where Optimum exports put model.onnx.
  const modelPath = existsSync(join(dir, folder.modelName)) ? join(dir, folder.modelName) : join(dir, 'onnx', folder.modelName);
  return { modelPath, bytes: folder.model, maxLength: folder.config.maxLength, seqLengths: plan.lengths, notes: plan.notes, feed: tok.feed(benchText(longest)) };
}
