// Model loading: names from file names, metadata from onnxruntime-node and the ONNX file, and
// clear ModelLoadErrors for files that cannot be served.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadModels, modelNameFromArg, ModelLoadError } from './models.ts';

const DIR = 'tests/fixtures/server';
const opts = { workers: 1, intraOpThreads: 1 };

describe('modelNameFromArg', () => {
  it('takes the file name without .onnx, or an explicit NAME=PATH', () => {
    expect(modelNameFromArg('public/models/digits-cnn.onnx')).toEqual({ name: 'digits-cnn', path: 'public/models/digits-cnn.onnx' });
    expect(modelNameFromArg('Model.ONNX')).toEqual({ name: 'Model', path: 'Model.ONNX' });
    expect(modelNameFromArg('edge=public/models/a.onnx')).toEqual({ name: 'edge', path: 'public/models/a.onnx' });
    // An "=" inside a directory name is part of the path.
    expect(modelNameFromArg('dir/a=b/m.onnx')).toEqual({ name: 'm', path: 'dir/a=b/m.onnx' });
  });
});

describe('loadModels', () => {
  it('reports specs with -1 dims, rank knowledge and the file sha256', async () => {
    const { models, pool } = await loadModels([`${DIR}/add.onnx`, `${DIR}/work.onnx`], opts);
    try {
      const add = models.get('add')!;
      expect(add.inputs).toEqual([
        { name: 'x', type: 'float32', datatype: 'FP32', shape: [-1, 3], rankKnown: true },
        { name: 'y', type: 'float32', datatype: 'FP32', shape: [-1, 3], rankKnown: true },
      ]);
      expect(add.sha256).toBe(createHash('sha256').update(readFileSync(`${DIR}/add.onnx`)).digest('hex'));
      // A declared scalar output keeps rank 0.
      expect(models.get('work')!.outputs).toEqual([{ name: 'total', type: 'float32', datatype: 'FP32', shape: [], rankKnown: true }]);
    } finally {
      await pool.close();
    }
  });

  it('refuses no models, bad names, duplicates, missing and non-ONNX files with ModelLoadError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-models-'));
    writeFileSync(join(dir, 'fake.onnx'), '{"not": "a model"}');
    writeFileSync(join(dir, 'empty.onnx'), '');
    copyFileSync(`${DIR}/add.onnx`, join(dir, 'add.onnx'));
    const cases: Array<[string[], RegExp]> = [
      [[], /no model given/],
      [[`${DIR}/add.onnx`, join(dir, 'add.onnx')], /two models are named "add"/],
      [[`bad name=${DIR}/add.onnx`], /model name "bad name" .* is not valid/],
      [[`.hidden=${DIR}/add.onnx`], /is not valid/],
      [[join(dir, 'missing.onnx')], /cannot read model file .*missing\.onnx/],
      [[join(dir, 'fake.onnx')], /fake\.onnx: not an ONNX model: the file looks like a JSON/],
      [[join(dir, 'empty.onnx')], /empty\.onnx: the file is empty/],
    ];
    for (const [args, pattern] of cases) {
      const err = await loadModels(args, opts).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ModelLoadError);
      expect((err as Error).name).toBe('ModelLoadError');
      expect((err as Error).message).toMatch(pattern);
    }
  });
});
