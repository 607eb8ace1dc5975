// Strict UTF-8 decoding for text inputs and the JSON files of a model folder: invalid bytes are an
// error naming the offset, never silently replaced by U+FFFD (which would change the token ids).
import { InvalidUtf8Error } from './errors.ts';

/** Decodes UTF-8 (a leading BOM is dropped); throws InvalidUtf8Error with the first bad byte offset. */
export function decodeUtf8Strict(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidUtf8Error(`${what} is not valid UTF-8: the first invalid byte is at offset ${firstInvalid(bytes)}. Save it as UTF-8 and try again.`);
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0) return i;
    if (n > 1) {
      const text = bytes.subarray(i, i + n);
      if (text.length < n) return i;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(text);
      } catch {
        return i;
      }
    }
    i += n;
  }
  return bytes.length;
}
