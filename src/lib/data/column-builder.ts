// Incremental column with pandas-like type inference: stays numeric (int/float/bool) while every
// non-missing value parses as such, and switches to dictionary-encoded text on the first that does not.
import { MISSING_MARKERS, type Column } from './table.ts';
import { asciiText, lastWasInteger, parseNumberBytes, parseNumberRange } from './number-parse.ts';

// First characters of the missing markers: other text skips the marker lookup.
const MARKER_START = new Set([...MISSING_MARKERS].filter((m) => m.length > 0).map((m) => m.charCodeAt(0)));
const MARKER_START_BYTE = new Uint8Array(256);
for (const c of MARKER_START) if (c < 256) MARKER_START_BYTE[c] = 1;

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

/** Hash of a packed short key, mixed so its low bits depend on every byte. */
function shortSlot(key: number): number {
  const h = Math.imul(key ^ (key >>> 14), 0x9e3779b1);
  return h ^ (h >>> 16);
}

/** Builds one column row by row; `finish()` returns the typed column. */
export class ColumnBuilder {
  private mode = EMPTY;
  private nums: Float64Array;
  private codes = new Int32Array(0);
  private dictionary: string[] = [];
  private hashes = new Int32Array(256);
  private slots = new Int32Array(0);
  // The dictionary's text as bytes (entry c at pool[offs[c], offs[c + 1])), for the byte path to
  // compare against; entries added by the text path are copied in when the byte path next looks.
  private pool = new Uint8Array(0);
  private offs = new Int32Array(257);
  private pooled = 0;
  // Text of 1–4 bytes packed into one int (7 bits a byte, length above): an exact key, so short
  // categories (codes, airports, states) take one probe with no hashing or byte compare.
  private shortKeys = new Int32Array(0);
  private shortCodes = new Int32Array(0);
  private shortCount = 0;
  private lastCode = -1;
  private n = 0;
  private anyMissing = false;

  /** True when the column turned to text after numbers were read: their original text is lost. */
  lossy = false;

  /**
   * `forceText` reads every value as text from the start (used to re-read a lossy column exactly);
   * `capacity` pre-sizes the storage for that many rows (an estimate; it still grows past it).
   */
  constructor(readonly name: string, forceText = false, capacity = 1024) {
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
      if (len === 0 || (len <= 8 && MARKER_START.has(s.charCodeAt(start)) && MISSING_MARKERS.has(s.slice(start, end)))) {
        this.pushCode(-1);
      } else this.pushCode(this.internRegion(s, start, end));
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
    this.pushCode(this.internRegion(s, start, end));
  }

  /**
   * pushText for ASCII bytes b[start, end) (every byte < 0x80, quotes already removed): the same
   * typing and values, without making a string for numbers or for text already in the dictionary.
   */
  pushBytes(b: Uint8Array, start: number, end: number): void {
    if (this.mode === STRING) {
      const len = end - start;
      if (len === 0 || (len <= 8 && MARKER_START_BYTE[b[start]] === 1 && MISSING_MARKERS.has(asciiText(b, start, end)))) {
        this.pushCode(-1);
      } else this.pushCode(this.internBytes(b, start, end));
      return;
    }
    if (start === end) {
      this.anyMissing = true;
      this.pushNum(NaN);
      return;
    }
    if (this.mode !== BOOL) {
      const v = parseNumberBytes(b, start, end);
      if (v !== undefined) {
        if (this.mode === EMPTY || (this.mode === INT && !lastWasInteger)) this.mode = lastWasInteger ? INT : FLOAT;
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
      this.pushCode(this.code(t));
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
      return { name: this.name, kind: 'string', codes: fitted(this.codes, this.n), dictionary: this.dictionary };
    }
    const dtype = this.mode === BOOL ? 'bool' : this.mode === INT && !this.anyMissing ? 'int' : 'float';
    return { name: this.name, kind: 'number', dtype, values: fitted(this.nums, this.n) };
  }

  private code(t: string): number {
    return this.internRegion(t, 0, t.length);
  }

  /**
   * Dictionary code of s[start, end), adding it when new. An open-addressing table hashed on the
   * characters avoids allocating a substring for values already seen (the common case).
   */
  private internRegion(s: string, start: number, end: number): number {
    const len = end - start;
    // Sorted or clustered data repeats the previous value often: check it before hashing.
    const last = this.lastCode;
    if (last >= 0) {
      const d = this.dictionary[last];
      if (d.length === len) {
        // From the end: timestamps and counters differ in their last characters.
        let i = len - 1;
        while (i >= 0 && d.charCodeAt(i) === s.charCodeAt(start + i)) i--;
        if (i < 0) return last;
      }
    }
    const code = this.lookup(s, start, end);
    this.lastCode = code;
    return code;
  }

  /** internRegion over ASCII bytes: the same codes, hashes and dictionary as for the same text. */
  private internBytes(b: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len <= 4 && len > 0) return this.internShort(b, start, end);
    return this.internLong(b, start, end);
  }

