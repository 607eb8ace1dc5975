// Standalone entry for `edgeprobe drift` (used by the benchmark): npx tsx src/cli/drift-main.ts …
import { driftCommand } from './drift.ts';

process.exitCode = await driftCommand(process.argv.slice(2));
