// `npm start`: serve the production build on http://localhost:${PORT:-4173} with COOP/COEP, the
// result collector on the same origin (/collector/v1, kept in ./.edgeprobe/collector.duckdb), and
// the baseline server (Open Inference Protocol v2) with the bundled demo models beside it.
// `npm start -- --lan`: both on the local network over HTTPS (certificate kept in ./.edgeprobe/tls).
import { resolve } from 'node:path';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import QRCode from 'qrcode';
import { serveStatic } from '../src/cli/static.ts';
import { startServer } from '../src/server/server.ts';
import { createCollector } from '../src/server/collector/intake.ts';
import { DEFAULT_CORS } from '../src/server/cors.ts';
import { ensureCertificate, lanAddresses } from '../src/server/tls.ts';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 4173);
const serverPort = Number(process.env.BASELINE_PORT ?? 8000);
const lan = process.argv.includes('--lan');
const host = lan ? '0.0.0.0' : '127.0.0.1';
const tls = lan ? await ensureCertificate(lanAddresses()) : undefined;

const collector = await createCollector({ file: resolve(process.cwd(), '.edgeprobe/collector.duckdb') });
const app = await serveStatic(resolve(root, 'dist'), { port, host, handler: collector.handle, tls });
// The bundled .onnx files, and the model folders (a tokenizer beside model.onnx: served with a BYTES
// text input that the server tokenizes), so Compare against the server works for the text model too.
const modelsDir = resolve(root, 'public/models');
const models = readdirSync(modelsDir, { withFileTypes: true })
  .filter((e) => (e.isFile() && e.name.endsWith('.onnx')) || (e.isDirectory() && existsSync(resolve(modelsDir, e.name, 'tokenizer.json'))))
  .map((e) => resolve(modelsDir, e.name));
const cors = tls ? [...DEFAULT_CORS, ...tls.names.map((n) => `https://${n}:*`)] : undefined;
let baseline: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  baseline = await startServer({ models, host, port: serverPort, tls, cors });
} catch (e) {
  console.error(`baseline server not started on port ${serverPort}: ${(e as Error).message}`);
}

// The server's Host allow-list answers the LAN names too (it refuses unknown Host headers: DNS rebinding).
if (baseline && tls) for (const n of tls.names) baseline.allowHost(n);

if (baseline) {
  // The page reads the baseline's real URL from here (its Compare screen defaults to it).
  const info = resolve(mkdtempSync(resolve(tmpdir(), 'edgeprobe-start-')), 'baseline.json');
  writeFileSync(info, JSON.stringify({ url: baseline.url }));
  app.mount('/edgeprobe-baseline.json', info);
}

console.log(`\n  edgeprobe is running:  ${app.url}/`);
console.log(`  result collector: ${app.url}/collector/v1  (kept in ${collector.file}; edgeprobe devices --collector ${app.url})`);
if (baseline) console.log(`  baseline server (OIP v2): ${baseline.url}  models: ${models.map((m) => m.split('/').pop()).join(', ')}`);
if (tls) {
  const ip = lanAddresses()[0];
  if (ip) {
    const url = `https://${ip}:${new URL(app.url).port}/`;
    console.log(`\n  on the local network: ${url}`);
    console.log(`  certificate ${tls.created ? 'made now' : 'kept'} in ./.edgeprobe/tls, SHA-256 fingerprint:\n  ${tls.fingerprint}`);
    console.log('  (the phone warns once about the self-signed certificate: compare the fingerprint, then accept)');
    console.log(await QRCode.toString(url, { type: 'terminal', small: true }));
  } else {
    console.log('  --lan: this machine has no LAN address (no non-internal IPv4 interface)');
  }
}
console.log('  Ctrl+C to stop.\n');

const stop = async () => {
  await Promise.allSettled([app.close(), baseline?.close()]);
  await collector.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
