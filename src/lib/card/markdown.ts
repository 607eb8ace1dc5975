// Model card ⇄ Markdown in the Hugging Face model-card layout: YAML front matter (license,
// library_name, pipeline_tag, tags, model-index with metrics) and the template's sections.
import { CardFormatError, emptyCard, type CardMetric, type EditableCard } from './types.ts';

const plain = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
/** A YAML scalar: bare when safe, else a JSON string (valid YAML double-quoted). */
const yamlScalar = (s: string) => (plain.test(s) && !/^(true|false|null|yes|no|on|off|~|[0-9.]+)$/i.test(s) ? s : JSON.stringify(s));
/** Markdown text kept inside its section: a line starting with "#" would open a heading. */
const escapeText = (s: string) => s.split('\n').map((l) => (/^\s*#/.test(l) ? `\\${l}` : l)).join('\n');
const unescapeText = (s: string) => s.split('\n').map((l) => l.replace(/^(\s*)\\#/, '$1#')).join('\n');
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The card as a Hugging Face README.md. */
export function cardToMarkdown(c: EditableCard): string {
  const fm = ['---', `license: ${yamlScalar(c.license || 'other')}`, 'library_name: onnx'];
  if (c.pipelineTag) fm.push(`pipeline_tag: ${yamlScalar(c.pipelineTag)}`);
  if (c.tags.length) fm.push('tags:', ...c.tags.map((t) => `- ${yamlScalar(t)}`));
  if (c.metrics.length) {
    fm.push('model-index:', `- name: ${yamlScalar(c.name)}`, '  results:');
    for (const m of c.metrics) {
      fm.push('  - task:', `      type: ${yamlScalar(c.pipelineTag || 'other')}`, '    dataset:', `      name: ${yamlScalar(m.dataset)}`, '      type: custom', '    metrics:', `    - type: ${yamlScalar(m.type)}`, `      value: ${m.value}`);
    }
  }
  fm.push('---');
  const body = [
    `# ${c.name.replace(/\n/g, ' ')}`,
    escapeText(c.summary),
    '## Model Details',
    c.labels.length ? `Classes (in output order): ${c.labels.map((l) => `\`${l.replace(/`/g, "'")}\``).join(', ')}` : '',
    '## Uses',
    '### Direct Use',
    escapeText(c.intendedUse),
    '### Out-of-Scope Use',
    escapeText(c.outOfScope),
    '## Bias, Risks, and Limitations',
    c.limitations.map((l) => `- ${escapeText(l).replace(/\n/g, '\n  ')}`).join('\n'),
    '## Training Details',
    '### Training Data',
    escapeText(c.trainingData),
    '## Evaluation',
    '### Results',
    c.metrics.length ? ['| Metric | Value | Data |', '|---|---|---|', ...c.metrics.map((m) => `| ${cell(m.type)} | ${m.value} | ${cell(m.dataset)} |`)].join('\n') : '',
  ];
  return `${fm.join('\n')}\n\n${body.filter((s, i) => s !== '' || i === 1).join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

function parseScalar(raw: string): string {
  const s = raw.trim();
  if (s.startsWith('"')) {
    try {
      return JSON.parse(s) as string;
    } catch {
      throw new CardFormatError(`front matter value ${s} is not a valid double-quoted string`);
    }
  }
  if (s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/** The front matter's top-level scalars and scalar lists (nested blocks such as model-index are skipped). */
function parseFrontMatter(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  let listKey: string | null = null;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const top = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (top) {
      listKey = top[2] === '' ? top[1]! : null;
      if (top[2] !== '') out[top[1]!] = parseScalar(top[2]!);
      else out[top[1]!] = [];
      continue;
    }
    const item = /^- (.*)$/.exec(line);
    if (item && listKey && Array.isArray(out[listKey])) (out[listKey] as string[]).push(parseScalar(item[1]!));
  }
  return out;
}

/** Sections by heading text (## and ###), each with its raw body. */
function sections(body: string): { title: string; level: number; text: string }[] {
  const out: { title: string; level: number; text: string }[] = [];
  let cur = { title: '', level: 0, text: '' };
  for (const line of body.split('\n')) {
    const h = /^(#{1,3}) (.*)$/.exec(line);
    if (h) {
      out.push(cur);
      cur = { title: h[2]!.trim(), level: h[1]!.length, text: '' };
    } else cur.text += `${line}\n`;
  }
  out.push(cur);
  return out.map((s) => ({ ...s, text: s.text.trim() }));
}

function parseMetrics(text: string): CardMetric[] {
  const rows = text.split('\n').filter((l) => l.startsWith('|')).slice(2);
  return rows.map((r) => {
    const cells = r.slice(1, r.endsWith('|') ? -1 : undefined).split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|').replace(/\\\\/g, '\\'));
    const value = Number(cells[1]);
    if (cells.length < 3 || !Number.isFinite(value)) throw new CardFormatError(`the Results table row "${r}" needs | metric | number | data |`);
    return { type: cells[0]!, value, dataset: cells[2]! };
  });
}

/** Reads a card back from Markdown written by cardToMarkdown (or a hand-edited one in the same layout). */
export function markdownToCard(md: string): EditableCard {
  const text = md.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  const fm = m ? parseFrontMatter(m[1]!) : {};
  const body = m ? m[2]! : text;
  const secs = sections(body);
  const title = secs.find((s) => s.level === 1);
  if (!title) throw new CardFormatError('a model card needs a "# Model name" heading; none was found');
  const get = (t: string) => unescapeText(secs.find((s) => s.title.toLowerCase() === t.toLowerCase())?.text ?? '');
  const card = emptyCard(title.title);
  card.summary = unescapeText(title.text);
  card.license = typeof fm.license === 'string' ? fm.license : 'other';
  card.pipelineTag = typeof fm.pipeline_tag === 'string' ? fm.pipeline_tag : '';
  card.tags = Array.isArray(fm.tags) ? fm.tags : [];
  card.intendedUse = get('Direct Use');
  card.outOfScope = get('Out-of-Scope Use');
  card.trainingData = get('Training Data');
  const lim = secs.find((s) => s.title === 'Bias, Risks, and Limitations')?.text ?? '';
  card.limitations = lim ? lim.split(/\n(?=- )/).map((l) => unescapeText(l.replace(/^- /, '').replace(/\n {2}/g, '\n'))) : [];
  const classes = /Classes \(in output order\): (.*)/.exec(get('Model Details'));
  card.labels = classes ? [...classes[1]!.matchAll(/`([^`]*)`/g)].map((x) => x[1]!) : [];
  card.metrics = parseMetrics(get('Results'));
  return card;
}
