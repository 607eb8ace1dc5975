import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { inspectModel } from './onnx.ts';
import { ModelLoadError } from './errors.ts';

// Expectations: tests/fixtures/models/expected.json, written by scripts/fixtures/make_test_models.py
// from the onnx python package's own parse of each file.
const dir = join(import.meta.dirname, '..', '..', '..', 'tests', 'fixtures', 'models');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  models: Record<string, Record<string, unknown>>;
  invalid: Record<string, { messageIncludes: string; bytes: number }>;
};
const read = (file: string) => new Uint8Array(readFileSync(join(dir, file)));

describe('inspectModel on the fixture corpus', () => {
  for (const [file, want] of Object.entries(expected.models)) {
    it(`matches the onnx python reference for ${file}`, async () => {
      const { runtimeError: _ignored, ...reference } = want;
      const info = await inspectModel(read(file));
      expect(info).toEqual(reference);
    });
  }

  it('covers every .onnx file in the fixture folder', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.onnx')).sort();
    expect(files).toEqual([...Object.keys(expected.models), ...Object.keys(expected.invalid)].sort());
  });
});

describe('inspectModel details', () => {
  it('reports symbolic dims, int64 scalars, bool and float16 inputs', async () => {
    const info = await inspectModel(read('multi_input_types.onnx'));
    expect(info.inputs.map((v) => [v.name, v.type, v.dims])).toEqual([
      ['x', 'float32', [2, 3]], ['n', 'int64', []], ['flag', 'bool', [1]], ['h', 'float16', [2, 3]],
    ]);
    const conv = await inspectModel(read('conv_dynamic.onnx'));
    expect(conv.inputs[0]!.dims).toEqual(['N', 3, 'H', 'W']);
  });

  it('excludes initializers from inputs but lists them as overridable', async () => {
    const info = await inspectModel(read('symbolic_batch_meta.onnx'));
    expect(info.inputs.map((v) => v.name)).toEqual(['features']);
    expect(info.initializerInputs).toEqual(['temperature']);
    expect(info.metadata.labels).toBe('cat,dog,bird');
  });

  it('counts ops and parameters inside nested If subgraphs', async () => {
    const info = await inspectModel(read('if_subgraph.onnx'));
    expect(info.opCounts).toEqual({ If: 2, Add: 1, ReduceSum: 1, Greater: 1, Neg: 1, Abs: 1 });
    expect(info.parameterCount).toBe(4); // bias[3] in then, zero[] in else
  });

  it('counts weights kept in Constant nodes, also inside If branches (paddle2onnx style)', async () => {
    const info = await inspectModel(read('seg_constant.onnx'));
    expect(info.initializerCount).toBe(0);
    // w1 4·3·3·3 + b1 4 + w2 4 + b2 1 + cond 1 (main graph) + one scale in each branch.
    expect(info.parameterCount).toBe(108 + 4 + 4 + 1 + 1 + 1 + 1);
    expect(info.constantCount).toBe(7);
    expect(info.inputs[0]!.dims).toEqual(['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2']);
    expect((await inspectModel(read('unnamed_dims.onnx'))).inputs[0]!.dims).toEqual([null, null]);
  });

  it('keys custom-domain ops as domain::op and flags external data', async () => {
    expect((await inspectModel(read('custom_op.onnx'))).opCounts['com.example.custom::FancyActivation']).toBe(1);
    const ext = await inspectModel(read('external_data.onnx'));
    expect(ext.externalData).toEqual([{ name: 'big_w', location: 'external_data.onnx.data' }]);
    expect(ext.initializerBytes).toBe(16 * 32 * 4);
  });

  it('describes sequence outputs as text', async () => {
    const info = await inspectModel(read('sequence_output.onnx'));
    expect(info.outputs[0]).toEqual({ name: 'seq', kind: 'sequence', type: 'seq(tensor(float32))', dims: null });
  });

  it('works on a view into a larger buffer (byteOffset != 0)', async () => {
    const bytes = read('conv_dynamic.onnx');
    const padded = new Uint8Array(bytes.length + 10);
    padded.set(bytes, 5);
    const info = await inspectModel(padded.subarray(5, 5 + bytes.length));
    expect(info.sha256).toBe(expected.models['conv_dynamic.onnx']!.sha256);
  });
});

