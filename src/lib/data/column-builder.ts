// Incremental column with pandas-like type inference: stays numeric (int/float/bool) while every
// non-missing value parses as such, and switches to dictionary-encoded text on the first that does not.
import { MISSING_MARKERS, type Column } from './table.ts';
import { asciiText, parseNumberBytes, parseNumberRange, type NumberShape } from './number-parse.ts';
import { TextDictionary } from './text-dictionary.ts';

/** A set of missing markers with quick pre-checks: first characters and the longest length. */
interface Markers {
  set: ReadonlySet<string>;
  start: Set<number>;
  startByte: Uint8Array;
  maxLen: number;
}

const markerCache = new WeakMap<ReadonlySet<string>, Markers>();

// First characters of the missing markers: other text skips the marker lookup.
function markersOf(set: ReadonlySet<string>): Markers {
  let m = markerCache.get(set);
  if (!m) {
    const start = new Set([...set].filter((x) => x.length > 0).map((x) => x.charCodeAt(0)));
    const startByte = new Uint8Array(256);
    for (const c of start) if (c < 256) startByte[c] = 1;
    m = { set, start, startByte, maxLen: Math.max(0, ...[...set].map((x) => x.length)) };
    markerCache.set(set, m);
  }
  return m;
}

const EMPTY = 0;
const INT = 1;
const FLOAT = 2;
const BOOL = 3;
const STRING = 4;

function boolOf(s: string, start: number, end: number): number {
  const len = end - start;
  if (len !== 4 && len !== 5) return -1;
  const t = s.slice(start, end);
  if (t === 'True' || t === 'TRUE' || t === 'true') return 1;
  if (t === 'False' || t === 'FALSE' || t === 'false') return 0;
  return -1;
}

/**
 * The first n values: a view when the storage is nearly full (no copy of a large column; the
 * spare tail is at most 1/16), else a compact copy.
 */
