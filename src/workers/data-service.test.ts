import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { DataService } from './data-service.ts';
import { driftReport } from '../lib/drift/report.ts';
import { parseCsv } from '../lib/data/csv.ts';
import { planModel } from '../lib/drift/model-plan.ts';
import type { DriftRequest } from './data-protocol.ts';
import { settingsOf, type DriftSettings } from '../lib/drift/settings.ts';

const file = (name: string, text: string | Uint8Array) => ({ kind: 'file' as const, name, file: new Blob([text as BlobPart]) });
const sample = (p: string) => readFileSync(new URL(`../../public/samples/${p}`, import.meta.url), 'utf8');
const req = (columns: string[], over: Partial<DriftSettings> = {}): DriftRequest => ({
  settings: { ...settingsOf({}), columns, ...over }, includePredictions: true,
});

describe('DataService', () => {
  it('reads the reference and the current set at the same time without one cancelling the other', async () => {
    const s = new DataService();
    const big = 'a,b\n' + Array.from({ length: 50_000 }, (_, i) => `${i},${i % 7}`).join('\n') + '\n';
    const [r, c] = await Promise.all([s.load('reference', file('r.csv', big)), s.load('current', file('c.csv', big))]);
    expect([r.rows, c.rows]).toEqual([50_000, 50_000]);
    const got = await s.compute(req(['a', 'b']));
    // Same rows on both sides: no quality check fails, no multivariate drift.
    expect(got.report.quality.filter((f) => f.severity === 'fail')).toEqual([]);
    expect(got.report.multivariate).toMatchObject({ method: 'pca-reconstruction', drift: false });
    expect(got.report.meta.edgeprobe).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an ONNX model dropped as data is named as a model', async () => {
    const s = new DataService();
    const onnx = Uint8Array.of(0x08, 0x07, 0x12, 0x07, 0x70, 0x79, 0x74, 0x6f, 0x72, 0x63, 0x68, 0xff, 0xfe);
    await expect(s.load('reference', file('model.bin', onnx))).rejects.toThrow(/model\.bin is an ONNX model — load it on the Model screen/);
    await expect(s.load('current', file('m.onnx', 'x'))).rejects.toMatchObject({ name: 'DataFormatError' });
  });

  it('weather 2012 vs 2015: the same numbers as driftReport on the same tables, with progress', async () => {
    const s = new DataService();
    const seen: string[] = [];
    const ref = await s.load('reference', file('weather-2012.csv', sample('weather-2012.csv')), (p) => seen.push(p.unit));
    await s.load('current', file('weather-2015.csv', sample('weather-2015.csv')));
    expect(ref).toMatchObject({ format: 'csv', rows: 366 });
    expect(ref.columns.find((c) => c.name === 'date')!.inferred).toBe('datetime');
    expect(seen).toContain('bytes');
    const cols = ['precipitation', 'temp_max', 'temp_min', 'wind', 'weather', 'month'];
    const got = await s.compute(req(cols));
    const want = driftReport(parseCsv(sample('weather-2012.csv')), parseCsv(sample('weather-2015.csv')), { columns: cols });
    expect(got.report.columns.map((c) => [c.name, c.test, c.statistic, c.pValue, c.drift])).toEqual(want.columns.map((c) => [c.name, c.test, c.statistic, c.pValue, c.drift]));
    expect(got.report.dataset).toEqual(want.dataset);
    const json = JSON.parse(await s.exportJson());
    expect(json.dataset.drifted).toBe(want.dataset.drifted);
    expect(await s.exportHtml('t')).toMatch(/^<!doctype html>/);
  });

  it('prediction columns from a tabular plan (outputs given back in batch order) and accuracy on the label column', async () => {
    const s = new DataService();
    await s.load('reference', file('a.csv', 'precipitation,wind,weather\n0,1,sun\n5,2,rain\n0,3,sun\n'));
    await s.load('current', file('b.csv', 'precipitation,wind,weather\n9,1,rain\n8,2,rain\n'));
    const { plan } = planModel({ inputs: [{ name: 'x', type: 'float32', dims: ['n', 2] }], outputs: [{ name: 'p', type: 'float32', dims: ['n', 2] }] },
      { labels: ['rain', 'sun'], inputs: [{ featureNames: ['precipitation', 'wind'] }] }, null, 2);
    const inp = await s.modelInputs('reference', plan!);
    expect(inp.batches!.map((b) => b.x.dims)).toEqual([[2, 2], [1, 2]]);
    expect(Array.from(inp.batches![0].x.data as Float32Array)).toEqual([0, 1, 5, 2]);
    const out = (rows: number[][]) => ({ type: 'float32' as const, dims: [rows.length, 2], data: Float32Array.from(rows.flat()) });
    expect(await s.setPredictions('reference', [out([[0.1, 0.9], [0.8, 0.2]]), out([[0.6, 0.4]])], ['rain', 'sun'])).toEqual({ rows: 3, accuracy: 2 / 3, labelColumn: 'weather' });
    await s.setPredictions('current', [out([[0.9, 0.1], [0.9, 0.1]])], ['rain', 'sun']);
    const r = await s.compute(req(['precipitation']));
    expect(r.report.columns.map((c) => [c.name, c.role])).toEqual([['precipitation', 'feature'], ['prediction: class', 'prediction'], ['prediction: top score', 'prediction']]);
    expect(r.predictions.current).toEqual({ rows: 2, accuracy: 1, labelColumn: 'weather' });
    await expect(s.setPredictions('current', [out([[1, 0]])], null)).rejects.toThrow(/1 predictions for 2 rows/);
    expect((await s.modelInputs('current', { ...plan!, features: ['nope', 'wind'] })).batches).toBeNull();
  });

  it('OIP samples become stat columns and stacked batches', async () => {
    const s = new DataService();
    const info = await s.load('reference', file('digits-clean.jsonl', sample('digits-clean.jsonl')));
    expect(info).toMatchObject({ format: 'oip-jsonl', rows: 300, samples: 300 });
    expect(info.columns.map((c) => c.name)).toContain('image.mean');
    const { plan } = planModel({ inputs: [{ name: 'image', type: 'float32', dims: ['batch', 1, 28, 28] }], outputs: [{ name: 'logits', type: 'float32', dims: ['batch', 10] }] }, null, null, 128);
    const inp = await s.modelInputs('reference', plan!);
    expect(inp.batches!.map((b) => b.image.dims[0])).toEqual([128, 128, 44]);
  });

  it('splits one file by a date cut', async () => {
    const s = new DataService();
    const r = await s.loadSplit(file('w.csv', sample('weather-2012.csv')), { mode: 'cut', column: 'date', cut: Date.UTC(2012, 6, 1) });
    expect([r.reference.rows, r.current.rows, r.dropped]).toEqual([182, 184, 0]);
    expect(r.reference.name).toMatch(/date < cut/);
  });

  it('bad input: clear errors, and a failed load keeps the previous set', async () => {
    const s = new DataService();
    await s.load('reference', file('ok.csv', 'a,b\n1,x\n2,y\n'));
    await expect(s.load('reference', file('ragged.csv', 'a,b\n1,2\n3\n'))).rejects.toThrow(/^ragged.csv \(reference\): line 3: expected 2 fields/);
    await expect(s.load('reference', file('empty.csv', ''))).rejects.toThrow(/empty/);
    await expect(s.load('reference', file('bad.csv', Uint8Array.from([0x61, 0x0a, 0xff, 0xfe, 0x0a])))).rejects.toThrow(/invalid UTF-8/);
    await s.load('current', file('none.csv', 'a,b\n'));
    const r = await s.compute(req(['a', 'b']));
    expect(r.report.columns.every((c) => c.test === null && c.reason === 'the current set has no rows')).toBe(true);
    expect(r.report.dataset.drifted).toBe(false);
    expect(Number.isNaN(r.report.dataset.driftShare)).toBe(false);
    await expect(s.compute(req(['zzz']))).rejects.toThrow(/"zzz" is not in the reference set; "zzz" is not in the current set/);
  });

  it('mixed types, all-missing columns and thousands of columns', async () => {
    const s = new DataService();
    const info = await s.load('reference', file('m.csv', 'x,y\n1,\n2,\nabc,\n4,\n'));
    expect(info.columns[0].note).toMatch(/mixed types: 3 distinct values are numbers, 1 are text \(e.g. "abc"\)/);
    expect(info.columns[1].note).toMatch(/all values are missing/);
    const digitsAsText = await s.load('reference', file('n.jsonl', '{"k": "1"}\n{"k": "2"}\n'));
    expect(digitsAsText.columns[0]).toMatchObject({ storage: 'string', note: null });
    const wide = (seed: number) => {
      const head = Array.from({ length: 2000 }, (_, i) => `c${i}`).join(',');
      const rows = Array.from({ length: 30 }, (_, r) => Array.from({ length: 2000 }, (_, i) => (r * 7 + i * seed) % 13).join(','));
      return [head, ...rows].join('\n');
    };
    await s.load('reference', file('w1.csv', wide(1)));
    await s.load('current', file('w2.csv', wide(3)));
    const names = Array.from({ length: 2000 }, (_, i) => `c${i}`);
    const r = await s.compute(req(names));
    expect(r.report.columns).toHaveLength(2000);
    expect(r.report.columns[0].histogram).toBeUndefined();
  });

  it('cancel stops a computation', async () => {
    const s = new DataService();
    await s.load('reference', file('a.csv', 'a\n1\n2\n'));
    await s.load('current', file('b.csv', 'a\n1\n3\n'));
    const names = ['a'];
    const p = s.compute(req(names), () => void s.cancel());
    await expect(p).rejects.toMatchObject({ name: 'CancelledError' });
  });
});

