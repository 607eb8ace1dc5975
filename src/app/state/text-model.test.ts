// A picked folder's files (as File objects, the way webkitdirectory or a drop gives them): README
// and hidden files are skipped, the rest read into a folder and returned as read, for keeping.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { looksLikeFolder, readPickedFolder } from './text-model.ts';

const DIR = join(process.cwd(), 'public', 'models', 'debian-sections');
const picked = readdirSync(DIR).map((n) => new File([readFileSync(join(DIR, n))], n));

describe('readPickedFolder', () => {
  it('reads the bundled folder as picked files, skipping README.md and hidden files, with progress', async () => {
    const files = [...picked, new File(['x'], '.DS_Store')];
    expect(looksLikeFolder(files)).toBe(true);
    const seen: number[] = [];
    const { folder, files: read } = await readPickedFolder(files, (loaded) => seen.push(loaded));
    expect(read.map((f) => f.name).sort()).toEqual(['card.json', 'config.json', 'model.onnx', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json']);
    expect(folder.config.labels).toHaveLength(8);
    expect(folder.tokenizerVocabSize).toBe(5902);
    expect(read.find((f) => f.name === 'model.onnx')!.data).toBe(folder.model); // kept as read, not copied
    expect(seen.at(-1)).toBeGreaterThan(0);
  });

  it('a lone .onnx file is not a folder', () => {
    expect(looksLikeFolder([new File([new Uint8Array(2)], 'model.onnx')])).toBe(false);
  });
});
