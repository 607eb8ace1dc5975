// The app as a user drives it in Debian's Chromium, with the real onnxruntime-web in the real
// worker: bundled models predict, an uploaded model gets its card, bad files get a clear error
// and leave the page usable, a dead worker is replaced, and webgpu agrees with wasm.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { openApp, loadDemo, fixture, type AppSession } from './setup/app.ts';

let app: AppSession;
beforeAll(async () => {
  app = await openApp('#/model');
});
afterAll(async () => {
  await app?.close();
});

const index = JSON.parse(readFileSync(fixture('public/models/index.json'), 'utf8')) as { models: { id: string; sha256: string }[] };

describe('bundled models', () => {
  it('shows the digits card and predicts a drawn "1"', async () => {
    const { page } = app;
    await loadDemo(page, 'digits');
    expect(await page.textContent('[data-testid=sha256]')).toBe(index.models.find((m) => m.id === 'digits')!.sha256);
    expect(await page.textContent('[data-testid=inputs-table]')).toContain('[batch, 1, 28, 28]');
    await page.click('text=Try it');
    const pad = await page.waitForSelector('[data-testid=draw-pad]');
    const b = (await pad.boundingBox())!;
    await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * 0.15);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * 0.5, { steps: 8 });
    await page.mouse.move(b.x + b.width * 0.52, b.y + b.height * 0.85, { steps: 8 });
    await page.mouse.up();
    const top = await page.waitForSelector('[data-testid=top-class]');
    expect(await top.getAttribute('data-label')).toBe('1');
    const ranOn = await page.textContent('[data-testid=ran-on]');
    expect(ranOn).toMatch(/wasm · \d+ threads?/);
    expect(await page.textContent('[data-testid=timing]')).toMatch(/compute \d+\.\d+ ms/);
  });

  it('predicts held-out digits correctly (the model card says 98%)', async () => {
    const { page } = app;
    let right = 0;
    for (let i = 0; i < 8; i++) {
      await page.click('text=Random held-out image');
      await page.waitForSelector('[data-testid=true-label]');
      await page.waitForFunction(() => document.querySelector('[data-testid=top-class]') && !document.querySelector('[data-testid=run]')?.textContent?.includes('Running'));
      const truth = (await page.textContent('[data-testid=true-label]'))!.replace('true label: ', '').trim();
      const got = await page.getAttribute('[data-testid=top-class]', 'data-label');
      if (got === truth) right++;
    }
    expect(right).toBeGreaterThanOrEqual(6);
  });

  it('predicts the weather from the form, one field per named feature', async () => {
    const { page } = app;
    await page.goto(`${app.url}/#/model`);
    await loadDemo(page, 'weather');
    await page.click('text=Try it');
    for (const f of ['precipitation', 'temp_max', 'temp_min', 'wind', 'month']) await page.waitForSelector(`[data-feature=${f}]`);
    await page.fill('[data-feature=precipitation]', '25');
    await page.fill('[data-feature=temp_max]', '9');
    await page.fill('[data-feature=temp_min]', '4');
    await page.fill('[data-feature=wind]', '5');
    await page.fill('[data-feature=month]', '11');
    await page.click('button:has-text("Predict")');
    const top = await page.waitForSelector('[data-output=probabilities] [data-testid=top-class]');
    expect(await top.getAttribute('data-label')).toBe('rain');
  });
});

describe('models from the user', () => {
  it('shows the card of an uploaded model with symbolic dims and runs it with chosen dims', async () => {
    const { page } = app;
    await page.goto(`${app.url}/#/model`);
    await page.setInputFiles('[data-testid=model-file]', fixture('tests/fixtures/models/conv_dynamic.onnx'));
    await page.waitForFunction(() => document.querySelector('#card-title')?.textContent?.includes('conv_dynamic'));
    expect(await page.textContent('[data-testid=inputs-table]')).toMatch(/\[N, 3, H, W\]/);
    await page.click('text=Try it');
    await page.click('button[role=tab]:has-text("Tensors")');
    // Defaults are shown for the symbolic dims (batch 1, spatial 224); choose others.
    expect(await page.inputValue('input[aria-label="image dimension H"]')).toBe('224');
    for (const [dim, v] of [['N', '3'], ['H', '16'], ['W', '20']]) {
      await page.fill(`input[aria-label="image dimension ${dim}"]`, v);
      await page.dispatchEvent(`input[aria-label="image dimension ${dim}"]`, 'change');
    }
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-output=logits]');
    expect(await page.textContent('[data-output=logits]')).toContain('float32 [3, 5]');
  });

  it('runs a model with float32, int64 scalar, bool and float16 inputs from generated tensors', async () => {
    const { page } = app;
    await page.goto(`${app.url}/#/model`);
    await page.setInputFiles('[data-testid=model-file]', fixture('tests/fixtures/models/multi_input_types.onnx'));
    await page.waitForFunction(() => document.querySelector('#card-title')?.textContent?.includes('multi_input_types'));
    await page.click('text=Try it');
    await page.click('button:has-text("Ones")');
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-output=n_plus_one]');
    expect(await page.textContent('[data-output=n_plus_one]')).toContain('int64 []');
    expect(await page.textContent('[data-output=y16]')).toContain('float16 [2, 3]');
    expect(await page.locator('[role=alert]').count()).toBe(0);
  });

  it('names a corrupt file, keeps the loaded model, and stays usable', async () => {
    const { page } = app;
    await page.goto(`${app.url}/#/model`);
    await loadDemo(page, 'weather');
    for (const [file, pattern] of [
      ['png_renamed.onnx', /PNG image/],
      ['truncated.onnx', /truncated/],
      ['empty.onnx', /empty/],
      ['zip_renamed.onnx', /ZIP/],
    ] as const) {
      await page.setInputFiles('[data-testid=model-file]', fixture(`tests/fixtures/models/${file}`));
      const err = await page.waitForSelector('[role=alert][data-error-name=ModelLoadError]');
      expect(await err.textContent()).toMatch(pattern);
      expect(await page.textContent('#card-title')).toContain('weather');
      await page.click('[aria-label="Dismiss error"]');
    }
    await loadDemo(page, 'digits');
    expect(await page.textContent('#card-title')).toContain('digits');
  });

  it('asks for the external data file, then loads the model with it', async () => {
    const { page } = app;
    await page.setInputFiles('[data-testid=model-file]', fixture('tests/fixtures/models/external_data.onnx'));
    const err = await page.waitForSelector('[role=alert][data-error-name=ModelLoadError]');
    expect(await err.textContent()).toContain('external_data.onnx.data');
    await page.setInputFiles('[data-testid=model-file]', [fixture('tests/fixtures/models/external_data.onnx'), fixture('tests/fixtures/models/external_data.onnx.data')]);
    await page.waitForFunction(() => document.querySelector('#card-title')?.textContent?.includes('external_data'));
  });
});

