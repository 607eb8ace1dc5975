// Line counts before/after of the parts issue 10 restructured (state classes, the Demo screen,
// chart/format/palette code, storage, CLI argument parsing, static servers), read from git at two
// commits and written as docs/structure-line-counts.md. Re-run after merges:
//   node --import tsx scripts/dev/line-counts.ts BEFORE [AFTER=HEAD] [--out FILE] [--stdout]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });

/** A part of the code: which files at a commit belong to it (path and text), and how the rule reads. */
export interface Part {
  title: string;
  /** The rule in words, printed under the table so a reader can check it. */
  rule: string;
  /** Whether the file at `path` (its text read only when asked) belongs to the part. */
  belongs: (path: string, text: () => string) => boolean;
  /** Lines of any source file that this part should own but that sit elsewhere (listed under the table). */
  strays?: RegExp;
}

/** Product and helper sources; tests, fixtures and type declarations are never a part. */
const isSource = (p: string): boolean =>
  /\.(ts|svelte|mts)$/.test(p) && !/\.(test|e2e|testing)\.ts$/.test(p) && !p.endsWith('.d.ts') && !p.includes('/fixtures/');

export const PARTS: readonly Part[] = [
  {
    title: 'State modules (src/app/state)',
    rule: 'every non-test `.ts` file under `src/app/state/`',
    belongs: (p) => p.startsWith('src/app/state/') && isSource(p) && p.endsWith('.ts'),
  },
  {
    title: 'Demo screen',
    rule: '`src/app/screens/DemoScreen.svelte`',
    belongs: (p) => p === 'src/app/screens/DemoScreen.svelte',
  },
  {
    title: 'Charts, number formats and palettes',
    rule: 'non-test files under `src/` in a folder named chart(s), plot(s), format(s) or palette(s), or whose name says chart, plot, svg, '
      + 'histogram, palette, format, tick, scale or axis (e.g. `*Chart.svelte`, `plots.ts`, `palette.ts`, `format.ts`)',
    belongs: (p) => p.startsWith('src/') && isSource(p) && !p.startsWith('src/types/')
      && (/\/(charts?|plots?|formats?|palettes?)\//i.test(p) || /(chart|plot|svg|histogram|palette|format|tick|scale|axis)[^/]*$/i.test(p.split('/').pop()!)),
  },
  {
    title: 'Storage on the device',
    rule: 'non-test files under `src/app/storage/`, and any other non-test file under `src/` that opens IndexedDB '
      + 'itself (`indexedDB.open(` or `openDB(`)',
    belongs: (p, text) => p.startsWith('src/') && isSource(p)
      && (p.startsWith('src/app/storage/') || /indexedDB\.open\(|\bopenDB\s*[<(]/.test(text())),
    strays: /\blocalStorage\??\.(getItem|setItem|removeItem)\b|indexedDB\.open\(/,
  },
  {
    title: 'CLI argument parsing',
    rule: 'non-test files under `src/cli/` named `*args*`, and any other `src/cli/` file that declares its own '
      + 'argv parser or usage error (`function parseArgs`, `class UsageError`) — counted whole',
    belongs: (p, text) => p.startsWith('src/cli/') && isSource(p)
      && (/args[^/]*\.ts$/.test(p) || /function parseArgs\b|class UsageError\b/.test(text())),
  },
  {
    title: 'Static file servers',
    rule: 'non-test files under src/ or tests/ that start an HTTP server (`createServer(`) and stream '
      + 'files from disk (`createReadStream`)',
    belongs: (p, text) => /^(src|tests)\//.test(p) && isSource(p)
      && /createServer\(/.test(text()) && /createReadStream/.test(text()),
  },
];

/** Lines as `wc -l` counts them (newline characters; a last line without one still counts). */
export const countLines = (text: string): number => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

/** Files of each part at `rev`, with their line counts, and the stray lines found outside them. */
export function measure(rev: string, parts: readonly Part[] = PARTS): Map<string, { rows: Map<string, number>; strays: Map<string, number> }> {
  const files = git('ls-tree', '-r', '--name-only', rev).split('\n').filter(Boolean);
  const cache = new Map<string, string>();
  const text = (p: string) => () => {
    if (!cache.has(p)) cache.set(p, git('show', `${rev}:${p}`));
    return cache.get(p)!;
  };
  const out = new Map<string, { rows: Map<string, number>; strays: Map<string, number> }>();
  for (const part of parts) {
    const rows = new Map<string, number>();
    const strays = new Map<string, number>();
    for (const p of files) {
      if (!isSource(p)) continue;
      if (part.belongs(p, text(p))) rows.set(p, countLines(text(p)()));
      else if (part.strays && p.startsWith('src/')) {
        const n = text(p)().split('\n').filter((l) => part.strays!.test(l)).length;
        if (n) strays.set(p, n);
      }
    }
    out.set(part.title, { rows, strays });
  }
  return out;
}

const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
const cell = (n: number | undefined): string => (n === undefined ? '—' : String(n));

/** The Markdown page: a summary table, then one table per part with a row per file. */
export function render(before: string, after: string, parts: readonly Part[] = PARTS): string {
  const subject = (rev: string) => git('log', '-1', '--format=%h %ad %s', '--date=short', rev).trim();
  const b = measure(before, parts);
  const a = measure(after, parts);
  const lines = [
    '# Line counts of the parts issue 10 restructured',
    '',
    `Made by \`node --import tsx scripts/dev/line-counts.ts ${before}${after === 'HEAD' ? '' : ` ${after}`}\` (re-run it after merges).`,
    `Lines as \`wc -l\` counts them; tests (\`*.test.ts\`, \`*.e2e.ts\`, \`*.testing.ts\`) are left out.`,
    '',
    `- before: \`${subject(before)}\` — the last commit before the first issue-10 commit`,
    `- after: \`${subject(after)}\``,
    '',
    '| part | files before | lines before | files after | lines after | largest file after |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const part of parts) {
    const pb = b.get(part.title)!.rows, pa = a.get(part.title)!.rows;
    const largest = [...pa].sort((x, y) => y[1] - x[1])[0];
    lines.push(`| ${part.title} | ${pb.size} | ${sum(pb)} | ${pa.size} | ${sum(pa)} | ${largest ? `${largest[0].split('/').pop()} (${largest[1]})` : '—'} |`);
  }
  for (const part of parts) {
    const pb = b.get(part.title)!.rows, pa = a.get(part.title)!.rows;
    lines.push('', `## ${part.title}`, '', `Rule: ${part.rule}.`, '', '| file | before | after |', '|---|---:|---:|');
    for (const p of [...new Set([...pb.keys(), ...pa.keys()])].sort()) lines.push(`| \`${p}\` | ${cell(pb.get(p))} | ${cell(pa.get(p))} |`);
    lines.push(`| **total** (${pb.size} → ${pa.size} files) | **${sum(pb)}** | **${sum(pa)}** |`);
    const over = [...pa].filter(([, n]) => n > 300).map(([p, n]) => `\`${p.split('/').pop()}\` (${n})`);
    if (part.strays) {
      const list = (m: Map<string, number>) => (m.size ? [...m].map(([p, n]) => `\`${p.replace(/^src\//, '')}\` (${n})`).join(', ') : 'none');
      lines.push('', `Lines elsewhere matching \`${part.strays.source}\` (what this part should own):`,
        `- before: ${list(b.get(part.title)!.strays)}`, `- after: ${list(a.get(part.title)!.strays)}`);
    }
    if (part.title.startsWith('State')) lines.push('', over.length ? `Over 300 lines after: ${over.join(', ')}.` : 'No file over 300 lines after.');
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string', default: 'docs/structure-line-counts.md' }, stdout: { type: 'boolean', default: false } },
  });
  const [before, after = 'HEAD'] = positionals;
  if (!before || positionals.length > 2) {
    console.error('usage: node --import tsx scripts/dev/line-counts.ts BEFORE [AFTER=HEAD] [--out FILE] [--stdout]');
    process.exit(2);
  }
  const page = render(before, after);
  if (values.stdout) process.stdout.write(page);
  else {
    writeFileSync(resolve(root, values.out), page);
    console.log(`wrote ${values.out}`);
  }
}
