// `npm start`: serve the production build on http://localhost:${PORT:-4173} with COOP/COEP, and
// the baseline server (Open Inference Protocol v2) with the bundled demo models beside it.
import { resolve } from 'node:path';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serveStatic } from '../src/cli/static.ts';
import { startServer } from '../src/server/server.ts';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 4173);
const serverPort = Number(process.env.BASELINE_PORT ?? 8000);

const app = await serveStatic(resolve(root, 'dist'), port);
const models = readdirSync(resolve(root, 'public/models')).filter((f) => f.endsWith('.onnx')).map((f) => resolve(root, 'public/models', f));
let baseline: { url: string; close(): Promise<void> } | undefined;
try {
  baseline = await startServer({ models, host: '127.0.0.1', port: serverPort });
} catch (e) {
  console.error(`baseline server not started on port ${serverPort}: ${(e as Error).message}`);
}

if (baseline) {
  // The page reads the baseline's real URL from here (its Compare screen defaults to it).
  const info = resolve(mkdtempSync(resolve(tmpdir(), 'edgeprobe-start-')), 'baseline.json');
  writeFileSync(info, JSON.stringify({ url: baseline.url }));
  app.mount('/edgeprobe-baseline.json', info);
}

console.log(`\n  edgeprobe is running:  ${app.url}/`);
if (baseline) console.log(`  baseline server (OIP v2): ${baseline.url}  models: ${models.map((m) => m.split('/').pop()).join(', ')}`);
console.log('  Ctrl+C to stop.\n');

const stop = async () => {
  await Promise.allSettled([app.close(), baseline?.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