describe('engine robustness', () => {
  it('replaces a worker that dies, tells the user, and keeps the model', async () => {
    const { page } = app;
    await page.goto(`${app.url}/harness.html`);
    await page.waitForFunction(() => 'edgeprobe' in globalThis);
    const r = await page.evaluate(async () => {
      const ep = (globalThis as any).edgeprobe;
      await ep.init(1);
      const loaded = await ep.load('/models/weather.onnx', 'wasm');
      const req = { inputs: [{ name: 'features', shape: [1, 5], datatype: 'FP32', data: [0, 12, 5, 3, 6] }] };
      const before = await ep.run(loaded.sessionId, req);
      const crash = await ep.crash('oom');
      const after = await ep.run(loaded.sessionId, req);
      return { before: before.outputs[0].data, after: after.outputs[0].data, crash };
    });
    expect(r.crash.restarts).toBe(1);
    // How fast the crash is noticed is timing (the host's heartbeat); here only that it was measured.
    expect(r.crash.noticedMs).toBeGreaterThanOrEqual(0);
    expect(r.after).toEqual(r.before);
  });

  it('runs the CNN on webgpu (SwiftShader here) within 1e-4 of wasm', async () => {
    const { page } = app;
    const r = await page.evaluate(async () => {
      const ep = (globalThis as any).edgeprobe;
      const env = await ep.init(1);
      const data = Array.from({ length: 784 * 2 }, (_, i) => ((i * 7919) % 256) / 255);
      const req = { inputs: [{ name: 'image', shape: [2, 1, 28, 28], datatype: 'FP32', data }] };
      const w = await ep.load('/models/digits.onnx', 'wasm');
      const g = await ep.load('/models/digits.onnx', 'webgpu');
      if (g.error) return { env, error: g.error };
      const a = await ep.run(w.sessionId, req);
      const b = await ep.run(g.sessionId, req);
      return { env, a: a.outputs[0].data as number[], b: b.outputs[0].data as number[], backends: [a.backend, b.backend] };
    });
    expect(r.env.webgpu.available, JSON.stringify(r.env.webgpu)).toBe(true);
    // A software adapter is named as such, in the environment and in the header.
    const { vendor = '', architecture = '', description = '' } = r.env.webgpu;
    const swift = /swiftshader/i.test(`${vendor} ${architecture} ${description}`);
    expect(r.env.webgpu.software ?? null).toBe(swift ? 'SwiftShader' : null);
    if (swift) {
      await page.goto(`${app.url}/#/model`);
      await page.waitForSelector('[data-testid=webgpu-badge]');
      expect(await page.textContent('[data-testid=webgpu-badge]')).toContain('software (SwiftShader)');
    }
    expect(r.error).toBeUndefined();
    expect(r.backends).toEqual(['wasm', 'webgpu']);
    expect(r.a!.length).toBe(20);
    r.a!.forEach((v, i) => expect(Math.abs(v - r.b![i]!)).toBeLessThan(1e-4));
  });

  it('says webgpu is unavailable instead of falling back, when the browser has none', async () => {
    const plain = await openApp('harness.html', { args: ['--disable-features=WebGPU', '--disable-gpu'] });
    try {
      // Swap the flag set: a browser without --enable-unsafe-webgpu has no adapter here.
      const r = await plain.page.evaluate(async () => {
        const ep = (globalThis as any).edgeprobe;
        const env = await ep.init(1);
        return { env, load: await ep.load('/models/digits.onnx', 'webgpu') };
      });
      if (r.env.webgpu.available) return; // a real GPU machine: nothing to refuse
      expect(r.load.error.name).toBe('BackendUnavailableError');
      expect(r.load.error.message).toMatch(/WebGPU was requested but is not available/);
    } finally {
      await plain.close();
    }
  });

  it('had no uncaught page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
