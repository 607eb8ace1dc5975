// Which CLI bin/edgeprobe.js runs: the prebuilt one in .cache/cli/ (scripts/build-cli.ts) when it
// is present and no source it was built from changed since; plain JavaScript, no dependencies.
import { readFileSync, statSync } from 'node:fs';

/**
 * URL of the built CLI's main.mjs under the repository `root` (a directory URL ending in /), or
 * null when it is missing, unreadable, older than any of its recorded inputs, or `fromSource` is set.
 * @param {URL} root
 * @param {boolean} [fromSource]
 * @returns {URL | null}
 */
export function builtCli(root, fromSource = false) {
  if (fromSource) return null;
  try {
    const dir = new URL('.cache/cli/', root);
    const info = JSON.parse(readFileSync(new URL('inputs.json', dir), 'utf8'));
    if (!Array.isArray(info.inputs) || typeof info.builtAtMs !== 'number') return null;
    for (const f of info.inputs) if (statSync(new URL(f, root)).mtimeMs > info.builtAtMs) return null;
    return new URL('main.mjs', dir);
  } catch {
    return null;
  }
}
