// e2e global setup: make sure the production build exists (npm test builds it first; a bare
// `vitest --project e2e` builds here), and fail early with a clear message when Chromium is missing.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  const chromium = process.env.EDGEPROBE_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) throw new Error(`e2e tests need Chromium at ${chromium} (apt-get install -y chromium)`);
  if (!existsSync(resolve(root, 'dist/index.html')) || process.env.EDGEPROBE_REBUILD) {
    execFileSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
}
