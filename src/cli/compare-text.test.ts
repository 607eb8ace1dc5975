// `edgeprobe compare DIR --samples TEXTS` as a user runs it (a child process) against the real
// bundled server: a folder served with a BYTES input gets the texts, its bare model.onnx gets token
// tensors at the --shape sequence length; the JSON carries the shapes; bad text files exit 2 by name.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/server.ts';
import { runCli } from './cli-process.testing.ts';

const DIR = 'public/models/debian-sections';
const tmp = mkdtempSync(join(tmpdir(), 'edgeprobe-compare-text-'));
const texts = join(tmp, 'texts.jsonl');
const csv = join(tmp, 'texts.csv');
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ models: [`debian-sections=${DIR}`, `debian-sections-ids=${DIR}/model.onnx`], host: '127.0.0.1', port: 0, workers: 1, log: () => {} });
  writeFileSync(texts, [
    { text: 'a mail transfer agent with IMAP and POP3 support', label: 'mail' },
    { text: 'a 3D space shooter game with network play', label: 'games' },
    { text: 'vector graphics editor for SVG drawings', label: 'graphics' },
    { text: 'Ünïcödé — 日本語 😀 and a very long text '.repeat(20), label: 'text' },
  ].map((o) => JSON.stringify(o)).join('\n'));
  writeFileSync(csv, 'summary,section\n"an IRC client for the terminal",net\n"audio mixer and sound recorder",sound\n');
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('edgeprobe compare with text samples', () => {
  it('sends the texts as BYTES to a served folder; device and server agree; JSON carries the shapes', async () => {
    const out = join(tmp, 'bytes.json');
    const r = await runCli(['compare', DIR, '--samples', texts, '--baseline', server.url, '--runtime', 'native', '--json', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 samples \(JSONL of texts \("text"\), 4 samples with labels, tokenized to 64 tokens; 1 cut to 64 tokens\) at input_ids=1×64 attention_mask=1×64/);
    expect(r.stdout).toContain('model debian-sections, sent text as BYTES');
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.meta.shapes).toEqual({ input_ids: [1, 64], attention_mask: [1, 64] });
    expect(json.verdict.pass).toBe(true);
    const logits = json.outputs.find((o: { name: string }) => o.name === 'logits');
    expect(logits.aggregate.agreement.top1Agreement).toBe(1);
    expect(logits.accuracy.device.labelled).toBe(4);
  }, 60_000);

  it('sends token tensors at the --shape sequence length to the bare model.onnx, reading a CSV text column by name', async () => {
    const out = join(tmp, 'ids.json');
    const r = await runCli(['compare', DIR, '--samples', csv, '--text-column', 'summary', '--baseline', server.url, '--baseline-model', 'debian-sections-ids', '--shape', 'input_ids=1,24', '--runtime', 'native', '--json', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sent token tensors');
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.meta.shapes).toEqual({ input_ids: [1, 24], attention_mask: [1, 24] });
    expect(json.outputs.find((o: { name: string }) => o.name === 'logits').accuracy.device.labelled).toBe(2);
  }, 60_000);

  it('tokenizes the same way for the browser runtime (the app\'s worker in headless Chromium)', async () => {
    const out = join(tmp, 'browser.json');
    const r = await runCli(['compare', DIR, '--samples', texts, '--baseline', server.url, '--runtime', 'browser', '--json', out]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.meta).toMatchObject({ runtime: 'browser', shapes: { input_ids: [1, 64], attention_mask: [1, 64] } });
    expect(json.meta.baseline).toContain('sent text as BYTES');
    expect(json.verdict.pass).toBe(true);
  }, 120_000);

  it('a CSV whose text column cannot be told, or a file that is not UTF-8: exit 2 naming the problem', async () => {
    const two = join(tmp, 'two.csv');
    writeFileSync(two, 'a,b\nx,y\n');
    const r = await runCli(['compare', DIR, '--samples', two, '--baseline', server.url, '--runtime', 'native']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/TextColumnError: .*two\.csv: which column holds the text\? .*2 columns hold text; its columns are "a", "b" \(name one with --text-column\)/);
    const latin = join(tmp, 'latin1.jsonl');
    writeFileSync(latin, Buffer.concat([Buffer.from('{"text": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    const u = await runCli(['compare', DIR, '--samples', latin, '--baseline', server.url, '--runtime', 'native']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/InvalidUtf8Error: .*latin1\.jsonl is not valid UTF-8: the first invalid byte is at offset 13/);
  }, 60_000);
});
