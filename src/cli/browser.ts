// The CLI's browser runtime: the built app's harness page in headless Chromium, driving the same
// engine worker the app uses. Model files are handed to the page by URL from a local server.
import { existsSync } from 'node:fs';
import { resolve, basename, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveStatic, type StaticServer } from './static.ts';
import type { EnvironmentInfo } from '../engine-web/protocol.ts';
import { UsageError } from './args.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** Chromium flags: no sandbox as root, no background traffic (the network is closed), WebGPU on. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu',
  // performance.measureUserAgentSpecificMemory answers at once instead of at the next GC (seconds):
  // the benchmark reads the worker's JS heap with it once per config.
  '--enable-blink-features=ForceEagerMeasureMemory',
];

export function chromiumPath(): string {
  const p = process.env.EDGEPROBE_CHROMIUM ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p)) {
    throw new UsageError(`Chromium not found at ${p}: install it (apt-get install -y chromium) or set EDGEPROBE_CHROMIUM, or use --runtime native`);
  }
  return p;
}

/** Build dist/ once when it is missing, so the CLI works straight from a clone. */
export function ensureBuilt(): string {
  const dist = resolve(repoRoot, 'dist');
  if (!existsSync(resolve(dist, 'harness.html'))) {
    process.stderr.write('edgeprobe: building the app (first run)…\n');
    execFileSync(process.execPath, [resolve(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return dist;
}

export interface HarnessError {
  error: { name: string; message: string };
}

export function isHarnessError(v: unknown): v is HarnessError {
  return typeof v === 'object' && v !== null && 'error' in v;
}

export class BrowserRuntime {
  private modelCount = 0;
  private constructor(readonly browser: Browser, readonly page: Page, readonly server: StaticServer) {}

  static async open(): Promise<BrowserRuntime> {
    const dist = ensureBuilt();
    const server = await serveStatic(dist);
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    await page.goto(`${server.url}/harness.html`);
    await page.waitForFunction(() => 'edgeprobe' in globalThis, undefined, { timeout: 30_000 });
    return new BrowserRuntime(browser, page, server);
  }

  /** Start (or restart) the engine worker with this many wasm threads. */
  init(threads: number): Promise<EnvironmentInfo> {
    return this.page.evaluate((t) => (globalThis as any).edgeprobe.init(t), threads);
  }

  /** Make a local file fetchable by the page; returns its URL path. */
  mount(file: string): string {
    const path = `/__files/${this.modelCount++}/${encodeURIComponent(basename(file))}`;
    this.server.mount(decodeURIComponent(path), file);
    return path;
  }

  /** Call a method of the harness API with JSON arguments. */
  call<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.page.evaluate(([m, a]) => (globalThis as any).edgeprobe[m as string](...(a as unknown[])), [method, args] as const) as Promise<T>;
  }

  /** Loads a model (and the external data files it names) in the page's engine; its session id, or
   * the page's error rethrown with its name. */
  async load(modelPath: string, ep: string, externalData: string[] = []): Promise<string> {
    const loaded = await this.call<{ sessionId: string } | HarnessError>(
      'load', this.mount(modelPath), ep, undefined, mountExternal(this, modelPath, externalData));
    if (isHarnessError(loaded)) throw Object.assign(new Error(loaded.error.message), { name: loaded.error.name });
    return loaded.sessionId;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.close();
  }
}

/** Make a model's external data files fetchable by the page, by the paths the model records. */
export function mountExternal(rt: BrowserRuntime, modelPath: string, locations: string[]): { path: string; url: string }[] {
  return locations.map((loc) => {
    const file = resolve(dirname(modelPath), loc);
    if (!existsSync(file)) throw new UsageError(`the model keeps weights in "${loc}", which is not next to it (${file})`);
    return { path: loc, url: rt.mount(file) };
  });
}