function fitted<T extends Float64Array | Int32Array>(a: T, n: number): T {
  return (n >= a.length - (a.length >> 4) ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/** Builds one column row by row; `finish()` returns the typed column. */
export class ColumnBuilder {
  private mode = EMPTY;
  private nums: Float64Array;
  private codes = new Int32Array(0);
  private dict = new TextDictionary();
  private n = 0;
  private anyMissing = false;
  /** Written by each number parse: whether the text was a plain integer (INT vs FLOAT columns). */
  private readonly shape: NumberShape = { integer: false };

  /** True when the column turned to text after numbers were read: their original text is lost. */
  lossy = false;

  /**
   * `forceText` reads every value as text from the start (used to re-read a lossy column exactly);
   * `capacity` pre-sizes the storage for that many rows (an estimate; it still grows past it).
   */
  private readonly markers: Markers;

  /** `missing`: the text read as missing (default pandas' list, MISSING_MARKERS; '' is always missing). */
  constructor(readonly name: string, forceText = false, capacity = 1024, missing: ReadonlySet<string> = MISSING_MARKERS) {
    this.markers = markersOf(missing);
    this.nums = new Float64Array(Math.max(16, capacity));
    if (forceText) this.toStrings();
  }

  /** True while the column can take numbers (empty, int or float so far): see pushDigits. */
  get numeric(): boolean {
    return this.mode === EMPTY || this.mode === INT || this.mode === FLOAT;
  }

  /**
   * Push the value of a field that is 1–15 ASCII digits and nothing else, already computed by the
   * caller (exact: below 2^53): what pushBytes would do for that text while `numeric` is true.
   */
  pushDigits(v: number): void {
    if (this.mode === EMPTY) this.mode = INT;
    this.pushNum(v);
  }

  get length(): number {
    return this.n;
  }

  /** Push the raw text s[start, end) of one field (quotes already removed). */
  pushText(s: string, start: number, end: number): void {
    if (this.mode === STRING) {
      const len = end - start;
      const mk = this.markers;
      if (len === 0 || (len <= mk.maxLen && mk.start.has(s.charCodeAt(start)) && mk.set.has(s.slice(start, end)))) {
        this.pushCode(-1);
      } else this.pushCode(this.dict.internRegion(s, start, end));
      return;
    }
    if (start === end) {
      this.anyMissing = true;
      this.pushNum(NaN);
      return;
    }
    // No missing marker parses as a number, so numbers are tried first (no substring needed).
    if (this.mode !== BOOL) {
      const v = parseNumberRange(s, start, end, this.shape);
      if (v !== undefined) {
        if (this.mode === EMPTY || (this.mode === INT && !this.shape.integer)) this.mode = this.shape.integer ? INT : FLOAT;
        this.pushNum(v);
        return;
      }
    }
    if (end - start <= this.markers.maxLen && this.markers.set.has(s.slice(start, end))) {
      this.anyMissing = true;
      this.pushNum(NaN);
      return;
    }
    if (this.mode === EMPTY || this.mode === BOOL) {
      const b = boolOf(s, start, end);
      if (b >= 0) {
        this.mode = BOOL;
        this.pushNum(b);
        return;
      }
    }
    this.toStrings();
    this.pushCode(this.dict.internRegion(s, start, end));
  }

  /**
   * pushText for ASCII bytes b[start, end) (every byte < 0x80, quotes already removed): the same
   * typing and values, without making a string for numbers or for text already in the dictionary.
   */
  pushBytes(b: Uint8Array, start: number, end: number): void {
    if (this.mode === STRING) {
      const len = end - start;
      const mk = this.markers;
      if (len === 0 || (len <= mk.maxLen && mk.startByte[b[start]] === 1 && mk.set.has(asciiText(b, start, end)))) {
        this.pushCode(-1);
      } else this.pushCode(this.dict.internBytes(b, start, end));
      return;
    }
    if (start === end) {
      this.anyMissing = true;
      this.pushNum(NaN);
      return;
    }
    if (this.mode !== BOOL) {
      const v = parseNumberBytes(b, start, end, this.shape);
      if (v !== undefined) {
        if (this.mode === EMPTY || (this.mode === INT && !this.shape.integer)) this.mode = this.shape.integer ? INT : FLOAT;
        this.pushNum(v);
        return;
      }
    }
    // Missing markers, bools and the switch to text are rare: the text path decides them.
    const t = asciiText(b, start, end);
    this.pushText(t, 0, t.length);
  }

  /** Push a value already typed (JSON readers). Mixed kinds fall back to text. */
  pushValue(v: unknown): void {
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      this.anyMissing = true;
      if (this.mode === STRING) this.pushCode(-1);
      else this.pushNum(NaN);
    } else if (typeof v === 'number' && this.mode !== STRING && this.mode !== BOOL) {
      if (this.mode === EMPTY || this.mode === INT) this.mode = Number.isInteger(v) ? INT : FLOAT;
      this.pushNum(v);
    } else if (typeof v === 'boolean' && (this.mode === EMPTY || this.mode === BOOL)) {
      this.mode = BOOL;
      this.pushNum(v ? 1 : 0);
    } else {
      this.toStrings();
      const t = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);
      this.pushCode(this.dict.code(t));
    }
  }

  /** The finished column; a bool column with missing values becomes text ("True"/"False"), as in pandas. */
  finish(): Column {
    if (this.mode === BOOL && this.anyMissing) {
      // pandas shows such values as True/False whatever their spelling: not a loss.
      this.toStrings();
      this.lossy = false;
    }
    if (this.mode === STRING) {
      return { name: this.name, kind: 'string', codes: fitted(this.codes, this.n), dictionary: this.dict.values };
    }
    const dtype = this.mode === BOOL ? 'bool' : this.mode === INT && !this.anyMissing ? 'int' : 'float';
    return { name: this.name, kind: 'number', dtype, values: fitted(this.nums, this.n) };
  }

  private pushNum(v: number): void {
    if (this.n === this.nums.length) {
      const next = new Float64Array(this.nums.length * 2);
      next.set(this.nums);
      this.nums = next;
    }
    this.nums[this.n++] = v;
  }

  private pushCode(c: number): void {
    if (this.n === this.codes.length) {
      const next = new Int32Array(Math.max(1024, this.codes.length * 2));
      next.set(this.codes);
      this.codes = next;
    }
    this.codes[this.n++] = c;
  }

  /** Switch to text: earlier numbers are written back as text (bools as True/False). */
  private toStrings(): void {
    if (this.mode === STRING) return;
    const wasBool = this.mode === BOOL;
    const n = this.n;
    this.codes = new Int32Array(Math.max(1024, this.nums.length));
    for (let i = 0; i < n; i++) {
      const v = this.nums[i];
      if (!Number.isNaN(v)) this.lossy = true;
      this.codes[i] = Number.isNaN(v) ? -1 : this.dict.code(wasBool ? (v ? 'True' : 'False') : String(v));
    }
    this.nums = new Float64Array(0);
    this.mode = STRING;
  }
}
