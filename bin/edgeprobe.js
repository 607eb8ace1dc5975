#!/usr/bin/env node
// The `edgeprobe` command: registers tsx so the TypeScript CLI runs as it is in the repo.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
