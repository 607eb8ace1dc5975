// The compare screen as a user drives it: the weather model on this device against the real
// bundled baseline server (startServer, as `npm start` runs it) shows metrics, plots and the
// latency split; a server that is down gives an error naming it and the page stays usable; a
// stuck server can be cancelled from the progress bar.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, loadDemo, fixture, type AppSession } from './setup/app.ts';
import { startServer, type RunningServer } from '../src/server/server.ts';

let app: AppSession;
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ models: [fixture('public/models/weather.onnx'), fixture('public/models/digits.onnx')], port: 0, workers: 1, log: () => undefined });
  app = await openApp('#/model');
  await loadDemo(app.page, 'weather');
  await app.page.evaluate(() => (location.hash = '#/compare'));
  await app.page.waitForSelector('[data-testid=baseline-url]');
});
afterAll(async () => {
  await app?.close();
  await server?.close();
});

async function compareAgainst(url: string): Promise<void> {
  const { page } = app;
  await page.fill('[data-testid=baseline-url]', url);
  await page.click('[data-testid=compare-run]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=compare-cancel]') && (document.querySelector('[data-testid=compare-results]') || document.querySelector('[data-testid=compare-error]')), undefined, { timeout: 90_000 });
}

describe('compare screen', () => {
  it('defaults to the bundled server and the bundled model name', async () => {
    const { page } = app;
    expect(await page.inputValue('[data-testid=baseline-url]')).toBe('http://127.0.0.1:8000');
    expect(await page.inputValue('[data-testid=baseline-model]')).toBe('weather');
    expect(await page.inputValue('[data-testid=sample-set]')).toBe('weather-heldout');
  });

  it('against the bundled server: metrics, plots, worst samples with drill-down, latency split', async () => {
    const { page } = app;
    await compareAgainst(server.url);
    expect(await page.$('[data-testid=compare-error]')).toBeNull();
    expect(await page.getAttribute('[data-testid=verdict]', 'data-pass')).toBe('true');
    const rows = await page.$$eval('[data-testid=metrics] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-output')));
    expect(rows).toEqual(['logits', 'probabilities']);
    const probs = await page.textContent('[data-testid=metrics] tr[data-output=probabilities]');
    expect(probs).toMatch(/pass/);
    expect(probs).toMatch(/100%/);
    // accuracy of both sides on the held-out labels = the card's 0.8219
    expect(await page.textContent('[data-testid=accuracy]')).toMatch(/device 0\.8219, baseline 0\.8219/);
    expect(await page.$$eval('[data-testid=scatter] circle', (c) => c.length)).toBeGreaterThan(1000);
    expect(await page.$$eval('[data-testid=histogram] rect', (r) => r.length)).toBeGreaterThan(1);
    expect(await page.$$eval('[data-testid=agreement] rect', (r) => r.length)).toBeGreaterThanOrEqual(219);
    const latency = await page.textContent('[data-testid=latency]');
    expect(latency).toMatch(/This device: compute\s*\d+\.\d+ ms/);
    expect(latency).toMatch(/server compute \d+\.\d+ ms/);
    expect(latency).toMatch(/network & serialisation \d+\.\d+ ms/);
    expect(await page.$$eval('[data-testid=worst] tbody tr', (r) => r.length)).toBe(10);
    await page.click('[data-testid=worst] tbody tr button');
    const detail = await page.textContent('[data-testid=sample-detail]');
    expect(detail).toContain('precipitation');
    expect(detail).toMatch(/device\s*baseline/);
  });

  it('a tolerance edit re-judges without running again; export gives the report as JSON', async () => {
    const { page } = app;
    await page.fill('input[aria-label="atol for logits"]', '0');
    await page.fill('input[aria-label="rtol for logits"]', '0');
    await page.press('input[aria-label="rtol for logits"]', 'Tab');
    // wasm vs onnxruntime-node differ in the last bits of the logits: zero tolerance fails them.
    await page.waitForSelector('[data-testid=verdict][data-pass=false]');
    expect(await page.textContent('[data-testid=verdict]')).toMatch(/output "logits": \d+ of 1095 elements/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=compare-export]')]);
    const json = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(json.samples).toBe(219);
    expect(json.outputs[0].tolerance).toEqual({ atol: 0, rtol: 0 });
    expect(json.latency.perSample).toHaveLength(219);
    await page.fill('input[aria-label="atol for logits"]', '0.00001');
    await page.fill('input[aria-label="rtol for logits"]', '0.001');
    await page.press('input[aria-label="rtol for logits"]', 'Tab');
    await page.waitForSelector('[data-testid=verdict][data-pass=true]');
  });

  it('a server that is down: an error naming it, and the page stays usable', async () => {
    const { page } = app;
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    await compareAgainst(`http://127.0.0.1:${port}`);
    const err = await page.waitForSelector('[data-testid=compare-error]');
    expect(await err.getAttribute('data-error-name')).toBe('BaselineError');
    expect(await err.getAttribute('data-error-kind')).toBe('unreachable');
    const text = await err.textContent();
    expect(text).toContain('The baseline server cannot be reached');
    expect(text).toContain(`http://127.0.0.1:${port}`);
    expect(text).toMatch(/likely down.*--cors http:\/\/localhost:\d+/);
    // still usable: the same screen compares again against the live server
    await compareAgainst(server.url);
    expect(await page.$('[data-testid=compare-error]')).toBeNull();
    expect(await page.getAttribute('[data-testid=verdict]', 'data-pass')).toBe('true');
    expect(app.pageErrors).toEqual([]);
  });

  it('a server that does not allow this origin: CORS named, with the --cors fix', async () => {
    const { page } = app;
    const strict = await startServer({ models: [fixture('public/models/weather.onnx')], port: 0, workers: 1, cors: ['https://elsewhere.example'], log: () => undefined });
    try {
      await compareAgainst(strict.url);
      const err = await page.waitForSelector('[data-testid=compare-error]');
      expect(await err.getAttribute('data-error-kind')).toBe('cors');
      const text = await err.textContent();
      expect(text).toContain('The browser blocked the baseline server (CORS)');
      expect(text).toMatch(/edgeprobe serve MODEL --cors http:\/\/localhost:\d+/);
    } finally {
      await strict.close();
    }
  });

  it('a stuck server shows progress and can be cancelled', async () => {
    const { page } = app;
    // Health and metadata answer; inference never does. CORS as a browser needs it.
    const stuck: Server = createServer((req, res) => {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Accept');
      if (req.method === 'OPTIONS') return res.writeHead(204).end();
      if (req.url?.endsWith('/infer')) return; // hang
      if (req.url === '/v2/models/weather') return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ name: 'weather', inputs: [], outputs: [] }));
      res.writeHead(200).end(req.url === '/v2' ? '{"name":"stuck"}' : '');
    });
    await new Promise<void>((r) => stuck.listen(0, '127.0.0.1', r));
    try {
      await page.fill('[data-testid=baseline-url]', `http://127.0.0.1:${(stuck.address() as AddressInfo).port}`);
      await page.click('[data-testid=compare-run]');
      await page.waitForSelector('progress[aria-label="Asking the baseline"]');
      await page.click('[data-testid=compare-cancel]');
      const err = await page.waitForSelector('[data-testid=compare-error]');
      expect(await err.textContent()).toMatch(/Cancelled|cancelled/);
      expect(await page.isEnabled('[data-testid=compare-run]')).toBe(true);
      // the last good results are kept
      expect(await page.$('[data-testid=compare-results]')).not.toBeNull();
    } finally {
      stuck.closeAllConnections();
      await new Promise<void>((r) => stuck.close(() => r()));
    }
  });

  it('a connection closed mid-response is named as such, not "down or CORS"', async () => {
    const { page } = app;
    const cut: Server = createServer((req, res) => {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Accept');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      if (req.method === 'OPTIONS') return res.writeHead(204).end();
      if (req.url?.endsWith('/infer')) {
        // Headers and the start of the body, then the connection goes.
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4000' });
        res.write('{"model_name":"weather","outputs":[');
        setTimeout(() => res.socket?.destroy(), 50);
        return;
      }
      if (req.url === '/v2/models/weather') return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ name: 'weather', inputs: [], outputs: [] }));
      res.writeHead(200).end(req.url === '/v2' ? '{"name":"cut"}' : '');
    });
    await new Promise<void>((r) => cut.listen(0, '127.0.0.1', r));
    try {
      await compareAgainst(`http://127.0.0.1:${(cut.address() as AddressInfo).port}`);
      const err = await page.waitForSelector('[data-testid=compare-error]');
      const text = await err.textContent();
      expect(text).toMatch(/closed the connection mid-response/);
      expect(text).not.toMatch(/likely down|by CORS/);
    } finally {
      cut.closeAllConnections();
      await new Promise<void>((r) => cut.close(() => r()));
    }
  });

  it('knows the real port of the baseline started beside the page (BASELINE_PORT), as npm start tells it', async () => {
    const { page } = app;
    const dir = mkdtempSync(join(tmpdir(), 'edgeprobe-e2e-baseline-'));
    writeFileSync(join(dir, 'baseline.json'), JSON.stringify({ url: server.url }));
    app.server.mount('/edgeprobe-baseline.json', join(dir, 'baseline.json'));
    // A fresh page (the URL typed earlier in this session would rightly be kept).
    await page.goto(`${app.url}/#/model`);
    await page.reload();
    await loadDemo(page, 'weather');
    await page.evaluate(() => (location.hash = '#/compare'));
    await page.waitForFunction((url) => (document.querySelector('[data-testid=baseline-url]') as HTMLInputElement | null)?.value === url, server.url);
    expect(server.url).not.toMatch(/:8000$/);
    expect(await page.textContent('body')).toContain(`runs one with the demo models at ${server.url}`);
  });
});
