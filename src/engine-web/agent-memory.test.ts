// Splitting a measureUserAgentSpecificMemory answer by realm, and the worker's JS heap from it. The
// breakdown below is the shape headless Chromium answered for the built app after loading the
// weather demo (scripts/dev/probe-memory.mts): the engine worker's JavaScript bytes include the wasm heap.
import { describe, expect, it } from 'vitest';
import { canMeasureAgentMemory, measureAgentMemory, splitAgentMemory, workerJsHeap } from './agent-memory.ts';

const answer = {
  bytes: 21_940_980,
  breakdown: [
    { bytes: 507_029, attribution: [], types: ['Shared'] },
    { bytes: 19_248_946, attribution: [{ scope: 'DedicatedWorkerGlobalScope' }], types: ['JavaScript'] },
    { bytes: 2_059_813, attribution: [{ scope: 'Window' }], types: ['JavaScript'] },
    { bytes: 0, attribution: [], types: [] },
    { bytes: 125_192, attribution: [], types: ['DOM'] },
  ],
};

describe('agent memory', () => {
  it('splits the answer into the workers\' and the page\'s bytes', () => {
    expect(splitAgentMemory(answer)).toEqual({ workerBytes: 19_248_946, pageBytes: 2_059_813 });
    expect(splitAgentMemory({ bytes: 0, breakdown: [] })).toEqual({ workerBytes: null, pageBytes: null });
  });

  it('the worker JS heap is the workers\' bytes less the wasm heap; unknown stays null', () => {
    expect(workerJsHeap(splitAgentMemory(answer), 16 * 2 ** 20)).toBe(19_248_946 - 16_777_216);
    expect(workerJsHeap(null, 16 * 2 ** 20)).toBeNull();
    expect(workerJsHeap({ workerBytes: null, pageBytes: 1 }, 1)).toBeNull();
    expect(workerJsHeap({ workerBytes: 10, pageBytes: 1 }, 20)).toBe(0);
  });

  it('outside a cross-origin isolated Chromium page (here: Node) it measures nothing rather than guessing', async () => {
    expect(canMeasureAgentMemory()).toBe(false);
    expect(await measureAgentMemory()).toBeNull();
  });
});
