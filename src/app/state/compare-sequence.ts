// Compare with the samples as one stream of a streaming model: each side that is a model (this device,
// or the local baseline: another backend or model file) runs them through runSequence, its state
// outputs fed back into its state inputs; a server cannot carry state, so it gets each sample as is.
import type { LoadResult } from '../../engine-web/protocol.ts';
import type { CompareSample } from '../../lib/compare/samples.ts';
import { cloneInputs } from '../../lib/compare/samples.ts';
import type { DeviceResult } from '../../lib/compare/report.ts';
import { samplesAsSequence, sequenceRoles } from '../../lib/sequence/plan.ts';
import { engine } from './engine.svelte.ts';

type Progress = (done: number, total: number) => void;

/**
 * Run the samples through a session as one sequence: state from the first sample (or zeros), then
 * carried; one result per sample. computeMs is each step's own run time.
 */
export async function runSequenceInWorker(session: LoadResult, samples: readonly CompareSample[], onProgress: Progress, signal?: AbortSignal): Promise<DeviceResult[]> {
  const roles = sequenceRoles(session.inputs, session.outputs);
  const plan = samplesAsSequence(roles, session.inputs, samples.map((s) => cloneInputs(s.inputs)));
  const r = await engine.client.runSequence(session.sessionId, plan, (done) => onProgress(done, samples.length), signal);
  return r.steps.map((s) => ({ outputs: s.outputs, computeMs: s.computeMs }));
}
