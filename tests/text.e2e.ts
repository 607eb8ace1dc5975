// Text models end to end: the bundled debian-sections folder in the Demo view (type a sentence →
// label, confidence, tokens and the word explanation; feedback and its export), folders picked as
// files (one without a tokenizer or with an oversized one is named and the page stays usable), a
// folder kept on the device across a reload, Predict's examples from a samples file, the drift
// report's text descriptors on the bundled text pair, and `edgeprobe run DIR --text/--texts` giving
// the same labels in Chromium and natively.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, root, fixture, type AppSession } from './setup/app.ts';

const exec = promisify(execFile);
const cli = (...args: string[]) => exec(process.execPath, [join(root, 'bin/edgeprobe.js'), ...args], { cwd: root, maxBuffer: 16 << 20 });
const DIR = 'public/models/debian-sections';
const config = JSON.parse(readFileSync(fixture(`${DIR}/config.json`), 'utf8')) as { id2label: Record<string, string> };
const labels = Object.values(config.id2label);
const folderFiles = (names: string[]) => names.map((n) => ({ name: n, mimeType: 'application/octet-stream', buffer: readFileSync(fixture(`${DIR}/${n}`)) }));

let app: AppSession;
beforeAll(async () => {
  app = await openApp('#/demo?model=debian-sections');
});
afterAll(async () => {
  await app?.close();
});

describe('text demo', () => {
  it('type a sentence → label from config.json, confidence, tokens and a word explanation', async () => {
    const { page } = app;
    await page.waitForSelector('[data-testid=text-input]', { timeout: 60_000 });
    await page.fill('[data-testid=text-input]', 'A fast puzzle game with colourful blocks and dragons');
    await page.click('[data-testid=text-predict]');
    const answer = await page.waitForSelector('[data-testid=text-answer]', { timeout: 60_000 });
    expect(await answer.getAttribute('data-label')).toBe('games');
    expect(labels).toContain(await page.textContent('[data-testid=text-label]'));
    const confidence = Number(await answer.getAttribute('data-confidence'));
    expect(confidence).toBeGreaterThan(0.5);
    expect(await page.textContent('[data-testid=text-confidence]')).toMatch(/^\d+(\.\d)?% sure$/);
    expect(await page.textContent('[data-testid=text-tokens]')).toMatch(/\[CLS\].*puzzle.*\[SEP\]/);
    expect(await page.textContent('[data-testid=text-estimate]')).toMatch(/each of the 9 words/);
    await page.waitForSelector('[data-testid=text-explanation]', { timeout: 60_000 });
    const words = await page.$$eval('[data-testid=text-word]', (els) => els.map((e) => [e.textContent, Number(e.getAttribute('data-attribution'))] as const));
    expect(words.map((w) => w[0])).toEqual(['A', 'fast', 'puzzle', 'game', 'with', 'colourful', 'blocks', 'and', 'dragons']);
    const top = [...words].sort((a, b) => b[1] - a[1])[0]!;
    expect(['puzzle', 'game', 'dragons', 'blocks']).toContain(top[0]);
    expect(await page.textContent('[data-testid=text-card-accuracy]')).toMatch(/\d+\.\d% on \d+ texts/);
    expect(app.pageErrors).toEqual([]);
  });

  it('says when a text is longer than the model reads, and an example fills the box with its true label', async () => {
    const { page } = app;
    await page.fill('[data-testid=text-input]', 'network monitoring daemon '.repeat(40));
    await page.click('[data-testid=text-predict]');
    expect(await (await page.waitForSelector('[data-testid=text-truncated]')).textContent()).toMatch(/needs 122 tokens; the model reads at most 64/);
    // 120 words: the cost is shown first and the explanation waits to be asked for.
    expect(await page.textContent('[data-testid=text-estimate]')).toMatch(/each of the 120 words in turn: 120 variants in one batched run \(the last run, of one text, took [\d.]+ ms\)/);
    expect(await page.textContent('[data-testid=text-explain]')).toBe('Explain (120 variants)');
    expect(await page.$('[data-testid=text-explanation]')).toBeNull();
    await page.click('[data-testid=text-example] >> nth=0');
    await page.waitForFunction(() => !document.querySelector('[data-testid=text-truncated]'));
    expect((await page.inputValue('[data-testid=text-input]')).length).toBeGreaterThan(5);
  });
});

