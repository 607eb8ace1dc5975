import { describe, expect, it } from 'vitest';
import { namesPair, pairStates } from './state-pairs.ts';

const f = (name: string, dims: (number | string | null)[], type = 'float32') => ({ name, type, dims });

describe('namesPair', () => {
  it('pairs the names streaming exporters use', () => {
    expect(namesPair('state', 'stateN')).toBe(true);
    expect(namesPair('h', 'hn')).toBe(true);
    expect(namesPair('c', 'cn')).toBe(true);
    expect(namesPair('state_in', 'state_out')).toBe(true);
    expect(namesPair('h0', 'hn')).toBe(true);
    expect(namesPair('past_key.0', 'present_key.0')).toBe(true);
    expect(namesPair('prev_state', 'next_state')).toBe(true);
    expect(namesPair('cache', 'new_cache')).toBe(true);
  });
  it('does not pair unrelated names, identical names, or input/output', () => {
    expect(namesPair('input', 'output')).toBe(false);
    expect(namesPair('h', 'c')).toBe(false);
    expect(namesPair('h', 'h')).toBe(false);
    expect(namesPair('x', 'y')).toBe(false);
    expect(namesPair('h', 'cn')).toBe(false);
  });
});

describe('pairStates', () => {
  it('finds silero v4: h→hn and c→cn, not input→output nor the int64 sr', () => {
    const inputs = [f('input', ['batch', 'sequence']), f('sr', [], 'int64'), f('h', [2, 'batch', 64]), f('c', [2, 'batch', 64])];
    const outputs = [f('output', ['batch', 1]), f('hn', [2, 'batch', 64]), f('cn', [2, 'batch', 64])];
    expect(pairStates(inputs, outputs)).toEqual([
      { input: 'h', output: 'hn', by: 'name' },
      { input: 'c', output: 'cn', by: 'name' },
    ]);
  });
  it('finds silero v5: state→stateN', () => {
    const inputs = [f('input', [null, null]), f('state', [2, null, 128]), f('sr', [], 'int64')];
    const outputs = [f('output', [null, 1]), f('stateN', [null, null, null])];
    expect(pairStates(inputs, outputs)).toEqual([{ input: 'state', output: 'stateN', by: 'name' }]);
  });
  it('pairs ONNX LSTM/GRU initial states with their Y_h / Y_c outputs (same shapes: names decide)', () => {
    const inputs = [f('x', ['T', 'batch', 3]), f('h0', [1, 'batch', 6]), f('c0', [1, 'batch', 6]), f('seq_len', [], 'int64')];
    const outputs = [f('Y', ['T', 1, 'batch', 6]), f('Y_h', [1, 'batch', 6]), f('Y_c', [1, 'batch', 6])];
    expect(pairStates(inputs, outputs)).toEqual([
      { input: 'h0', output: 'Y_h', by: 'name' },
      { input: 'c0', output: 'Y_c', by: 'name' },
    ]);
  });
  it('refuses a name pair whose shapes or types cannot be the same tensor', () => {
    expect(pairStates([f('h', [2, 1, 64])], [f('hn', [2, 1, 32])])).toEqual([]);
    expect(pairStates([f('h', [2, 1, 64])], [f('hn', [2, 1, 64], 'float16')])).toEqual([]);
  });
  it('pairs by identical shape and type when the names say nothing, only when unambiguous', () => {
    const inputs = [f('audio', [1, 1280]), f('mem', [1, 3, 96])];
    const outputs = [f('score', [1, 1]), f('Identity_1', [1, 3, 96])];
    expect(pairStates(inputs, outputs)).toEqual([{ input: 'mem', output: 'Identity_1', by: 'shape' }]);
    // Two inputs of one shape and two outputs of it: which goes where is a guess, so no pair.
    const twin = pairStates([f('a', [1, 8]), f('b', [1, 8])], [f('y1', [1, 8]), f('y2', [1, 8])]);
    expect(twin).toEqual([]);
  });
  it('never pairs scalars by shape, and finds nothing for a stateless model', () => {
    expect(pairStates([f('k', [], 'int64')], [f('n', [], 'int64')])).toEqual([]);
    expect(pairStates([f('x', ['N', 3, 224, 224])], [f('logits', ['N', 1000])])).toEqual([]);
  });
});
