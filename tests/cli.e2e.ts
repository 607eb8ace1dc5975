// The CLI as users run it (a child process of bin/edgeprobe.js): `info --json` lists exactly what
// the file declares (reference: the python onnx package, tests/fixtures/models/expected.json), and
// `run` in headless Chromium agrees with `--runtime native` (onnxruntime-node) on models of
// several shapes: conv with dynamic spatial dims, GRU/LSTM steps with int64 scalars, float16/bool.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root, fixture } from './setup/app.ts';
import { inspectModel } from '../src/lib/model/onnx.ts';
import { toOipRequest, parseOipResponse } from '../src/lib/tensors/oip.ts';
import { toNumbers } from '../src/lib/tensors/outputs.ts';
import { generateInput } from '../src/lib/tensors/generate.ts';
import { resolveDims } from '../src/lib/tensors/shape.ts';
import type { ElementType, TensorMap } from '../src/lib/tensors/types.ts';

const exec = promisify(execFile);
const cli = (...args: string[]) => exec(process.execPath, [join(root, 'bin/edgeprobe.js'), ...args], { cwd: root, maxBuffer: 64 << 20 });
const expected = JSON.parse(readFileSync(fixture('tests/fixtures/models/expected.json'), 'utf8')) as {
  models: Record<string, { inputs: { name: string; type: string; dims: unknown }[]; outputs: { name: string; type: string; dims: unknown }[]; opsets: unknown; opCounts: unknown; parameterCount: number; sha256: string; runtimeError: string | null }>;
};
const tmp = mkdtempSync(join(tmpdir(), 'edgeprobe-cli-'));

describe('edgeprobe info --json', () => {
  for (const [file, want] of Object.entries(expected.models)) {
    it(`lists what ${file} declares`, async () => {
      const { stdout } = await cli('info', fixture(`tests/fixtures/models/${file}`), '--json');
      const got = JSON.parse(stdout);
      expect(got.sha256).toBe(want.sha256);
      expect(got.opsets).toEqual(want.opsets);
      expect(got.opCounts).toEqual(want.opCounts);
      expect(got.parameterCount).toBe(want.parameterCount);
      expect(got.inputs.map((v: { name: string; type: string; shape: unknown }) => [v.name, v.type, v.shape])).toEqual(want.inputs.map((v) => [v.name, v.type, v.dims]));
      expect(got.outputs.map((v: { name: string; type: string; shape: unknown }) => [v.name, v.type, v.shape])).toEqual(want.outputs.map((v) => [v.name, v.type, v.dims]));
    });
  }

  it('exits 2 with a one-line reason for a file that is not a model', async () => {
    const err = await cli('info', fixture('tests/fixtures/models/png_renamed.onnx')).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr.trim().split('\n')).toHaveLength(1);
    expect(err.stderr).toMatch(/PNG/);
  });
});

/** Inputs valid for the model: small spatial dims so the conv model runs quickly; integer scalars small. */
async function inputsFor(file: string): Promise<TensorMap> {
  const info = await inspectModel(new Uint8Array(readFileSync(file)));
  const out: TensorMap = {};
  info.inputs.forEach((v, i) => {
    const { dims } = resolveDims(v.dims ?? [], { H: 32, W: 40, N: 2, batch: 3 });
    out[v.name] = generateInput({ type: v.type as ElementType, dims }, 'random', { seed: 11 + i, intRange: [1, 3] });
  });
  return out;
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, rtol = 1e-3, atol = 1e-4): string | null {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i]! - b[i]!) <= atol + rtol * Math.abs(b[i]!))) return `element ${i}: ${a[i]} vs ${b[i]}`;
  }
  return null;
}

describe('edgeprobe run: browser agrees with native', () => {
  const runnable = [
    ...Object.entries(expected.models).filter(([, m]) => m.runtimeError === null).map(([f]) => `tests/fixtures/models/${f}`),
    'public/models/digits.onnx', 'public/models/weather.onnx',
  ];
  beforeAll(() => undefined);
  for (const rel of runnable) {
    it(`${rel} within rtol 1e-3 / atol 1e-4`, async () => {
      const file = fixture(rel);
      const req = join(tmp, `${rel.replace(/\W/g, '_')}.json`);
      writeFileSync(req, JSON.stringify(toOipRequest(await inputsFor(file))));
      const [browser, native] = await Promise.all([
        cli('run', file, '--input', req),
        cli('run', file, '--input', req, '--runtime', 'native'),
      ]);
      const b = JSON.parse(browser.stdout), n = JSON.parse(native.stdout);
      expect(b.parameters).toMatchObject({ runtime: 'browser', backend: 'wasm' });
      expect(n.parameters).toMatchObject({ runtime: 'native' });
      const bo = parseOipResponse(b).outputs, no = parseOipResponse(n).outputs;
      expect(Object.keys(bo).sort()).toEqual(Object.keys(no).sort());
      for (const name of Object.keys(no)) {
        expect(bo[name]!.dims, name).toEqual(no[name]!.dims);
        expect(bo[name]!.type, name).toBe(no[name]!.type);
        expect(close(toNumbers(bo[name]!), toNumbers(no[name]!)), `${rel} output ${name}`).toBeNull();
      }
    });
  }

  it('exits 2 naming the input when the request does not fit the model', async () => {
    const req = join(tmp, 'bad.json');
    writeFileSync(req, JSON.stringify({ inputs: [{ name: 'features', shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 4] }] }));
    const err = await cli('run', fixture('public/models/weather.onnx'), '--input', req).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/InputShapeError: input "features"/);
  });
});