describe('text demo feedback', () => {
  it('marks answers right or wrong, shows the running score and exports the texts with the right labels', async () => {
    const { page } = app;
    await page.fill('[data-testid=text-input]', 'IMAP mail client with spam filtering');
    await page.click('[data-testid=text-predict]');
    await page.waitForSelector('[data-testid=text-answer][data-label=mail]', { timeout: 60_000 });
    await page.click('[data-testid=feedback-right]');
    await page.waitForSelector('[data-testid=text-feedback-count]:has-text("1 right of 1 (100%)")');
    await page.fill('[data-testid=text-input]', 'chess engine with a graphical board');
    await page.click('[data-testid=text-predict]');
    const said = await (await page.waitForSelector('[data-testid=text-answer]', { timeout: 60_000 })).getAttribute('data-label');
    await page.click('[data-testid=feedback-wrong]');
    const right = labels.find((l) => l !== said && l === 'games') ?? labels.find((l) => l !== said)!;
    await page.selectOption('[data-testid=feedback-label]', { label: right });
    await page.click('[data-testid=feedback-save]');
    await page.waitForSelector('[data-testid=text-feedback-count]:has-text("1 right of 2 (50%)")');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=text-feedback-export]')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toBe(`text,label,predicted,correct\nIMAP mail client with spam filtering,mail,mail,true\nchess engine with a graphical board,${right},${said},false\n`);
  });
});

describe('model folders picked as files', () => {
  it('names a folder without tokenizer.json and keeps the loaded model; a full folder loads into Predict', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/model'));
    await page.setInputFiles('[data-testid=model-file]', folderFiles(['model.onnx', 'config.json']));
    const err = await page.waitForSelector("[data-error-name=TokenizerMissingError]", { timeout: 30_000 });
    expect(await err.textContent()).toMatch(/no tokenizer\.json/);
    await page.setInputFiles('[data-testid=model-file]', folderFiles(['model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'config.json']));
    await page.evaluate(() => (location.hash = '#/predict'));
    await page.waitForSelector('[data-testid=text-input]', { timeout: 60_000 });
    await page.fill('[data-testid=text-input]', 'IMAP mail client with spam filtering');
    await page.keyboard.press('Control+Enter');
    expect(await (await page.waitForSelector('[data-testid=text-answer]', { timeout: 60_000 })).getAttribute('data-label')).toBe('mail');
  });
});

describe('text drift', () => {
  it('the bundled text pair reports the four descriptor tests of the description column and the text model\'s predictions', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/drift'));
    await page.click('[data-pair=debian-sections-heldout]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=drift-summary]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=drift-progress]', { state: 'detached', timeout: 60_000 });
    const names = await page.$$eval('[data-testid=column-table] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-column')));
    for (const d of ['length (chars)', 'length (words)', 'unseen words share', 'non-letters share']) expect(names).toContain(`description · ${d}`);
    const row = await page.textContent('[data-testid=column-table] tbody tr[data-column="description · unseen words share"]');
    expect(row).toMatch(/wasserstein/i);
    // The text model loaded above labels both sets' descriptions in the engine worker: prediction drift.
    expect(names.some((n) => /: class$/.test(n ?? ''))).toBe(true);
    expect(names.some((n) => /: top score$/.test(n ?? ''))).toBe(true);
    // …and its pooled sentence_embedding is compared by MMD: descriptions of unseen sections drift.
    expect(await page.getAttribute('[data-testid=embedding-drift]', 'data-drifted')).toBe('true');
    expect(await page.textContent('[data-testid=embedding-drift]')).toMatch(/MMD² .* p 0\.0\d+ .*sentence_embedding, 300 vs 300 rows/);
  });
});

