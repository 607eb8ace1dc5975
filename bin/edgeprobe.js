#!/usr/bin/env node
// The `edgeprobe` command. Runs the prebuilt CLI in .cache/cli/ (scripts/build-cli.ts, part of
// npm run build / start / test) when it is newer than every source it was built from; otherwise
// registers tsx and runs the TypeScript sources as they are (EDGEPROBE_FROM_SOURCE=1 forces that).
import { builtCli } from './built-cli.js';

const built = builtCli(new URL('../', import.meta.url), !!process.env.EDGEPROBE_FROM_SOURCE);
let main;
if (built) ({ main } = await import(built.href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
