// Embedding rows from the graph: the bundled text model's input_ids table, a model whose inputs
// feed no lookup, and bytes that are no model at all.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embeddingRows } from './embedding.ts';

const model = (p: string) => new Uint8Array(readFileSync(join(process.cwd(), 'public', 'models', p)));

describe('embeddingRows', () => {
  it('finds the 5902-row table input_ids index in the text model (config.json vocab_size agrees)', () => {
    const config = JSON.parse(readFileSync(join(process.cwd(), 'public/models/debian-sections/config.json'), 'utf8')) as { vocab_size: number };
    const rows = embeddingRows(model('debian-sections/model.onnx'));
    expect(rows.get('input_ids')).toBe(5902);
    expect(rows.get('input_ids')).toBe(config.vocab_size);
    expect(rows.has('attention_mask')).toBe(false);
  });

  it('is empty for a model whose inputs feed no embedding lookup', () => {
    expect(embeddingRows(model('weather.onnx')).size).toBe(0);
  });

  it('is empty for bytes without a graph', () => {
    expect(embeddingRows(new Uint8Array([8, 7])).size).toBe(0);
  });
});
