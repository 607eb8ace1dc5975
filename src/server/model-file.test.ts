// Model files for the server: regular files only, a size cap, symlinks resolved and reported, and
// messages that say the kind of file found without ever quoting its bytes.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { readModelFile } from './model-file.ts';
import { loadModels } from './models.ts';

const tmp = mkdtempSync(join(tmpdir(), 'edgeprobe-model-file-'));
const ADD = resolve('tests/fixtures/server/add.onnx');

describe('readModelFile', () => {
  it('refuses devices, directories and FIFOs by kind, before reading a byte', async () => {
    await expect(readModelFile('/dev/zero')).rejects.toThrow(/model file \/dev\/zero is a character device, not a regular file/);
    await expect(readModelFile(tmp)).rejects.toThrow(/is a directory, not a regular file/);
    const fifo = join(tmp, 'pipe.onnx');
    execFileSync('mkfifo', [fifo]);
    await expect(readModelFile(fifo)).rejects.toThrow(/is a named pipe \(FIFO\), not a regular file/);
  });

  it('refuses a file over the cap, naming its size and the flag', async () => {
    await expect(readModelFile(ADD, 10)).rejects.toThrow(/add\.onnx is \d+ bytes, over the limit of 10 bytes \(--max-model-bytes\)/);
  });

  it('resolves a symlink and reports it', async () => {
    const link = join(tmp, 'link.onnx');
    symlinkSync(ADD, link);
    const f = await readModelFile(link);
    expect(f.path).toBe(ADD);
    expect(f.linkedFrom).toBe(link);
    const dangling = join(tmp, 'dangling.onnx');
    symlinkSync(join(tmp, 'nothing-here'), dangling);
    await expect(readModelFile(dangling)).rejects.toThrow(/symbolic link whose target does not exist/);
    const dev = join(tmp, 'zero.onnx');
    symlinkSync('/dev/zero', dev);
    await expect(readModelFile(dev)).rejects.toThrow(/zero\.onnx \(a symbolic link to \/dev\/zero\) is a character device/);
  });
});

describe('loadModels', () => {
  it('says what a non-ONNX file is without echoing its bytes (secrets stay out of logs)', async () => {
    const shadow = join(tmp, 'shadow');
    writeFileSync(shadow, 'root:*:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n');
    const env = join(tmp, 'environ');
    writeFileSync(env, 'API_TOKEN=s3cr3t-value\u0000HOME=/root\u0000');
    for (const [file, kind] of [[shadow, /not an ONNX model: the file looks like a text file$/], [env, /not a readable ONNX model \(34 bytes\): the file is corrupt/]] as const) {
      const err = await loadModels([file], { workers: 1, intraOpThreads: 1 }).then(() => null, (e: Error) => e);
      expect(err?.name).toBe('ModelLoadError');
      expect(err!.message).toMatch(kind);
      expect(err!.message).not.toMatch(/root:|daemon|API_TOKEN|s3cr3t|HOME/);
    }
  });

  it('reports the link and the real path of a symlinked model', async () => {
    const link = join(tmp, 'linked-add.onnx');
    copyFileSync(ADD, join(tmp, 'real-add.onnx'));
    symlinkSync(join(tmp, 'real-add.onnx'), link);
    const { models, pool } = await loadModels([link], { workers: 1, intraOpThreads: 1 });
    try {
      const m = models.get('linked-add')!;
      expect(m.path).toBe(join(tmp, 'real-add.onnx'));
      expect(m.linkedFrom).toBe(link);
      expect(m.bytes).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});
