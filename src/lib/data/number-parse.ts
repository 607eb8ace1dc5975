// Fast decimal parsing straight from a string region (no substring for the common case), with
// pandas' acceptance rules: optional spaces around, sign, digits, fraction, exponent, inf/infinity.

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22];

/** What a parse found beyond the value; the caller owns it and passes it in (no module state). */
export interface NumberShape {
  /** Whether the last successfully parsed text was a plain integer (no point, exponent or inf). */
  integer: boolean;
}

/**
 * Parse s[start, end) as a number, or return undefined when the text is not a number; `shape`
 * (when given) learns whether it was a plain integer.
 * Correctly rounded: exact fast path (≤ 15 digits, |exponent| ≤ 22), otherwise Number().
 */
export function parseNumberRange(s: string, start: number, end: number, shape?: NumberShape): number | undefined {
  while (start < end && (s.charCodeAt(start) === 32 || s.charCodeAt(start) === 9)) start++;
  while (end > start && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  if (start === end) return undefined;
  let i = start;
  let c = s.charCodeAt(i);
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
    if (i === end) return undefined;
    c = s.charCodeAt(i);
  }
  if (c === 105 || c === 73) return parseInf(s, i, end, neg, shape);
  let m = 0;
  let digits = 0;
  let fracDigits = 0;
  let sawDigit = false;
  let integer = true;
  while (i < end && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    if (digits > 0 || c !== 48) digits++;
    m = m * 10 + (c - 48);
    sawDigit = true;
    i++;
  }
  if (i < end && c === 46) {
    integer = false;
    i++;
    while (i < end && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      if (digits > 0 || c !== 48) digits++;
      m = m * 10 + (c - 48);
      fracDigits++;
      sawDigit = true;
      i++;
    }
  }
  if (!sawDigit) return undefined;
  let exp = 0;
  if (i < end && (c === 101 || c === 69)) {
    integer = false;
    i++;
    let eneg = false;
    if (i < end && ((c = s.charCodeAt(i)) === 45 || c === 43)) {
      eneg = c === 45;
      i++;
    }
    let sawExp = false;
    while (i < end && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      exp = exp * 10 + (c - 48);
      sawExp = true;
      i++;
    }
    if (!sawExp) return undefined;
    if (eneg) exp = -exp;
  }
  if (i !== end) return undefined;
  if (shape) shape.integer = integer;
  const e10 = exp - fracDigits;
  let v: number;
  if (digits <= 15 && e10 >= -22 && e10 <= 22) v = e10 >= 0 ? m * POW10[e10] : m / POW10[-e10];
  else v = Number(s.slice(neg || s.charCodeAt(start) === 43 ? start + 1 : start, end));
  return neg ? -v : v;
}

function parseInf(s: string, i: number, end: number, neg: boolean, shape: NumberShape | undefined): number | undefined {
  const word = s.slice(i, end).toLowerCase();
  if (word !== 'inf' && word !== 'infinity') return undefined;
  if (shape) shape.integer = false;
  return neg ? -Infinity : Infinity;
}

// 'latin1' is windows-1252 in the Encoding standard: the same as ASCII for bytes < 0x80.
const latin1 = new TextDecoder('latin1');
const F = String.fromCharCode;

/** Text of ASCII bytes b[start, end) (callers guarantee every byte is < 0x80). */
export function asciiText(b: Uint8Array, start: number, end: number): string {
  switch (end - start) {
    case 0: return '';
    case 1: return F(b[start]);
    case 2: return F(b[start], b[start + 1]);
    case 3: return F(b[start], b[start + 1], b[start + 2]);
    case 4: return F(b[start], b[start + 1], b[start + 2], b[start + 3]);
    default: return latin1.decode(b.subarray(start, end));
  }
}

/**
 * parseNumberRange over ASCII bytes b[start, end): the same acceptance rules and the same
 * correctly rounded result (fast path, else Number() on the text).
 */
export function parseNumberBytes(b: Uint8Array, start: number, end: number, shape?: NumberShape): number | undefined {
  while (start < end && (b[start] === 32 || b[start] === 9)) start++;
  while (end > start && (b[end - 1] === 32 || b[end - 1] === 9)) end--;
  if (start === end) return undefined;
  let i = start;
  let c = b[i];
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
    if (i === end) return undefined;
    c = b[i];
  }
  if (c === 105 || c === 73) return parseInf(asciiText(b, i, end), 0, end - i, neg, shape);
  let m = 0;
  let digits = 0;
  let fracDigits = 0;
  let sawDigit = false;
  let integer = true;
  while (i < end && (c = b[i]) >= 48 && c <= 57) {
    if (digits > 0 || c !== 48) digits++;
    m = m * 10 + (c - 48);
    sawDigit = true;
    i++;
  }
  if (i < end && c === 46) {
    integer = false;
    i++;
    while (i < end && (c = b[i]) >= 48 && c <= 57) {
      if (digits > 0 || c !== 48) digits++;
      m = m * 10 + (c - 48);
      fracDigits++;
      sawDigit = true;
      i++;
    }
  }
  if (!sawDigit) return undefined;
  let exp = 0;
  if (i < end && (c === 101 || c === 69)) {
    integer = false;
    i++;
    let eneg = false;
    if (i < end && ((c = b[i]) === 45 || c === 43)) {
      eneg = c === 45;
      i++;
    }
    let sawExp = false;
    while (i < end && (c = b[i]) >= 48 && c <= 57) {
      exp = exp * 10 + (c - 48);
      sawExp = true;
      i++;
    }
    if (!sawExp) return undefined;
    if (eneg) exp = -exp;
  }
  if (i !== end) return undefined;
  if (shape) shape.integer = integer;
  const e10 = exp - fracDigits;
  let v: number;
  if (digits <= 15 && e10 >= -22 && e10 <= 22) v = e10 >= 0 ? m * POW10[e10] : m / POW10[-e10];
  else v = Number(asciiText(b, neg || b[start] === 43 ? start + 1 : start, end));
  return neg ? -v : v;
}