describe('edgeprobe run DIR --text', () => {
  it('gives the same label from config.json in Chromium and natively', async () => {
    const text = 'Real-time strategy game of ancient warfare';
    const [browser, native] = await Promise.all(['browser', 'native'].map(async (runtime) => JSON.parse((await cli('run', DIR, '--text', text, '--runtime', runtime)).stdout)));
    const b = browser.parameters.predictions[0];
    const n = native.parameters.predictions[0];
    expect(browser.parameters.runtime).toBe('browser');
    expect(native.parameters.runtime).toBe('native');
    expect(b.label).toBe('games');
    expect(n.label).toBe(b.label);
    expect(labels).toContain(b.label);
    expect(Math.abs(b.confidence - n.confidence)).toBeLessThan(1e-5);
  });

  it('reads --texts (lines or JSONL): the same label per text in Chromium and natively; a long text is cut and said so; invalid UTF-8 exits 2', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'edgeprobe-text-'));
    const long = 'network monitoring daemon '.repeat(40).trim();
    writeFileSync(join(tmp, 'texts.txt'), `mail transfer agent\n{"text":"3D molecular visualisation for chemistry"}\n${long}\n`);
    const [browser, native] = await Promise.all(['browser', 'native'].map((runtime) => cli('run', DIR, '--texts', join(tmp, 'texts.txt'), '--runtime', runtime)));
    const b = JSON.parse(browser.stdout).parameters.predictions as { label: string; truncated?: boolean; full_length?: number; tokens: number }[];
    const n = JSON.parse(native.stdout).parameters.predictions as typeof b;
    expect(n.map((p) => p.label)).toEqual(['mail', 'science', 'net']);
    expect(b.map((p) => p.label)).toEqual(n.map((p) => p.label));
    for (const p of [b[2]!, n[2]!]) expect(p).toMatchObject({ truncated: true, full_length: 122, tokens: 64 });
    expect(b[0]!.truncated).toBeUndefined();
    for (const r of [browser, native]) expect(r.stderr).toMatch(/text 3 needs 122 tokens; truncated to the model's maximum of 64/);
    writeFileSync(join(tmp, 'bad.txt'), Buffer.from([0x6f, 0x6b, 0x20, 0xc3, 0x28, 0x0a]));
    const bad = await cli('run', DIR, '--texts', join(tmp, 'bad.txt'), '--runtime', 'native').then(() => null, (e) => e as { code: number; stderr: string });
    expect(bad?.code).toBe(2);
    expect(bad?.stderr).toMatch(/InvalidUtf8Error: .*offset 3/);
  });
});

describe('edgeprobe run DIR: bad folders', () => {
  it('a folder without tokenizer.json, and one whose tokenizer outgrows the embedding in the graph, exit 2 by name', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'edgeprobe-folder-'));
    for (const n of ['model.onnx', 'config.json']) writeFileSync(join(tmp, n), readFileSync(fixture(`${DIR}/${n}`)));
    const fail = (dir: string) => cli('run', dir, '--text', 'mail client', '--runtime', 'native').then(() => null, (e) => e as { code: number; stderr: string });
    const missing = await fail(tmp);
    expect(missing?.code).toBe(2);
    expect(missing?.stderr).toMatch(/TokenizerMissingError: The folder has model\.onnx but no tokenizer\.json/);
    const tok = JSON.parse(readFileSync(fixture(`${DIR}/tokenizer.json`), 'utf8')) as { added_tokens: { id: number; content: string }[] };
    tok.added_tokens.push({ ...tok.added_tokens[0]!, id: 6000, content: '[EXTRA]' });
    writeFileSync(join(tmp, 'tokenizer.json'), JSON.stringify(tok));
    writeFileSync(join(tmp, 'config.json'), JSON.stringify({ id2label: config.id2label })); // no vocab_size
    const big = await fail(tmp);
    expect(big?.code).toBe(2);
    expect(big?.stderr).toMatch(/VocabularyMismatchError: tokenizer\.json has 6001 tokens .* only 5902 rows \(read from the model graph\)/);
  });
});

