// The baseline side of a comparison in the page: a remote server (OIP v2, with text sent as BYTES
// when the served model takes text; or TF Serving), a file of outputs, or another local
// configuration (backend or model file) run in the same worker.
import type { Backend, LoadResult } from '../../engine-web/protocol.ts';
import type { CompareSample } from '../../lib/compare/samples.ts';
import { cloneInputs } from '../../lib/compare/samples.ts';
import type { DeviceResult } from '../../lib/compare/report.ts';
import { runRemoteBaseline, type RemoteRun } from '../../lib/baseline/run.ts';
import { baselineFileKind, parseOutputsCsv, parseResponsesJsonl } from '../../lib/baseline/files.ts';
import type { BaselineResult } from '../../lib/baseline/types.ts';
import { engine } from './engine.svelte.ts';
import { runSequenceInWorker } from './compare-sequence.ts';
import { SERVER_SEQUENCE_NOTE } from './compare-stream.ts';

export type BaselineKind = 'oip' | 'tfserving' | 'file' | 'local';

/** What the user chose as the baseline (the compare state's fields). */
export interface BaselineChoice {
  kind: BaselineKind;
  url: string;
  serverModel: string;
  timeoutMs: number;
  file: File | null;
  localMode: 'backend' | 'model';
  localBackend: Backend;
  localModel: File | null;
  /** The samples are one stream: a model baseline carries its own state; a server gets each sample as is. */
  sequence: boolean;
}

/** The device side the local baseline is set against. */
export interface DeviceSide {
  bytes: Uint8Array;
  backend: Backend;
  session: LoadResult;
}

export interface BaselineOutcome {
  results: BaselineResult[];
  label: string;
  server: RemoteRun['server'] | null;
}

type Progress = (done: number, total: number) => void;

/** Run samples through a session in the worker; inputs are copied (the worker takes the buffers). */
export async function runInWorker(session: LoadResult, samples: readonly CompareSample[], onProgress: Progress): Promise<DeviceResult[]> {
  const r = await engine.client.runMany(session.sessionId, samples.map((s) => cloneInputs(s.inputs)), onProgress);
  return r.map((x) => ({ outputs: x.outputs, computeMs: x.computeMs }));
}

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

/** The baseline's results for these samples, with a label saying what the baseline was. */
export async function runBaseline(choice: BaselineChoice, samples: CompareSample[], device: DeviceResult[], side: DeviceSide, signal: AbortSignal, onProgress: Progress): Promise<BaselineOutcome> {
  const outputs = Object.keys(device[0]?.outputs ?? {});
  if (choice.kind === 'oip' || choice.kind === 'tfserving') {
    const texts = samples.every((s) => typeof s.text === 'string') ? samples.map((s) => s.text!) : undefined;
    const r = await runRemoteBaseline(
      { protocol: choice.kind, url: choice.url, model: choice.serverModel, timeoutMs: choice.timeoutMs },
      samples.map((s) => s.inputs),
      { outputs, signal, onProgress, ...(texts ? { texts } : {}) },
    );
    const sent = r.sent === 'bytes' ? ' · sent text as BYTES' : r.sent === 'tensors' ? ' · sent token tensors' : '';
    const label = `${choice.kind === 'oip' ? 'OIP v2' : 'TF Serving'} ${choice.url} · model ${choice.serverModel}${r.server ? ` · ${r.server.name} ${r.server.version}` : ''}${sent}${choice.sequence ? ` · ${SERVER_SEQUENCE_NOTE}` : ''}`;
    return { results: r.results, label, server: r.server ?? null };
  }
  if (choice.kind === 'file') {
    const f = choice.file;
    if (!f) throw named('BaselineError', 'choose a baseline file (.jsonl of OIP responses or .csv of outputs)');
    const text = await f.text();
    const label = `file ${f.name}`;
    if (baselineFileKind(f.name) === 'jsonl') return { results: parseResponsesJsonl(text, f.name), label, server: null };
    return { results: parseOutputsCsv(text, Object.entries(device[0]!.outputs).map(([name, t]) => ({ name, dims: t.dims })), f.name), label, server: null };
  }
  let bytes = side.bytes;
  let backend = side.backend;
  let label: string;
  if (choice.localMode === 'backend') {
    backend = choice.localBackend;
    label = `this device · ${backend} (device side: ${side.backend})`;
  } else {
    if (!choice.localModel) throw named('ModelLoadError', 'choose the second model file (.onnx) to compare against');
    bytes = new Uint8Array(await choice.localModel.arrayBuffer());
    label = `this device · ${choice.localModel.name} on ${backend}`;
  }
  const session = await engine.client.load(bytes, { backend });
  try {
    // As a stream, the baseline model carries its own state (its own pairs), as the device side does.
    const r = choice.sequence ? await runSequenceInWorker(session, samples, onProgress, signal) : await runInWorker(session, samples, onProgress);
    return { results: r.map((x) => ({ outputs: x.outputs, computeMs: x.computeMs })), label: choice.sequence ? `${label} · as one stream` : label, server: null };
  } finally {
    if (session.sessionId !== side.session.sessionId) engine.client.release(session.sessionId).catch(() => undefined);
  }
}
