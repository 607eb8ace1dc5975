// `edgeprobe bench DIR`: a text model folder benchmarked by sequence length — the sweep planned
// against the folder's maximum length, real token ids from its tokenizer, one config per length in
// the JSON with the shapes it ran at (natively, onnxruntime-node), and the usage errors by name.
import { describe, it, expect } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { prepareTextBench } from './bench-text.ts';
import { textBenchInputs } from '../lib/bench/seq-len.ts';
import { runCli } from './cli-process.testing.ts';
import type { BenchResult } from '../lib/bench/types.ts';

const folder = resolve(import.meta.dirname, '../../public/models/debian-sections');
const vocab = JSON.parse(readFileSync(join(folder, 'tokenizer.json'), 'utf8')).model.vocab as Record<string, number>;
const quick = ['--runtime', 'native', '--threads', '1', '--rounds', '1', '--runs', '5', '--warmup', '1', '--warmup-time', '0', '--min-time', '0', '--e2e', '0', '--profile', '0'];

describe('prepareTextBench (the bundled debian-sections folder, maximum 64 tokens)', () => {
  it('plans 16 and 64 by default, notes that 128 is over the maximum, and tokenizes real text', () => {
    const t = prepareTextBench(folder, undefined, undefined);
    expect(t.maxLength).toBe(64);
    expect(t.seqLengths).toEqual([16, 64]);
    expect(t.notes).toEqual([{ what: 'sequence length 128', reason: "over the model's maximum length of 64 tokens; 64 is in the sweep already" }]);
    expect(t.modelPath).toBe(join(folder, 'model.onnx'));
    const ids = t.feed.ids;
    expect(ids.length).toBeGreaterThanOrEqual(64);
    expect(ids[0]).toBe(vocab['[CLS]']);
    expect(ids.at(-1)).toBe(vocab['[SEP]']);
    // Real words of the sample text, not [UNK] or padding everywhere.
    const known = ids.filter((id) => id !== vocab['[UNK]'] && id !== vocab['[PAD]']).length;
    expect(known / ids.length).toBeGreaterThan(0.9);
    expect(ids).toContain(vocab.package);
    const feeds = textBenchInputs([{ name: 'input_ids', type: 'int64', dims: ['batch', 'sequence'] }, { name: 'attention_mask', type: 'int64', dims: ['batch', 'sequence'] }], { input_ids: [1, 16], attention_mask: [1, 16] }, t.feed);
    const row = [...(feeds.input_ids!.data as BigInt64Array)].map(Number);
    expect(row).toEqual([...ids.slice(0, 15), vocab['[SEP]']]);
    expect([...(feeds.attention_mask!.data as BigInt64Array)].every((v) => v === 1n)).toBe(true);
  });

  it('finds model.onnx in an Optimum-style onnx/ subfolder (the page is handed that path)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-optimum-'));
    try {
      for (const f of ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'config.json']) copyFileSync(join(folder, f), join(dir, f));
      mkdirSync(join(dir, 'onnx'));
      copyFileSync(join(folder, 'model.onnx'), join(dir, 'onnx', 'model.onnx'));
      expect(prepareTextBench(dir, [16], undefined).modelPath).toBe(join(dir, 'onnx', 'model.onnx'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the lengths asked for and caps them; refuses --shape beside the sweep', () => {
    expect(prepareTextBench(folder, [8, 32, 100], undefined).seqLengths).toEqual([8, 32, 64]);
    expect(() => prepareTextBench(folder, [0], undefined)).toThrow(expect.objectContaining({ name: 'UsageError', message: expect.stringMatching(/--seq-len/) }));
    expect(() => prepareTextBench(folder, undefined, { input_ids: [1, 16] })).toThrow(/--seq-len/);
  });
});

describe('edgeprobe bench DIR --seq-len (native)', () => {
  it('runs one config per length with the shapes, in the JSON and the github-action-benchmark names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-seq-'));
    try {
      const out = join(dir, 'bench.json');
      const r = await runCli(['bench', folder, '--seq-len', '8,32,128', ...quick, '--json', out, '--format', 'github-action-benchmark']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/sequence lengths 8, 32, 64 tokens/);
      expect(r.stderr).toMatch(/skipped sequence length 128: over the model's maximum length of 64 tokens; runs at 64 instead/);
      const result = JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
      expect(result.model.name).toBe('debian-sections');
      expect(result.configs.map((c) => [c.id, c.config.seqLen, c.shapes])).toEqual([8, 32, 64].map((s) => [
        `cpu-t1-all-b1-s${s}`, s, { input_ids: [1, s], attention_mask: [1, s] },
      ]));
      for (const c of result.configs) {
        expect(c.error).toBeNull();
        expect(c.label).toBe(`cpu · 1 thread · opt all · batch 1 · seq ${c.config.seqLen}`);
        expect(c.compute!.n).toBeGreaterThanOrEqual(5);
      }
      const names = (JSON.parse(r.stdout) as { name: string }[]).map((e) => e.name);
      expect(names).toContain('debian-sections cpu-t1-all-b1-s32 input_ids=1×32 attention_mask=1×32 p50');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses --seq-len on a single .onnx (exit 2, saying what to give instead)', async () => {
    const r = await runCli(['bench', join(folder, 'model.onnx'), '--seq-len', '16', ...quick]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seq-len needs a text model folder.*--shape/);
  });
});
