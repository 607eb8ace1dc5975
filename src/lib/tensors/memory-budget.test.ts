import { describe, expect, it } from 'vitest';
import { inputByteBudget, WASM_INPUT_BYTES } from './memory-budget.ts';

describe('inputByteBudget', () => {
  it('bounds the browser by the wasm heap, the device memory and the JS heap, whichever is least', () => {
    expect(inputByteBudget({ runtime: 'browser' })).toBe(WASM_INPUT_BYTES);
    expect(inputByteBudget({ runtime: 'browser', deviceMemoryGb: 8, jsHeapLimitBytes: 4 * 2 ** 30 })).toBe(2 ** 31);
    expect(inputByteBudget({ runtime: 'browser', deviceMemoryGb: 2 })).toBe(2 ** 30);
    expect(inputByteBudget({ runtime: 'browser', deviceMemoryGb: 8, jsHeapLimitBytes: 2 ** 30 })).toBe(2 ** 29);
  });
  it('bounds native runs by half the machine, and ignores facts that are missing or nonsense', () => {
    expect(inputByteBudget({ runtime: 'native', totalMemoryBytes: 16 * 2 ** 30 })).toBe(8 * 2 ** 30);
    expect(inputByteBudget({ runtime: 'native' })).toBe(Infinity);
    expect(inputByteBudget({ runtime: 'browser', deviceMemoryGb: 0, jsHeapLimitBytes: NaN })).toBe(WASM_INPUT_BYTES);
  });
});