describe('inspectModel errors', () => {
  for (const [file, { messageIncludes }] of Object.entries(expected.invalid)) {
    it(`rejects ${file} with a ModelLoadError saying "${messageIncludes}"`, async () => {
      const p = inspectModel(read(file));
      await expect(p).rejects.toBeInstanceOf(ModelLoadError);
      await expect(p).rejects.toThrow(messageIncludes);
      await expect(p).rejects.toHaveProperty('name', 'ModelLoadError');
    });
  }

  it('rejects every truncation of a valid model', async () => {
    const bytes = read('if_subgraph.onnx');
    for (let n = 1; n < bytes.length; n += 7) {
      await expect(inspectModel(bytes.subarray(0, n)), `cut at ${n}`).rejects.toBeInstanceOf(ModelLoadError);
    }
  });
});

// Minimal protobuf writer for hand-built models: varints and tags only.
const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n >= 0x80) { out.push((n % 0x80) | 0x80); n = Math.floor(n / 0x80); }
  out.push(n);
  return out;
};
const tag = (field: number, wire: number) => varint(field * 8 + wire);
const vfield = (field: number, v: number) => [...tag(field, 0), ...varint(v)];
const lfield = (field: number, payload: number[]) => [...tag(field, 2), ...varint(payload.length), ...payload];

describe('inspectModel on a large model', () => {
  it('skips a 100 MB raw_data payload without copying it (fast)', async () => {
    const raw = 100 * 1024 * 1024;
    // ModelProto{ir_version 8, graph{initializer{dims [raw/4], data_type FLOAT, name "w", raw_data}}, opset 17}
    const tensorHead = [...vfield(1, raw / 4), ...vfield(2, 1), ...lfield(8, [0x77]), ...tag(9, 2), ...varint(raw)];
    const tensorLen = tensorHead.length + raw;
    const graphHead = [...tag(5, 2), ...varint(tensorLen)];
    const graphLen = graphHead.length + tensorLen;
    const modelHead = [...vfield(1, 8), ...tag(7, 2), ...varint(graphLen)];
    const opset = lfield(8, vfield(2, 17));
    const bytes = new Uint8Array(modelHead.length + graphLen + opset.length);
    bytes.set([...modelHead, ...graphHead, ...tensorHead]);
    bytes.set(opset, bytes.length - opset.length);
    const info = await inspectModel(bytes);
    expect(info.parameterCount).toBe(raw / 4);
    expect(info.initializerBytes).toBe(raw);
    expect(info.opsets).toEqual([{ domain: '', version: 17 }]);
  });

  it('reads negative and 64-bit varints (dim_value -1, large dims)', async () => {
    const dim = (v: number[]) => lfield(1, v); // Dimension{dim_value}
    const neg = [...tag(1, 0), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]; // int64 -1
    const shape = lfield(2, [...dim(neg), ...dim(vfield(1, 2 ** 40))]);
    const tensorType = lfield(1, [...vfield(1, 1), ...shape]);
    const input = lfield(11, [...lfield(1, [0x78]), ...lfield(2, tensorType)]);
    const bytes = new Uint8Array([...vfield(1, 8), ...lfield(7, input), ...lfield(8, vfield(2, 17))]);
    const info = await inspectModel(bytes);
    expect(info.inputs).toEqual([{ name: 'x', kind: 'tensor', type: 'float32', dims: [-1, 2 ** 40] }]);
  });
});

// Demo models are built by other scripts; when make_test_models.py has recorded a python reference
// for the same bytes (sha256), the card must equal it, otherwise it must at least be complete.
describe('bundled demo models', () => {
  const pub = join(import.meta.dirname, '..', '..', '..', 'public', 'models');
  const demos = existsSync(pub) ? readdirSync(pub).filter((f) => f.endsWith('.onnx')) : [];
  const refs = (expected as { demos?: Record<string, Record<string, unknown>> }).demos ?? {};
  for (const f of demos) {
    it(`inspects ${f}`, async () => {
      const info = await inspectModel(new Uint8Array(readFileSync(join(pub, f))));
      const ref = refs[f];
      if (ref !== undefined && ref.sha256 === info.sha256) {
        expect(info).toEqual(ref);
      } else {
        expect(info.inputs.length).toBeGreaterThan(0);
        expect(info.outputs.length).toBeGreaterThan(0);
        expect(info.opsets.length).toBeGreaterThan(0);
        expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
      }
    });
  }
});
