// Where drift's file-reading worker threads start. A bundled build ships drift-read-worker.mjs
// next to itself. Run from TypeScript source (tsx), worker threads would each have to load tsx
// and compile every module again, so the worker is bundled once with esbuild (tsx's own
// compiler) into a cache keyed by its inputs' modification times; without esbuild, each
// worker registers tsx itself.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface CacheMeta {
  inputs: Record<string, number>;
}

function fresh(meta: CacheMeta): boolean {
  for (const [file, mtime] of Object.entries(meta.inputs)) {
    try {
      if (statSync(file).mtimeMs !== mtime) return false;
    } catch {
      return false;
    }
  }
  return true;
}

async function bundledWorker(source: string): Promise<URL | null> {
  const dir = join(tmpdir(), 'edgeprobe-drift-worker');
  const out = join(dir, 'drift-read-worker.mjs');
  const metaPath = join(dir, 'inputs.json');
  try {
    if (existsSync(out) && existsSync(metaPath) && fresh(JSON.parse(readFileSync(metaPath, 'utf8')) as CacheMeta)) {
      return pathToFileURL(out);
    }
    const esbuild = await import('esbuild');
    mkdirSync(dir, { recursive: true });
    const r = await esbuild.build({
      entryPoints: [source], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out,
      metafile: true, logLevel: 'silent', write: false,
    });
    // Write then rename, so a concurrent run never loads a half-written bundle.
    const tmp = `${out}.${process.pid}.tmp`;
    writeFileSync(tmp, r.outputFiles[0].contents);
    renameSync(tmp, out);
    const inputs: Record<string, number> = {};
    // esbuild names inputs relative to its working directory (this process's cwd).
    for (const f of Object.keys(r.metafile.inputs)) inputs[resolve(f)] = statSync(f).mtimeMs;
    writeFileSync(`${metaPath}.${process.pid}.tmp`, JSON.stringify({ inputs }));
    renameSync(`${metaPath}.${process.pid}.tmp`, metaPath);
    return pathToFileURL(out);
  } catch {
    return null;
  }
}

let cached: Promise<URL> | undefined;

/** URL of the module a drift file-reading worker runs. */
export function workerEntry(): Promise<URL> {
  cached ??= (async () => {
    if (!import.meta.url.endsWith('.ts')) return new URL('./drift-read-worker.mjs', import.meta.url);
    const source = fileURLToPath(new URL('./drift-read-worker.ts', import.meta.url));
    const bundled = await bundledWorker(source);
    if (bundled) return bundled;
    const target = pathToFileURL(source).href;
    const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(target)});`;
    return new URL('data:text/javascript,' + encodeURIComponent(boot));
  })();
  return cached;
}
