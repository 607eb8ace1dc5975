import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBundledCard } from './from-bundled.ts';
import { cardToMarkdown, markdownToCard } from './markdown.ts';
import { cardToJson, cardFromJson } from './json.ts';
import { emptyCard, type EditableCard } from './types.ts';

const bundled = (id: string) => JSON.parse(readFileSync(join(process.cwd(), 'public/models', `${id}.card.json`), 'utf8')) as Record<string, unknown>;

describe('fromBundledCard', () => {
  it('maps the weather card: summary, use, data, accuracy, limitations, labels', () => {
    const c = fromBundledCard(bundled('weather'), 'x');
    expect(c.name).toBe('Seattle daily weather (MLP)');
    expect(c.summary).toMatch(/^Predicts the day's weather/);
    expect(c.metrics).toEqual([{ type: 'accuracy', value: 0.8219, dataset: '219 held-out samples' }]);
    expect(c.limitations).toHaveLength(4);
    expect(c.labels).toEqual(['drizzle', 'fog', 'rain', 'snow', 'sun']);
    expect(c.pipelineTag).toBe('tabular-classification');
    expect(c.trainingData).toMatch(/vega-datasets.*1096 rows/);
  });
  it('a missing card gives an empty card with the fallback name', () => {
    expect(fromBundledCard(null, 'model.onnx')).toEqual({ ...emptyCard('model.onnx'), tags: ['onnx', 'edgeprobe'] });
  });
});

describe('Hugging Face Markdown layout', () => {
  it('writes YAML front matter and the template sections', () => {
    const md = cardToMarkdown(fromBundledCard(bundled('digits'), 'x'));
    expect(md.startsWith('---\nlicense: other\nlibrary_name: onnx\npipeline_tag: image-classification\ntags:\n- onnx\n')).toBe(true);
    expect(md).toContain('model-index:\n- name: "Handwritten digits (small CNN)"\n  results:\n  - task:\n      type: image-classification\n');
    expect(md).toContain('    metrics:\n    - type: accuracy\n      value: 0.9805\n');
    for (const h of ['# Handwritten digits (small CNN)', '## Model Details', '## Uses', '### Direct Use', '### Out-of-Scope Use', '## Bias, Risks, and Limitations', '## Training Details', '### Training Data', '## Evaluation', '### Results']) {
      expect(md).toContain(`\n${h}\n`);
    }
    expect(md).toContain('| accuracy | 0.9805 | 2000 held-out samples |');
  });

  for (const id of ['weather', 'digits']) {
    it(`${id}: Markdown and JSON round-trip`, () => {
      const c = fromBundledCard(bundled(id), 'x');
      expect(markdownToCard(cardToMarkdown(c))).toEqual(c);
      expect(cardFromJson(cardToJson(c))).toEqual(c);
    });
  }

  it('keeps awkward text: pipes, headings, quotes, colons, multi-line limitations, unicode', () => {
    const c: EditableCard = {
      ...emptyCard('Credit: "score" # v2 | beta'),
      summary: 'Line one.\n# not a heading\n\nSecond paragraph: with a colon.',
      intendedUse: '## also not a heading',
      outOfScope: 'Medical use — never.',
      trainingData: 'a | b',
      metrics: [{ type: 'f1', value: 0.5, dataset: 'set | with pipe' }, { type: 'accuracy', value: 1e-7, dataset: '' }],
      limitations: ['multi\nline item', '- starts with a dash', 'émoji 🚲'],
      labels: ['no', 'yes'],
      pipelineTag: 'tabular-classification',
      license: 'apache-2.0',
      tags: ['onnx', 'yes', '1.5', 'a b'],
    };
    expect(markdownToCard(cardToMarkdown(c))).toEqual(c);
  });

  it('an empty card round-trips', () => {
    const c = emptyCard('m');
    c.tags = [];
    expect(markdownToCard(cardToMarkdown(c))).toEqual(c);
  });

  it('reads CRLF files with a BOM, and names what is missing or wrong', () => {
    const md = cardToMarkdown(fromBundledCard(bundled('weather'), 'x'));
    expect(markdownToCard(`\uFEFF${md.replace(/\n/g, '\r\n')}`).name).toBe('Seattle daily weather (MLP)');
    expect(() => markdownToCard('no heading here')).toThrow(/needs a "# Model name" heading/);
    expect(() => markdownToCard('# m\n## Evaluation\n### Results\n| Metric | Value | Data |\n|---|---|---|\n| acc | high | x |\n')).toThrow(/Results table row/);
  });
});

describe('JSON', () => {
  it('names wrong fields', () => {
    expect(() => cardFromJson('{')).toThrow(/not valid JSON/);
    expect(() => cardFromJson('[]')).toThrow(/JSON object/);
    expect(() => cardFromJson('{"name": ""}')).toThrow(/"name": a non-empty string/);
    expect(() => cardFromJson('{"name": "m", "limitations": "x"}')).toThrow(/"limitations" must be a list of strings/);
    expect(() => cardFromJson('{"name": "m", "metrics": [{"type": "acc", "value": "0.9"}]}')).toThrow(/metrics\[0\]/);
    expect(cardFromJson('{"name": "m", "extra": 1}').name).toBe('m');
  });
});
