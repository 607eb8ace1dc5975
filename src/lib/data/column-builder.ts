// Incremental column with pandas-like type inference: stays numeric (int/float/bool) while every
// non-missing value parses as such, and switches to dictionary-encoded text on the first that does not.
import { MISSING_MARKERS, type Column } from './table.ts';
import { lastWasInteger, parseNumberRange } from './number-parse.ts';

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

/** Builds one column row by row; `finish()` returns the typed column. */
export class ColumnBuilder {
  private mode = EMPTY;
  private nums = new Float64Array(1024);
  private codes = new Int32Array(0);
  private dict = new Map<string, number>();
  private dictionary: string[] = [];
  private n = 0;
  private anyMissing = false;

  constructor(readonly name: string) {}

  get length(): number {
    return this.n;
  }

  /** Push the raw text s[start, end) of one field (quotes already removed). */
  pushText(s: string, start: number, end: number): void {
    if (this.mode === STRING) {
      const t = s.slice(start, end);
      if (MISSING_MARKERS.has(t)) this.pushCode(-1);
      else this.pushCode(this.code(t));
      return;
    }
    if (start === end) {
      this.anyMissing = true;
      this.pushNum(NaN);
      return;
    }
    // No missing marker parses as a number, so numbers are tried first (no substring needed).
    if (this.mode !== BOOL) {
      const v = parseNumberRange(s, start, end);
      if (v !== undefined) {
        if (this.mode === EMPTY || (this.mode === INT && !lastWasInteger)) this.mode = lastWasInteger ? INT : FLOAT;
        this.pushNum(v);
        return;
      }
    }
    if (end - start <= 8 && MISSING_MARKERS.has(s.slice(start, end))) {
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
    this.pushCode(this.code(s.slice(start, end)));
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
      this.pushCode(this.code(t));
    }
  }

  /** The finished column; a bool column with missing values becomes text ("True"/"False"), as in pandas. */
  finish(): Column {
    if (this.mode === BOOL && this.anyMissing) this.toStrings();
    if (this.mode === STRING) {
      return { name: this.name, kind: 'string', codes: this.codes.slice(0, this.n), dictionary: this.dictionary };
    }
    const dtype = this.mode === BOOL ? 'bool' : this.mode === INT && !this.anyMissing ? 'int' : 'float';
    return { name: this.name, kind: 'number', dtype, values: this.nums.slice(0, this.n) };
  }

  private code(t: string): number {
    let c = this.dict.get(t);
    if (c === undefined) {
      c = this.dictionary.length;
      this.dict.set(t, c);
      this.dictionary.push(t);
    }
    return c;
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
      this.codes[i] = Number.isNaN(v) ? -1 : this.code(wasBool ? (v ? 'True' : 'False') : String(v));
    }
    this.nums = new Float64Array(0);
    this.mode = STRING;
  }
}
