// The README's "How it is built" folder list matches the tree: every folder of src/ (two levels
// deep) and of scripts/ is named there, and every folder it names exists.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Folders named in the first code block after the heading: `src/x/` lines, and `  y/` lines under them. */
function listedFolders(readme: string): Set<string> {
  const section = readme.split('\n## How it is built\n')[1] ?? '';
  const block = section.split('```')[1] ?? '';
  const out = new Set<string>();
  let parent = '';
  for (const line of block.split('\n')) {
    const m = /^( *)(\S(?:\S| (?! ))*)/.exec(line);
    if (!m) continue;
    for (const token of m[2]!.split(' ').filter((t) => t.endsWith('/'))) {
      if (m[1]!.length === 0) out.add((parent = token).replace(/\/$/, ''));
      else out.add(`${parent}${token}`.replace(/\/$/, ''));
    }
  }
  return out;
}

const dirs = (rel: string): string[] =>
  readdirSync(resolve(root, rel), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${rel}/${d.name}`);

describe('README "How it is built"', () => {
  const listed = listedFolders(readFileSync(resolve(root, 'README.md'), 'utf8'));

  it('names every folder of src/ (two levels) and scripts/', () => {
    const tree = [...dirs('src'), ...dirs('src').flatMap(dirs), ...dirs('scripts')]
      .filter((d) => !/\/(fixtures|node_modules)$/.test(d));
    expect(tree.filter((d) => !listed.has(d))).toEqual([]);
  });

  it('names no folder that is not there', () => {
    expect(listed.size).toBeGreaterThan(20);
    expect([...listed].filter((d) => !existsSync(resolve(root, d)))).toEqual([]);
  });
});
