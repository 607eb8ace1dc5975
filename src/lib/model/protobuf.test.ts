import { describe, it, expect } from 'vitest';
import { ProtoReader, ProtobufError, WireType } from './protobuf.ts';

// Byte patterns from the protobuf encoding spec (developers.google.com/protocol-buffers/docs/encoding):
// 150 as field 1 varint is 08 96 01; "testing" as field 2 is 12 07 74 65 73 74 69 6e 67.
const r = (...bytes: number[]) => new ProtoReader(new Uint8Array(bytes));

describe('ProtoReader', () => {
  it('reads the spec examples', () => {
    const p = r(0x08, 0x96, 0x01, 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67);
    expect(p.next()).toBe(true);
    expect([p.field, p.wire, p.varint()]).toEqual([1, WireType.Varint, 150]);
    expect(p.next()).toBe(true);
    expect([p.field, p.wire, p.string()]).toEqual([2, WireType.LengthDelimited, 'testing']);
    expect(p.next()).toBe(false);
  });

  it('reads 64-bit varints exactly up to 2^53 and int64 -1 as -1', () => {
    expect(r(0xff, 0xff, 0xff, 0xff, 0x0f).varint()).toBe(2 ** 32 - 1);
    expect(r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x08).varint()).toBe(2 ** 52);
    expect(r(0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x08).varint()).toBe(2 ** 52 + 1);
    expect(r(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).varint()).toBe(-1);
    expect(r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).varint()).toBe(-(2 ** 63));
  });

  it('reads packed and unpacked repeated varints', () => {
    // field 4 packed [3, 270, 86942] is 22 06 03 8e 02 9e a7 05 (spec example)
    const packed = r(0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05);
    const out: number[] = [];
    packed.next();
    packed.repeatedVarint(out);
    const unpacked = r(0x20, 0x03, 0x20, 0x8e, 0x02);
    while (unpacked.next()) unpacked.repeatedVarint(out);
    expect(out).toEqual([3, 270, 86942, 3, 270]);
  });

  it('reads fixed32/fixed64 little-endian and skips every wire type', () => {
    expect(r(0x78, 0x56, 0x34, 0x12).fixed32()).toBe(0x12345678);
    expect(r(0xff, 0xff, 0xff, 0xff).fixed32()).toBe(0xffffffff);
    expect(r(1, 0, 0, 0, 2, 0, 0, 0).fixed64()).toBe(2 * 2 ** 32 + 1);
    // f1 varint, f2 fixed64, f3 bytes, f4 fixed32, then f5 varint 7
    const p = r(0x08, 0x01, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0x1a, 0x02, 0, 0, 0x25, 0, 0, 0, 0, 0x28, 0x07);
    const seen: number[] = [];
    while (p.next()) {
      seen.push(p.field);
      if (p.field === 5) expect(p.varint()).toBe(7);
      else p.skip();
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives sub-readers and byte views without copying', () => {
    const buf = new Uint8Array([0x0a, 0x02, 0x08, 0x2a, 0x10, 0x01]);
    const p = new ProtoReader(buf);
    p.next();
    const sub = p.message();
    expect(sub.next()).toBe(true);
    expect(sub.varint()).toBe(42);
    expect(sub.next()).toBe(false); // stops at its own end, not at the buffer end
    const q = new ProtoReader(buf);
    q.next();
    expect(q.bytes().buffer).toBe(buf.buffer);
  });

  it('flags truncation and malformed data', () => {
    const cut = r(0x12, 0x07, 0x74, 0x65);
    cut.next();
    expect(() => cut.string()).toThrow(ProtobufError);
    const cut2 = r(0x12, 0x07, 0x74);
    cut2.next();
    try { cut2.range(); } catch (e) { expect((e as ProtobufError).truncated).toBe(true); }
    expect(() => r(0x96).varint()).toThrow(/runs past the end/);
    expect(() => r(0x0b).next()).toThrow(/invalid wire type 3/);
    expect(() => r(0x00).next()).toThrow(/field number 0/);
    expect(() => r(...new Array(11).fill(0x80), 0x01).varint()).toThrow(/longer than 10 bytes/);
    const w = r(0x08, 0x01);
    w.next();
    expect(() => w.expect(WireType.LengthDelimited)).toThrow(/wire type 0 where 2 is required/);
    expect(r().next()).toBe(false);
  });
});
