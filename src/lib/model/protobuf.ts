// A minimal protobuf wire-format reader over a Uint8Array: enough to walk an ONNX ModelProto
// without a schema compiler. It never copies: length-delimited fields are read as sub-ranges, so
// skipping a 100 MB raw_data field costs one varint.

/** Protobuf wire types. 3/4 (groups) are obsolete and rejected. */
export const WireType = { Varint: 0, Fixed64: 1, LengthDelimited: 2, Fixed32: 5 } as const;

/** Thrown for bytes that are not a well-formed protobuf message. `offset` is absolute in the
 * buffer; `truncated` is true when the data ended inside a field (rather than being malformed). */
export class ProtobufError extends Error {
  override name = 'ProtobufError';
  constructor(message: string, readonly offset: number, readonly truncated = false) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8');

/** Sequential reader over bytes [pos, end) of a buffer. */
export class ProtoReader {
  /** Field number of the last tag read by `next()`. */
  field = 0;
  /** Wire type of the last tag read by `next()`. */
  wire = 0;

  constructor(readonly buf: Uint8Array, public pos = 0, readonly end = buf.length) {}

  /** Read the next tag; false at the end of the message. */
  next(): boolean {
    if (this.pos >= this.end) return false;
    const at = this.pos;
    const tag = this.varint();
    this.field = Math.floor(tag / 8);
    this.wire = tag % 8;
    if (this.field === 0) throw new ProtobufError(`invalid field number 0 at byte ${at}`, at);
    if (this.wire !== 0 && this.wire !== 1 && this.wire !== 2 && this.wire !== 5) {
      throw new ProtobufError(`invalid wire type ${this.wire} (field ${this.field}) at byte ${at}`, at);
    }
    return true;
  }

  /** Read a varint as a number. 64-bit values beyond 2^53 lose precision; negative int64 values
   * (10-byte two's complement encodings) come back negative. */
  varint(): number {
    const buf = this.buf;
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new ProtobufError(`a varint at byte ${start} runs past the end of the data (byte ${this.end})`, start, true);
      const b = buf[this.pos++]!;
      // Bitwise ops only while the result fits in 31 bits; beyond that, exact float arithmetic.
      if (shift < 28) result |= (b & 0x7f) << shift;
      else result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
      if (shift > 63) throw new ProtobufError(`a varint at byte ${start} is longer than 10 bytes`, start);
    }
    if (shift === 63) return this.signed64(start);
    return result;
  }

  private signed64(start: number): number {
    let v = 0n;
    for (let i = 0; i < 10; i++) v |= BigInt(this.buf[start + i]! & 0x7f) << BigInt(7 * i);
    return Number(BigInt.asIntN(64, v));
  }

  /** Start and end (exclusive) of a length-delimited field's payload; advances past it. */
  range(): [number, number] {
    const at = this.pos;
    const len = this.varint();
    const start = this.pos;
    if (start + len > this.end) {
      throw new ProtobufError(
        `field ${this.field} needs ${len} bytes from byte ${start}, but the data ends at byte ${this.end}`, at, true,
      );
    }
    this.pos = start + len;
    return [start, start + len];
  }

  /** A reader over an embedded message, sharing the buffer. */
  message(): ProtoReader {
    const [s, e] = this.range();
    return new ProtoReader(this.buf, s, e);
  }

  /** A length-delimited payload as a view (no copy). */
  bytes(): Uint8Array {
    const [s, e] = this.range();
    return this.buf.subarray(s, e);
  }

  /** A length-delimited payload decoded as UTF-8 (invalid sequences become U+FFFD). */
  string(): string {
    const [s, e] = this.range();
    return utf8.decode(this.buf.subarray(s, e));
  }

  fixed32(): number {
    const p = this.pos;
    if (p + 4 > this.end) throw new ProtobufError(`a fixed32 at byte ${p} runs past the end of the data`, p, true);
    this.pos = p + 4;
    const b = this.buf;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16)) + b[p + 3]! * 0x1000000;
  }

  fixed64(): number {
    const lo = this.fixed32();
    const hi = this.fixed32();
    return hi * 2 ** 32 + lo;
  }

  /** Skip the payload of the field whose tag was just read. */
  skip(): void {
    switch (this.wire) {
      case WireType.Varint: this.varint(); break;
      case WireType.Fixed64: this.pos += 8; break;
      case WireType.LengthDelimited: this.range(); break;
      case WireType.Fixed32: this.pos += 4; break;
    }
    if (this.pos > this.end) throw new ProtobufError(`field ${this.field} runs past the end of the data (byte ${this.end})`, this.end, true);
  }

  /** Read a repeated varint field that may be packed (wire type 2) or not (one value per tag). */
  repeatedVarint(out: number[]): void {
    if (this.wire === WireType.LengthDelimited) {
      const sub = this.message();
      while (sub.pos < sub.end) out.push(sub.varint());
    } else {
      this.expect(WireType.Varint);
      out.push(this.varint());
    }
  }

  /** Throw unless the last tag has wire type `w` (a known field with the wrong encoding). */
  expect(w: number): void {
    if (this.wire !== w) {
      throw new ProtobufError(`field ${this.field} has wire type ${this.wire} where ${w} is required (before byte ${this.pos})`, this.pos);
    }
  }
}