  private internShort(b: Uint8Array, start: number, end: number): number {
    let key = end - start;
    for (let i = start; i < end; i++) key = (key << 7) | b[i];
    const keys = this.shortKeys;
    const mask = keys.length - 1;
    if (mask > 0) {
      for (let slot = shortSlot(key) & mask; ; slot = (slot + 1) & mask) {
        const k = keys[slot];
        if (k === key) return this.shortCodes[slot];
        if (k === 0) break;
      }
    }
    const code = this.internLong(b, start, end);
    if ((this.shortCount + 1) * 2 > keys.length) this.growShort();
    const m = this.shortKeys.length - 1;
    let slot = shortSlot(key) & m;
    while (this.shortKeys[slot] !== 0) slot = (slot + 1) & m;
    this.shortKeys[slot] = key;
    this.shortCodes[slot] = code;
    this.shortCount++;
    return code;
  }

  private growShort(): void {
    const oldKeys = this.shortKeys;
    const oldCodes = this.shortCodes;
    const size = Math.max(256, oldKeys.length * 2);
    this.shortKeys = new Int32Array(size);
    this.shortCodes = new Int32Array(size);
    const m = size - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i];
      if (key === 0) continue;
      let slot = shortSlot(key) & m;
      while (this.shortKeys[slot] !== 0) slot = (slot + 1) & m;
      this.shortKeys[slot] = key;
      this.shortCodes[slot] = oldCodes[i];
    }
  }

  private internLong(b: Uint8Array, start: number, end: number): number {
    if (this.pooled < this.dictionary.length) this.syncPool();
    const len = end - start;
    const pool = this.pool;
    const offs = this.offs;
    const last = this.lastCode;
    if (last >= 0) {
      const o = offs[last];
      if (offs[last + 1] - o === len) {
        let i = len - 1;
        while (i >= 0 && pool[o + i] === b[start + i]) i--;
        if (i < 0) return last;
      }
    }
    if (this.dictionary.length * 2 >= this.slots.length) this.rehash();
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const slots = this.slots;
    const hashes = this.hashes;
    const mask = slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const c = slots[slot];
      if (c < 0) {
        const code = this.add(asciiText(b, start, end), h);
        slots[slot] = code;
        this.syncPool();
        this.lastCode = code;
        return code;
      }
      if (hashes[c] === h) {
        const o = offs[c];
        if (offs[c + 1] - o === len) {
          let i = 0;
          while (i < len && pool[o + i] === b[start + i]) i++;
          if (i === len) {
            this.lastCode = c;
            return c;
          }
        }
      }
    }
  }

  /** New dictionary entry `t` with hash `h`; returns its code (the caller fills the slot). */
  private add(t: string, h: number): number {
    const code = this.dictionary.length;
    this.dictionary.push(t);
    if (code === this.hashes.length) {
      const next = new Int32Array(code * 2);
      next.set(this.hashes);
      this.hashes = next;
    }
    this.hashes[code] = h;
    return code;
  }

  /** Copy dictionary entries not yet in the byte pool (a non-ASCII character as 0xFF: never equal to ASCII input). */
  private syncPool(): void {
    const n = this.dictionary.length;
    if (this.offs.length < n + 1) {
      const next = new Int32Array(Math.max(n + 1, this.offs.length * 2));
      next.set(this.offs);
      this.offs = next;
    }
    for (let c = this.pooled; c < n; c++) {
      const t = this.dictionary[c];
      const o = this.offs[c];
      if (o + t.length > this.pool.length) {
        const next = new Uint8Array(Math.max(4096, (o + t.length) * 2));
        next.set(this.pool);
        this.pool = next;
      }
      for (let i = 0; i < t.length; i++) {
        const ch = t.charCodeAt(i);
        this.pool[o + i] = ch < 128 ? ch : 0xff;
      }
      this.offs[c + 1] = o + t.length;
    }
    this.pooled = n;
  }

  private lookup(s: string, start: number, end: number): number {
    if (this.dictionary.length * 2 >= this.slots.length) this.rehash();
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const c = this.slots[slot];
      if (c < 0) {
        const code = this.add(s.slice(start, end), h);
        this.slots[slot] = code;
        return code;
      }
      if (this.hashes[c] === h) {
        const d = this.dictionary[c];
        if (d.length === len) {
          let i = 0;
          while (i < len && d.charCodeAt(i) === s.charCodeAt(start + i)) i++;
          if (i === len) return c;
        }
      }
    }
  }

  private rehash(): void {
    const size = Math.max(256, this.slots.length * 2);
    this.slots = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let c = 0; c < this.dictionary.length; c++) {
      let slot = this.hashes[c] & mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = c;
    }
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
      this.codes[i] = Number.isNaN(v) ? -1 : this.code(wasBool ? (v ? 'True' : 'False') : String(v));
    }
    this.nums = new Float64Array(0);
    this.mode = STRING;
  }
}
