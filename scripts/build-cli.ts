// Builds the `edgeprobe` CLI to plain JavaScript in .cache/cli/ (esbuild, the compiler tsx uses):
// bin/edgeprobe.js runs it instead of compiling TypeScript at every start (and in every worker
// thread), as long as it is newer than every source it was built from (recorded in inputs.json).
// Run: node --import tsx scripts/build-cli.ts [--force]   (part of npm run build / start / test)
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// Two levels below the repository, like src/cli/, so paths the CLI resolves from its own
// location (../../dist, ../../node_modules) stay the same.
const out = join(root, '.cache/cli');
const ENTRIES = { main: 'src/cli/main.ts', 'drift-main': 'src/cli/drift-main.ts', 'drift-read-worker': 'src/cli/drift-read-worker.ts' };

/** The bundle's record of what it was built from: repository-relative paths, and when. */
export interface CliBuildInfo {
  builtAtMs: number;
  inputs: string[];
}

function upToDate(): boolean {
  try {
    const info = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8')) as CliBuildInfo;
    return info.inputs.every((f) => statSync(join(root, f)).mtimeMs <= info.builtAtMs) &&
      Object.keys(ENTRIES).every((e) => existsSync(join(out, `${e}.mjs`)));
  } catch {
    return false;
  }
}

/** Build unless the bundle is already up to date; returns whether it built. */
export async function buildCli(force = false): Promise<boolean> {
  if (!force && upToDate()) return false;
  const esbuild = await import('esbuild');
  const builtAtMs = Date.now();
  // Built aside, then moved in: shared chunks have content-hashed names and are copied first,
  // each entry file is then renamed into place (atomic), so a CLI starting meanwhile loads
  // either the old or the new build whole.
  const tmp = `${out}-build-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const r = await esbuild.build({
      absWorkingDir: root,
      entryPoints: ENTRIES,
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'c-[name]-[hash]',
      bundle: true,
      // Code splitting keeps each command's dynamic import() lazy, so `drift` never loads
      // onnxruntime or Playwright.
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      metafile: true,
      logLevel: 'warning',
      legalComments: 'none',
    });
    const inputs = Object.keys(r.metafile.inputs).filter((f) => !f.includes('node_modules/'));
    mkdirSync(out, { recursive: true });
    const files = readdirSync(tmp);
    for (const f of files.filter((f) => f.startsWith('c-'))) copyFileSync(join(tmp, f), join(out, f));
    for (const f of files.filter((f) => !f.startsWith('c-'))) renameSync(join(tmp, f), join(out, f));
    writeFileSync(join(tmp, 'inputs.json'), JSON.stringify({ builtAtMs, inputs } satisfies CliBuildInfo, null, 1));
    renameSync(join(tmp, 'inputs.json'), join(out, 'inputs.json'));
    // Chunks of earlier builds: kept a while for CLIs still running from them.
    const current = new Set(files);
    for (const f of readdirSync(out)) {
      if (f.startsWith('c-') && !current.has(f) && statSync(join(out, f)).mtimeMs < builtAtMs - 3600_000) rmSync(join(out, f), { force: true });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const built = await buildCli(process.argv.includes('--force'));
  console.log(built ? `CLI built in ${out}` : `CLI in ${out} is up to date`);
}
