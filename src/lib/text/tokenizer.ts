// Text → token ids with Hugging Face's tokenizers.js (loads tokenizer.json offline), plus the
// truncation to the model's maximum length that keeps the special tokens ([CLS] … [SEP]).
import { Tokenizer } from '@huggingface/tokenizers';
import type { TokenizerFiles } from './folder.ts';
import { TokenizerMissingError } from './errors.ts';

/** One text's tokens, after truncation. */
export interface TextEncoding {
  ids: number[];
  tokens: string[];
  /** Tokens the whole text would take (with special tokens), before truncation. */
  fullLength: number;
  truncated: boolean;
}

/**
 * One long text's ids (special tokens included, never truncated) and how many special ids close
 * it, so it can be cut to any length as the tokenizer truncates ([CLS] … [SEP] kept): plain data
 * that crosses the worker boundary and the CLI's page.
 */
export interface TokenFeed {
  ids: number[];
  /** Special ids at the end of `ids` ([SEP]) that every cut keeps. */
  suffix: number;
  padId: number;
}

export class TextTokenizer {
  private readonly tok: Tokenizer;
  /** Special tokens the post-processor puts before and after the text. */
  private readonly prefix: number;
  private readonly suffix: number;
  readonly padId: number;

  constructor(files: TokenizerFiles, readonly maxLength: number) {
    try {
      this.tok = new Tokenizer(files.tokenizerJson, files.tokenizerConfig);
    } catch (e) {
      throw new TokenizerMissingError(`tokenizer.json could not be loaded: ${(e as Error).message}`);
    }
    const probe = 'a';
    const full = this.tok.encode(probe).ids;
    const bare = this.tok.encode(probe, { add_special_tokens: false }).ids;
    this.prefix = Math.max(0, full.indexOf(bare[0]!));
    this.suffix = Math.max(0, full.length - this.prefix - bare.length);
    const pad = files.tokenizerConfig.pad_token;
    const padText = typeof pad === 'string' ? pad : (pad as { content?: string } | undefined)?.content;
    this.padId = (padText !== undefined ? this.tok.token_to_id(padText) : undefined) ?? 0;
  }

  /** Encodes one text; when it needs more than `limit` tokens (default maxLength) the text part is cut (specials kept). */
  encode(text: string, limit = this.maxLength): TextEncoding {
    const e = this.tok.encode(text);
    if (e.ids.length <= limit) return { ids: e.ids, tokens: e.tokens, fullLength: e.ids.length, truncated: false };
    const keep = Math.max(0, limit - this.prefix - this.suffix);
    const cut = <T>(xs: T[]) => [...xs.slice(0, this.prefix + keep), ...xs.slice(xs.length - this.suffix)];
    return { ids: cut(e.ids), tokens: cut(e.tokens), fullLength: e.ids.length, truncated: true };
  }

  /** The whole text's ids with special tokens, uncut, for cutting to any length (feedEncoding). */
  feed(text: string): TokenFeed {
    return { ids: this.ids(text), suffix: this.suffix, padId: this.padId };
  }

  /** Ids without special tokens and without truncation (for parity checks). */
  ids(text: string, specials = true): number[] {
    return this.tok.encode(text, { add_special_tokens: specials }).ids;
  }
}