describe('timeline in steps', () => {
  it('equals one driftTimeline call (weather 2015 by week and by day), with progress per step', async () => {
    const { timelineInSteps } = await import('./timeline-chunks.ts');
    const { driftTimeline } = await import('../lib/drift/timeline.ts');
    const ref = parseCsv(sample('weather-2012.csv'));
    const cur = parseCsv(sample('weather-2015.csv') + ',,,,,,\n');
    const opts = { columns: ['precipitation', 'temp_max', 'weather'] };
    for (const w of ['week', 'day'] as const) {
      const steps: number[] = [];
      const got = await timelineInSteps(ref, cur, w, 'date', opts, new AbortController().signal, (d) => steps.push(d));
      expect(got).toEqual(driftTimeline(ref, cur, w, 'date', opts));
      expect(got.skippedRows).toBe(1);
      expect(steps.at(-1)).toBe(got.windows.length);
    }
    const rows = await timelineInSteps(ref, cur, 100, null, opts, new AbortController().signal, () => undefined);
    expect(rows.windows.map((w) => w.rows)).toEqual([100, 100, 100, 66]);
  });
  it('stops when cancelled', async () => {
    const { timelineInSteps } = await import('./timeline-chunks.ts');
    const ctrl = new AbortController();
    const t = parseCsv(sample('weather-2015.csv'));
    await expect(timelineInSteps(t, t, 'day', 'date', {}, ctrl.signal, () => ctrl.abort())).rejects.toMatchObject({ name: 'CancelledError' });
  });
});
