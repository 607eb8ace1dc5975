// Dictionary encoding of a text column: codes in first-seen order, looked up without making a
// substring (from a string region, or from ASCII bytes of the CSV fast path).
import { asciiText } from './number-parse.ts';

/** Hash of a packed short key, mixed so its low bits depend on every byte. */
function shortSlot(key: number): number {
  const h = Math.imul(key ^ (key >>> 14), 0x9e3779b1);
  return h ^ (h >>> 16);
}

/** Distinct texts (`values`, in first-seen order) and the code of each. */
export class TextDictionary {
  /** The distinct texts; code c is values[c]. */
  readonly values: string[] = [];
  private hashes = new Int32Array(256);
  private slots = new Int32Array(0);
  // The texts as bytes (entry c at pool[offs[c], offs[c + 1])), for the byte path to compare
  // against; entries added from strings are copied in when the byte path next looks.
  private pool = new Uint8Array(0);
  private offs = new Int32Array(257);
  private pooled = 0;
  // Text of 1–4 bytes packed into one int (7 bits a byte, length above): an exact key, so short
  // categories (codes, airports, states) take one probe with no hashing or byte compare.
  private shortKeys = new Int32Array(0);
  private shortCodes = new Int32Array(0);
  private shortCount = 0;
  private lastCode = -1;

  /** Code of `t`, adding it when new. */
  code(t: string): number {
    return this.internRegion(t, 0, t.length);
  }

  /**
   * Dictionary code of s[start, end), adding it when new. An open-addressing table hashed on the
   * characters avoids allocating a substring for values already seen (the common case).
   */
  internRegion(s: string, start: number, end: number): number {
    const len = end - start;
    // Sorted or clustered data repeats the previous value often: check it before hashing.
    const last = this.lastCode;
    if (last >= 0) {
      const d = this.values[last];
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
  internBytes(b: Uint8Array, start: number, end: number): number {
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
    if (this.pooled < this.values.length) this.syncPool();
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
    if (this.values.length * 2 >= this.slots.length) this.rehash();
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
    const code = this.values.length;
    this.values.push(t);
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
    const n = this.values.length;
    if (this.offs.length < n + 1) {
      const next = new Int32Array(Math.max(n + 1, this.offs.length * 2));
      next.set(this.offs);
      this.offs = next;
    }
    for (let c = this.pooled; c < n; c++) {
      const t = this.values[c];
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
    if (this.values.length * 2 >= this.slots.length) this.rehash();
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
        const d = this.values[c];
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
    for (let c = 0; c < this.values.length; c++) {
      let slot = this.hashes[c] & mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = c;
    }
  }
}
