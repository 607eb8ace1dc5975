// The bundled text model through the engine's text path (tokenizer in the engine, onnxruntime-web's
// wasm backend in Node): re-measures the model card's held-out accuracy from the committed files,
// and checks word occlusion and truncation on real texts.
import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from './engine.ts';
import { readModelFolder } from '../lib/text/folder.ts';
import { feedEncoding } from '../lib/text/inputs.ts';
import { parseCsv } from '../lib/data/csv.ts';
import type { StringColumn } from '../lib/data/table.ts';

const DIR = join(process.cwd(), 'public', 'models', 'debian-sections');
const folder = readModelFolder(readdirSync(DIR).map((name) => ({ name, data: new Uint8Array(readFileSync(join(DIR, name))) })));
const card = JSON.parse(readFileSync(join(DIR, 'card.json'), 'utf8')) as { heldoutAccuracy: number; heldoutCount: number; labels: string[] };
const engine = new Engine(async () => (await import('onnxruntime-web')) as never);
let sessionId = '';
let tokenizerId = '';

beforeAll(async () => {
  await engine.init(1);
  sessionId = (await engine.load(folder.model, { backend: 'wasm' })).sessionId;
  tokenizerId = (await engine.loadTokenizer(folder.tokenizer, folder.config.maxLength)).tokenizerId;
});

/** The held-out CSV (description, section) read with the app's own CSV reader. */
function heldout(): { text: string; label: string }[] {
  const table = parseCsv(readFileSync(join(process.cwd(), 'public', 'samples', 'debian-sections-heldout.csv'), 'utf8'));
  const [text, label] = table.columns as StringColumn[];
  return Array.from({ length: table.rowCount }, (_, i) => ({ text: text!.dictionary[text!.codes[i]!]!, label: label!.dictionary[label!.codes[i]!]! }));
}

describe('debian-sections text model', () => {
  it('labels come from config.json and match the card', () => {
    expect(folder.config.labels).toEqual(card.labels);
    expect(folder.tokenizerVocabSize).toBeLessThanOrEqual(folder.config.vocabSize!);
  });

  it('re-measures the held-out accuracy of the model card (within 0.5 points)', async () => {
    const rows = heldout();
    expect(rows.length).toBe(card.heldoutCount);
    let right = 0;
    for (let i = 0; i < rows.length; i += 256) {
      const batch = rows.slice(i, i + 256);
      const r = await engine.classifyTexts(sessionId, tokenizerId, batch.map((b) => b.text), folder.config.labels);
      r.answers.forEach((a, j) => { if (a.label === batch[j]!.label) right++; });
    }
    expect(Math.abs(right / rows.length - card.heldoutAccuracy)).toBeLessThanOrEqual(0.005);
  });

  it('returns the pooled embedding beside the logits', async () => {
    const r = await engine.classifyTexts(sessionId, tokenizerId, ['GNU chess engine', 'mail transfer agent'], folder.config.labels);
    expect(r.outputs.sentence_embedding!.dims).toEqual([2, 64]);
    expect(r.answers.map((a) => a.label)).toEqual(['games', 'mail']);
    for (const a of r.answers) expect(a.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
  });

  it('truncates text over the maximum length and says so', async () => {
    const long = 'network monitoring daemon '.repeat(40);
    const r = await engine.classifyTexts(sessionId, tokenizerId, [long], folder.config.labels);
    const a = r.answers[0]!;
    expect(a.truncated).toBe(true);
    expect(a.fullLength).toBe(122);
    expect(a.ids.length).toBe(folder.config.maxLength);
    expect(a.tokens[0]).toBe('[CLS]');
    expect(a.tokens.at(-1)).toBe('[SEP]');
  });

  it('explains by word occlusion: the words that carry the class get the largest attributions', async () => {
    const e = await engine.explainText(sessionId, tokenizerId, 'a strategy game with dragons', folder.config.labels);
    expect(e.answer.label).toBe('games');
    expect(e.words.map((w) => w.word)).toEqual(['a', 'strategy', 'game', 'with', 'dragons']);
    const top = [...e.words].sort((x, y) => y.attribution - x.attribution)[0]!;
    expect(['game', 'strategy', 'dragons']).toContain(top.word);
    expect(e.runs).toBe(2);
  });

  it('gives the benchmark a long text uncut (tokenFeed): cut to a length, it is what classifyTexts would feed', async () => {
    const long = 'network monitoring daemon '.repeat(40);
    const feed = await engine.tokenFeed(tokenizerId, long);
    expect(feed.ids.length).toBe(122);
    expect(feed.suffix).toBe(1);
    const r = await engine.classifyTexts(sessionId, tokenizerId, [long], folder.config.labels);
    // Cut at the maximum length as the tokenizer truncates: the same ids.
    expect(feedEncoding(feed, folder.config.maxLength).ids).toEqual(r.answers[0]!.ids);
  });
});
