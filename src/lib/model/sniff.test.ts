import { describe, it, expect } from 'vitest';
import { sniffFormat } from './sniff.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffFormat', () => {
  it('recognises binary formats by their magic bytes', () => {
    expect(sniffFormat(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('a PNG image');
    expect(sniffFormat(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('a JPEG image');
    expect(sniffFormat(bytes(0x50, 0x4b, 0x03, 0x04, 0))).toMatch(/^a ZIP archive/);
    expect(sniffFormat(bytes(0x1f, 0x8b, 8, 0))).toMatch(/gzip/);
    expect(sniffFormat(bytes(0x80, 0x02, 0x7d))).toMatch(/pickle/);
    expect(sniffFormat(bytes(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a))).toMatch(/HDF5/);
    expect(sniffFormat(new Uint8Array([0x18, 0, 0, 0, ...text('ORTM'), 0, 0]))).toMatch(/\.ort model/);
    expect(sniffFormat(new Uint8Array([0x18, 0, 0, 0, ...text('TFL3'), 0, 0]))).toMatch(/TensorFlow Lite/);
  });

  it('recognises text files by kind and never echoes their bytes', () => {
    expect(sniffFormat(text('<!doctype html><html></html>'))).toMatch(/^an HTML page/);
    expect(sniffFormat(text('{"inputs": []}'))).toBe('a JSON file (text)');
    expect(sniffFormat(text('root:*:19000:0:99999:7:::\ndaemon:*:19000'))).toBe('a text file');
    expect(sniffFormat(text('SECRET_TOKEN=abc123\u0000PATH=/usr/bin'))).not.toMatch(/SECRET|abc123/);
    expect(sniffFormat(text('version https://git-lfs.github.com/spec/v1\noid sha256:abc'))).toMatch(/Git LFS pointer/);
    expect(sniffFormat(text('hello world, plain words'))).toMatch(/^a text file/);
  });

  it('returns null for unknown binary data, ONNX-like bytes and tiny inputs', () => {
    expect(sniffFormat(bytes(0x08, 0x08, 0x12, 0x07, 0x70, 0x79, 0x74, 0x6f, 0x72, 0x63, 0x68, 0x00, 0x01))).toBeNull();
    expect(sniffFormat(bytes(0xa7, 0x01, 0xfe, 0x00, 0x13))).toBeNull();
    expect(sniffFormat(bytes())).toBeNull();
    expect(sniffFormat(bytes(0x41))).toBeNull();
  });
});
