#!/usr/bin/env node
// The `edgeprobe` command. Runs the prebuilt CLI in .cache/cli/ (scripts/build-cli.ts, part of
// npm run build / start / test) when it is newer than every source it was built from; otherwise
// registers tsx and runs the TypeScript sources as they are (EDGEPROBE_FROM_SOURCE=1 forces that).
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

/** URL of the built CLI when it is present and up to date, else null. */
function builtCli() {
  if (process.env.EDGEPROBE_FROM_SOURCE) return null;
  try {
    const dir = new URL('.cache/cli/', root);
    const info = JSON.parse(readFileSync(new URL('inputs.json', dir), 'utf8'));
    for (const f of info.inputs) if (statSync(new URL(f, root)).mtimeMs > info.builtAtMs) return null;
    return new URL('main.mjs', dir);
  } catch {
    return null;
  }
}

const built = builtCli();
let main;
if (built) ({ main } = await import(built.href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
