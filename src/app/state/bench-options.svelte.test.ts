// BenchOptions: the fields' problems, the sequence sweep of a text model (capped at its maximum)
// and the config count, all derived from what was typed and the loaded model.
import { describe, it, expect } from 'vitest';
import { BenchOptions, type BenchContext } from './bench-options.svelte.ts';

const textModel = { inputs: [{ name: 'input_ids', type: 'int64', dims: ['batch', 'sequence'] }, { name: 'attention_mask', type: 'int64', dims: ['batch', 'sequence'] }], textMaxLength: 64 };
const cnn = { inputs: [{ name: 'image', type: 'float32', dims: ['batch', 1, 28, 28] }], textMaxLength: null };
const env = { hardwareConcurrency: 8, crossOriginIsolated: true };

function options(ctx: BenchContext): BenchOptions {
  return new BenchOptions(() => ctx);
}

describe('BenchOptions', () => {
  it('offers the sweep for a text model and caps it at the maximum length', () => {
    const o = options({ model: textModel, env: null }); // one thread: configs are lengths × levels
    expect(o.seqMax).toBe(64);
    expect(o.seqText).toBe('16, 64, 128');
    expect(o.seqPlan.value?.lengths).toEqual([16, 64]);
    expect(o.seqPlan.value?.notes[0]?.what).toBe('sequence length 128');
    expect(o.configCount).toBe(2);
    o.seqText = '8, 16, 32';
    expect(o.seqPlan.value?.lengths).toEqual([8, 16, 32]);
    expect(o.configCount).toBe(3);
    o.toggleOptLevel('basic');
    expect(o.configCount).toBe(6);
    o.seqText = '';
    expect(o.seqPlan.value).toBeUndefined();
    expect(o.configCount).toBe(2);
  });

  it('names a bad sequence length and counts no sweep for it', () => {
    const o = options({ model: textModel, env });
    o.seqText = '16, sixty';
    expect(o.seqPlan.error).toMatch(/"sixty"/);
    expect(o.problem).toBe(o.seqPlan.error);
    o.seqText = '16';
    expect(o.problem).toBeNull();
  });

  it('has no sweep for a model without a text tokenizer', () => {
    const o = options({ model: cnn, env: null });
    expect(o.seqMax).toBeNull();
    expect(o.seqPlan.value).toBeUndefined();
    expect(o.dynamicBatch).toBe(true);
    o.batchText = '1, 4';
    expect(o.batches.value).toEqual([1, 4]);
    expect(o.configCount).toBe(2);
    o.batchText = '0';
    expect(o.batches.error).toMatch(/batch sizes/);
  });

  it('derives the protocol and budgets, with the problem in words', () => {
    const o = options({ model: cnn, env });
    expect(o.protocol.value.quick).toBe(true);
    o.roundsText = 3;
    expect(o.protocol.value.rounds).toBe(3);
    o.minTimeText = '-1';
    expect(o.protocol.error).toMatch(/min time per round must be a number ≥ 0/);
    o.minTimeText = '';
    o.budgetText = 'p90=50, p99=80';
    expect(o.budgets.value.map((b) => b.metric)).toEqual(['p90', 'p99']);
    o.budgetText = 'p42=1';
    expect(o.budgets.error).not.toBeNull();
    expect(o.problem).toBe(o.budgets.error);
  });

  it("defaults to the device's thread counts once it is known, until the user picks", () => {
    const ctx: BenchContext = $state({ model: cnn, env: null });
    const o = options(ctx);
    expect(o.threads).toEqual([1]);
    ctx.env = env;
    expect(o.threadChoices).toEqual([1, 2, 4, 8]);
    expect(o.threads).toEqual([1, 2, 4]);
    o.toggleThreads(2);
    expect(o.threads).toEqual([1, 4]);
    ctx.env = { hardwareConcurrency: 2, crossOriginIsolated: true };
    expect(o.threads).toEqual([1, 4]);
    o.toggleBackend('webgpu');
    expect(o.backends).toEqual(['wasm', 'webgpu']);
    o.toggleBackend('wasm');
    expect(o.backends).toEqual(['webgpu']);
    expect(options({ model: null, env: null }).threadChoices).toEqual([1]);
  });
});
