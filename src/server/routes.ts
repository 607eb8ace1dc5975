// Maps a raw request path to an Open Inference Protocol v2 endpoint. Works on the raw path (not a
// URL-normalised one) so that `..`, `%2e%2e` or encoded slashes never reach a model lookup.
import { HttpError } from './errors.ts';
import { MODEL_NAME_PATTERN } from './models.ts';

/** The endpoints the server answers. */
export type Route =
  | { kind: 'server' }
  | { kind: 'live' }
  | { kind: 'ready' }
  | { kind: 'metrics' }
  | { kind: 'model' | 'modelReady' | 'infer'; model: string; version?: string };

const USAGE = 'valid paths: /metrics, /v2, /v2/health/live, /v2/health/ready, /v2/models/{name}[/versions/{v}][/ready|/infer]';

function notFound(what: string): HttpError {
  return new HttpError(404, `${what}; ${USAGE}`);
}

/**
 * Parse the path of `rawUrl` (query string ignored). Model names and versions are
 * percent-decoded and must match MODEL_NAME_PATTERN.
 * @throws HttpError 404 for an unknown path or a path-like / invalid model name.
 */
export function parseRoute(rawUrl: string): Route {
  const path = rawUrl.split(/[?#]/, 1)[0]!;
  if (!path.startsWith('/')) throw notFound(`unknown path ${JSON.stringify(path)}`);
  const segs = path.slice(1).split('/');
  // One trailing slash is tolerated (`/v2/`); anything else empty is not a path we serve.
  if (segs.length > 1 && segs[segs.length - 1] === '') segs.pop();
  const decoded = segs.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw notFound(`path segment ${JSON.stringify(s)} is not valid percent-encoding`);
    }
  });
  if (decoded.length === 1 && decoded[0] === 'metrics') return { kind: 'metrics' };
  if (decoded[0] !== 'v2') throw notFound(`unknown path ${JSON.stringify(path)}`);
  const rest = decoded.slice(1);
  if (rest.length === 0) return { kind: 'server' };
  if (rest[0] === 'health' && rest.length === 2) {
    if (rest[1] === 'live') return { kind: 'live' };
    if (rest[1] === 'ready') return { kind: 'ready' };
  }
  if (rest[0] === 'models' && rest.length >= 2) {
    const model = rest[1]!;
    if (!MODEL_NAME_PATTERN.test(model)) {
      throw notFound(`model name ${JSON.stringify(model)} is not valid (letters, digits, ".", "_", "-"; no path parts)`);
    }
    let tail = rest.slice(2);
    let version: string | undefined;
    if (tail[0] === 'versions') {
      version = tail[1];
      if (version === undefined || !/^[A-Za-z0-9_.-]{1,64}$/.test(version) || version.startsWith('.')) {
        throw notFound(`model version ${JSON.stringify(version ?? '')} is not valid`);
      }
      tail = tail.slice(2);
    }
    const base = version === undefined ? { model } : { model, version };
    if (tail.length === 0) return { kind: 'model', ...base };
    if (tail.length === 1 && tail[0] === 'ready') return { kind: 'modelReady', ...base };
    if (tail.length === 1 && tail[0] === 'infer') return { kind: 'infer', ...base };
  }
  throw notFound(`unknown path ${JSON.stringify(path)}`);
}
