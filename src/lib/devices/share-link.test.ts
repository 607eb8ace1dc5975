import { describe, expect, it } from 'vitest';
import { estimateSeconds, newShareId, parseShareHash, resolveShareModel, shareHash, shareUrl, ShareLinkError, type ShareSpec } from './share-link.ts';

const spec: ShareSpec = {
  model: 'models/digits.onnx', name: 'digits', shapes: { image: [1, 1, 28, 28] }, quick: true, backends: ['wasm', 'webgpu'], threads: [1, 4],
  collector: 'https://192.168.1.20:4173', budget: { metric: 'p90', ms: 25 }, id: 'abc12345',
};

describe('share links', () => {
  it('round-trips a spec through the hash', () => {
    expect(parseShareHash(shareHash(spec))).toEqual(spec);
    expect(shareUrl('http://localhost:4173/index.html?x=1#/bench', spec)).toBe(`http://localhost:4173/${shareHash(spec)}`);
  });

  it('fills defaults: wasm, one thread, quick, no budget, no collector', () => {
    const s = parseShareHash('#/run?model=models/m.onnx');
    expect(s).toMatchObject({ name: 'm', backends: ['wasm'], threads: [1], quick: true, budget: null, collector: '', shapes: {} });
  });

  it.each([
    ['#/run?', /names no model/],
    ['#/run?model=m.onnx&shape=image', /shape "image"/],
    ['#/run?model=m.onnx&shape=image=1,0', /whole dims/],
    ['#/run?model=m.onnx&ep=cuda', /backend "cuda"/],
    ['#/run?model=m.onnx&threads=0', /threads "0"/],
    ['#/run?model=m.onnx&budget=p95=3', /budget/],
    ['#/run?model=m.onnx&collector=javascript:alert(1)', /not an http\(s\) URL/],
  ])('refuses %s by name', (hash, message) => {
    expect(() => parseShareHash(hash)).toThrow(ShareLinkError);
    expect(() => parseShareHash(hash)).toThrow(message);
  });

  it('resolves models on the app origin and refuses another origin by name', () => {
    expect(resolveShareModel('models/digits.onnx', 'https://10.0.0.2:4173/')).toBe('https://10.0.0.2:4173/models/digits.onnx');
    expect(resolveShareModel('/m.onnx', 'http://localhost:4173/app/')).toBe('http://localhost:4173/m.onnx');
    expect(() => resolveShareModel('https://evil.example/m.onnx', 'http://localhost:4173/')).toThrow(/https:\/\/evil\.example\/m\.onnx is on another origin \(https:\/\/evil\.example\)/);
    expect(() => resolveShareModel('//evil.example/m.onnx', 'http://localhost:4173/')).toThrow(ShareLinkError);
  });

  it('estimates per config and makes short ids', () => {
    expect(estimateSeconds({ quick: true, backends: ['wasm'], threads: [1] })).toBeLessThan(estimateSeconds({ quick: false, backends: ['wasm'], threads: [1] }));
    expect(estimateSeconds({ quick: true, backends: ['wasm'], threads: [1, 2] })).toBe(2 * estimateSeconds({ quick: true, backends: ['wasm'], threads: [1] }));
    expect(newShareId()).toMatch(/^[0-9a-z]{8}$/);
  });
});
