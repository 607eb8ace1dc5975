// The one sanitiser for text that comes from outside (a server's error body, a file, a model's names
// and metadata) before it reaches a terminal or a log line: escape sequences are dropped and other
// control characters are written as visible `\uXXXX` escapes, so nothing can move the cursor,
// clear the screen, recolour the output or set the window title.

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), DCS/SOS/PM/APC (ESC P|X|^|_ … ESC \), and the
// two-byte ESC forms; the 8-bit C1 introducers (U+009B CSI, U+009D OSC, U+0090 DCS …) likewise.
const ESCAPE_SEQUENCE = new RegExp(
  [
    '\\u001b\\[[0-?]*[ -/]*[@-~]',
    '\\u009b[0-?]*[ -/]*[@-~]',
    '(?:\\u001b\\]|\\u009d)[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?',
    '(?:\\u001b[PX^_]|[\\u0090\\u0098\\u009e\\u009f])[^\\u001b\\u009c]*(?:\\u001b\\\\|\\u009c)?',
    '\\u001b[ -/]*[0-~]?',
  ].join('|'),
  'g',
);

// C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides/isolates
// that can reorder what a terminal shows (a "Trojan Source" style display).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Make outside text safe to print: escape sequences removed, other control characters (carriage
 * return included) shown as `\uXXXX`. Tabs and newlines are kept unless `oneLine` is set, in which
 * case newlines become `\u000a` too (for log lines that must stay one line each).
 */
export function sanitizeText(text: string, { oneLine = false }: { oneLine?: boolean } = {}): string {
  const out = String(text).replace(ESCAPE_SEQUENCE, '').replace(CONTROL, visible);
  return oneLine ? out.replace(/\n/g, visible) : out;
}

/** True when `text` holds anything sanitizeText would change (escape sequences or controls). */
export function hasControlText(text: string): boolean {
  ESCAPE_SEQUENCE.lastIndex = 0;
  CONTROL.lastIndex = 0;
  const found = ESCAPE_SEQUENCE.test(text) || CONTROL.test(text);
  ESCAPE_SEQUENCE.lastIndex = 0;
  CONTROL.lastIndex = 0;
  return found;
}
