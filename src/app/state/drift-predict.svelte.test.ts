// DriftPredictions without a model: it says what to do instead of running, and a new pair of sets
// clears what an earlier run found (the model and engine are the page's singletons, not loaded here).
import { describe, it, expect } from 'vitest';
import { DriftPredictions, type PredictDeps, type PredictProgress } from './drift-predict.svelte.ts';
import type { DataClient } from '../../workers/data-client.ts';

// No model loaded: run() must touch neither the engine nor the data worker.
const unloaded = { model: { current: null, session: null }, engine: { client: {} } } as unknown as PredictDeps;
const noClient = (): DataClient => {
  throw new Error('no data worker in this test: run() must not need one without a model');
};

describe('DriftPredictions', () => {
  it('asks for a model when none is loaded, and runs nothing', async () => {
    const seen: PredictProgress[] = [];
    const p = new DriftPredictions(noClient, (x) => seen.push(x), unloaded);
    await p.run(null, null);
    expect(p.note).toBe('Load a model to add its predictions to the report.');
    expect(p.summaries).toEqual({ reference: null, current: null });
    expect(p.ranAt).toBeNull();
    expect(seen).toEqual([]);
  });

  it('switched off, it still asks for a model; reset() clears an earlier run', async () => {
    const p = new DriftPredictions(noClient, () => undefined, unloaded);
    p.include = false;
    await p.run(null, null);
    expect(p.note).toBe('Load a model to add its predictions to the report.');
    p.note = null;
    p.ranAt = 'x=N×3×40×56';
    p.reset();
    expect(p.ranAt).toBeNull();
    expect(p.summaries).toEqual({ reference: null, current: null });
  });
});