describe('model folders kept on the device', () => {
  it('a tokenizer with more tokens than the model embeds (read from the graph, config.json silent) is named; the loaded model stays', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/model'));
    const tok = JSON.parse(readFileSync(fixture(`${DIR}/tokenizer.json`), 'utf8')) as { added_tokens: { id: number; content: string }[] };
    tok.added_tokens.push({ ...tok.added_tokens[0]!, id: 5902, content: '[EXTRA]' });
    const { vocab_size: _drop, ...configNoVocab } = JSON.parse(readFileSync(fixture(`${DIR}/config.json`), 'utf8')) as Record<string, unknown>;
    await page.setInputFiles('[data-testid=model-file]', [
      ...folderFiles(['model.onnx', 'tokenizer_config.json']),
      { name: 'tokenizer.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tok)) },
      { name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(configNoVocab)) },
    ]);
    const err = await page.waitForSelector('[data-error-name=VocabularyMismatchError]', { timeout: 30_000 });
    expect(await err.textContent()).toMatch(/5903 tokens .*"input_ids" has only 5902 rows \(read from the model graph\)/);
    await page.evaluate(() => (location.hash = '#/predict'));
    await page.fill('[data-testid=text-input]', 'IMAP mail client with spam filtering');
    await page.click('[data-testid=text-predict]');
    await page.waitForSelector('[data-testid=text-answer][data-label=mail]', { timeout: 60_000 });
  });

  it('the folder\'s files dropped on the page load the text model and keep it', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/drift'));
    await page.evaluate(async () => {
      const names = ['model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'config.json'];
      const dt = new DataTransfer();
      for (const n of names) dt.items.add(new File([await (await fetch(`models/debian-sections/${n}`)).blob()], n));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    // A dropped model opens the model screen, where the folder is listed as kept.
    await page.waitForSelector('[data-kept][data-kind=folder]:has-text("model folder (5 files")', { timeout: 60_000 });
    expect(await page.evaluate(() => location.hash)).toBe('#/model');
  });

  it('a folder chosen as a directory is kept, comes back after a reload, classifies, and can be removed', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/model'));
    await page.setInputFiles('[data-testid=model-folder]', fixture(DIR));
    const row = await page.waitForSelector('[data-kept][data-kind=folder]:has-text("debian-sections")', { timeout: 60_000 });
    const listed = await row.textContent();
    expect(listed).toMatch(/model folder \(\d files: [^)]*\) · [\d.]+ MB/);
    for (const f of ['model.onnx', 'tokenizer.json', 'config.json']) expect(listed).toContain(f);
    expect(await page.$$('[data-kept][data-kind=folder]')).toHaveLength(1); // the same model picked earlier as files: replaced

    await page.reload();
    await page.click('[data-kept][data-kind=folder] button:has-text("Load")', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('#card-title')?.textContent?.includes('debian-sections'), null, { timeout: 60_000 });
    await page.evaluate(() => (location.hash = '#/predict'));
    await page.fill('[data-testid=text-input]', 'Real-time strategy game of ancient warfare');
    await page.keyboard.press('Control+Enter');
    expect(await (await page.waitForSelector('[data-testid=text-answer]', { timeout: 60_000 })).getAttribute('data-label')).toBe('games');

    await page.evaluate(() => (location.hash = '#/model'));
    await page.click('[data-kept][data-kind=folder] button:has-text("Remove")');
    await page.waitForFunction(() => !document.querySelector('[data-kept][data-kind=folder]'));
    expect(await page.evaluate(() => new Promise<number>((res) => {
      const r = indexedDB.open('edgeprobe');
      r.onsuccess = () => { const c = r.result.transaction('modelFolders').objectStore('modelFolders').count(); c.onsuccess = () => res(c.result); };
    }))).toBe(0);
  });

  it('Predict takes examples from a samples file; a file that is not UTF-8 is named and the examples stay', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/predict'));
    await page.setInputFiles('[data-testid=text-samples-file]', {
      name: 'mine.jsonl', mimeType: 'application/json',
      buffer: Buffer.from('{"text":"IMAP mail client with spam filtering","label":"mail"}\n{"text":"3D molecular visualisation for chemistry","label":"science"}\n'),
    });
    await page.waitForSelector('[data-testid=text-samples-source]:has-text("mine.jsonl")');
    expect(await page.$$eval('[data-testid=text-example]', (els) => els.map((e) => e.textContent))).toEqual(['IMAP mail client with spam filtering', '3D molecular visualisation for chemistry']);
    await page.setInputFiles('[data-testid=text-samples-file]', { name: 'bad.txt', mimeType: 'text/plain', buffer: Buffer.from([0x6f, 0x6b, 0x0a, 0xc3, 0x28]) });
    expect(await (await page.waitForSelector('[data-error-name=InvalidUtf8Error]')).textContent()).toMatch(/"bad\.txt" is not valid UTF-8.*offset 3/);
    expect(await page.$$('[data-testid=text-example]')).toHaveLength(2);
    await page.click('[data-testid=text-example] >> nth=1');
    expect(await (await page.waitForSelector('[data-testid=text-answer]', { timeout: 60_000 })).getAttribute('data-label')).toBe('science');
    expect(await page.textContent('[data-testid=text-answer]')).toMatch(/right answer for this example is science ✓/);
    expect(app.pageErrors).toEqual([]);
  });
});
