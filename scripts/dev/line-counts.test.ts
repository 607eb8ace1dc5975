// The line-count script's rules: which files belong to which part, and lines counted as `wc -l` does.
import { describe, expect, it } from 'vitest';
import { countLines, PARTS } from './line-counts.ts';

const partOf = (path: string, text = ''): string[] => PARTS.filter((p) => p.belongs(path, () => text)).map((p) => p.title);

describe('line counts', () => {
  it('count lines as wc -l does', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a\n')).toBe(1);
    expect(countLines('a\nb')).toBe(2);
    expect(countLines('a\n\nb\n')).toBe(3);
  });

  it('put each kind of file in its part, and leave tests, fixtures and declarations out', () => {
    expect(partOf('src/app/state/demo.svelte.ts')).toEqual(['State modules (src/app/state)']);
    expect(partOf('src/app/state/demo.svelte.test.ts')).toEqual([]);
    expect(partOf('src/app/screens/DemoScreen.svelte')).toEqual(['Demo screen']);
    expect(partOf('src/app/components/bench/EcdfChart.svelte')).toEqual(['Charts, number formats and palettes']);
    expect(partOf('src/lib/chart/scale.ts')).toEqual(['Charts, number formats and palettes']);
    expect(partOf('src/lib/format/number.ts')).toEqual(['Charts, number formats and palettes']);
    expect(partOf('src/types/parse-prometheus-text-format.d.ts')).toEqual([]);
    expect(partOf('src/app/storage/db.ts')).toEqual(['Storage on the device']);
    expect(partOf('src/app/state/history.ts', "const req = indexedDB.open(DB, 1);")).toEqual(['State modules (src/app/state)', 'Storage on the device']);
    expect(partOf('src/cli/args.ts')).toEqual(['CLI argument parsing']);
    expect(partOf('src/cli/serve.ts', 'class UsageError extends Error {}')).toEqual(['CLI argument parsing']);
    expect(partOf('src/cli/run.ts', "import { parseArgs } from './args.ts';")).toEqual([]);
    const server = "createServer((q, s) => createReadStream(f).pipe(s))";
    expect(partOf('tests/static-plain.ts', server)).toEqual(['Static file servers']);
    expect(partOf('tests/static.e2e.ts', server)).toEqual([]);
  });
});
