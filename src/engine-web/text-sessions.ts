// Tokenizers held by the engine worker, by id: text is tokenized where the model runs, so the page
// sends strings and gets labels, tokens and outputs back (no id arrays cross twice).
import { TextTokenizer, type TokenFeed } from '../lib/text/tokenizer.ts';
import { TokenizerNotFoundError } from '../lib/text/errors.ts';
import { sha256Hex } from '../lib/model/onnx.ts';
import { classifyTexts, explainText, textFeedsPerSample, type FeedRunner, type TextExplanation, type TextModelShape, type TextRunResult } from '../lib/text/pipeline.ts';
import type { TokenizerFiles } from '../lib/text/folder.ts';
import type { TokenizerInfo } from './protocol.ts';
import type { TensorMap } from '../lib/tensors/types.ts';

export class TextSessions {
  private readonly tokenizers = new Map<string, TextTokenizer>();

  /** Builds (or reuses) a tokenizer; its id is the sha256 of its files and maximum length. */
  async load(files: TokenizerFiles, maxLength: number): Promise<TokenizerInfo> {
    const key = JSON.stringify([files.tokenizerJson, files.tokenizerConfig, maxLength]);
    const tokenizerId = (await sha256Hex(new TextEncoder().encode(key))).slice(0, 24);
    let tok = this.tokenizers.get(tokenizerId);
    if (!tok) {
      tok = new TextTokenizer(files, maxLength);
      this.tokenizers.set(tokenizerId, tok);
    }
    return { tokenizerId, maxLength: tok.maxLength, padId: tok.padId };
  }

  private get(tokenizerId: string): TextTokenizer {
    const tok = this.tokenizers.get(tokenizerId);
    if (!tok) throw new TokenizerNotFoundError(`No tokenizer "${tokenizerId.slice(0, 12)}…" in this worker; load the model folder again.`);
    return tok;
  }

  classify(run: FeedRunner, tokenizerId: string, model: TextModelShape, texts: string[], sequence?: number): Promise<TextRunResult> {
    return classifyTexts(run, this.get(tokenizerId), model, texts, sequence);
  }

  feed(tokenizerId: string, text: string): TokenFeed {
    return this.get(tokenizerId).feed(text);
  }

  /** Per-text token feeds ([1, L] each), padded to `sequence` when given (see textFeedsPerSample). */
  feeds(tokenizerId: string, model: Pick<TextModelShape, 'inputs'>, texts: string[], sequence?: number): { feeds: TensorMap[]; truncated: number } {
    return textFeedsPerSample(this.get(tokenizerId), model.inputs, texts, sequence);
  }

  explain(run: FeedRunner, tokenizerId: string, model: TextModelShape, text: string): Promise<TextExplanation> {
    return explainText(run, this.get(tokenizerId), model, text);
  }
}
