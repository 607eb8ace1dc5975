// Memory after a model loads, in real Chromium: the card's worker JS heap comes from the page's
// performance.measureUserAgentSpecificMemory (no performance.memory in a worker). With the app's
// default wasm thread pool Chromium answers only at its 60 s timeout, hence the long wait.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo, openApp, root, type AppSession } from './setup/app.ts';
import type { BenchResult } from '../src/lib/bench/types.ts';

let s: AppSession;
beforeAll(async () => { s = await openApp('#/model'); }, 60_000);
afterAll(async () => { await s?.close(); });

describe('memory after a model loads', () => {
  it('shows the worker\'s wasm heap, the worker\'s JS heap (measured) and the page\'s JS heap', async () => {
    await loadDemo(s.page, 'weather');
    const card = s.page.locator('[data-testid=memory-after-load]');
    await expect.poll(() => card.textContent(), { timeout: 100_000, interval: 1000 }).toMatch(/worker: wasm heap \d+(\.\d+)? MiB, JS heap \d+(\.\d+)? MiB · page JS heap \d+(\.\d+)? MiB/);
    expect(s.pageErrors).toEqual([]);
  }, 150_000);
});

describe('peak memory per benchmark config (CLI, browser runtime)', () => {
  it('a single-thread config carries the worker JS heap measured by the page; a thread-pool config keeps it null', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'edgeprobe-mem-')), 'r.json');
    execFileSync(process.execPath, [join(root, 'bin/edgeprobe.js'), 'bench', 'public/models/weather.onnx', '--runtime', 'browser', '--threads', '1,2',
      '--rounds', '1', '--runs', '20', '--warmup', '2', '--min-time', '0.05', '--profile', '0', '--json', out], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const r = JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
    const byThreads = new Map(r.configs.map((c) => [c.config.threads, c.memory]));
    const one = byThreads.get(1)!;
    expect(one.wasmHeapBytes).toBeGreaterThan(1_000_000);
    // The worker's JS heap: positive, and far below the wasm heap it is separated from for this tiny model.
    expect(one.jsHeapBytes).toBeGreaterThan(100_000);
    expect(one.jsHeapBytes).toBeLessThan(one.wasmHeapBytes!);
    expect(byThreads.get(2)!.jsHeapBytes).toBeNull();
  }, 120_000);
});
