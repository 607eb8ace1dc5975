// Mounting the collector in a server that answers browsers from other origins: a preflight or a
// write from an origin the server does not allow is refused (403) before the collector sees it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { COLLECTOR_PREFIX, type Collector } from './intake.ts';
import { HttpError } from '../errors.ts';

export function isCollectorPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0]!;
  return path === COLLECTOR_PREFIX || path.startsWith(`${COLLECTOR_PREFIX}/`);
}

/**
 * Hand a /collector/v1 request to the collector; false for any other path. `originOk` is the
 * server's CORS verdict on the request's Origin (true when there is none).
 * @throws HttpError 403 for a preflight or write from a disallowed origin.
 */
export async function routeToCollector(c: Collector, req: IncomingMessage, res: ServerResponse, originOk: boolean): Promise<boolean> {
  if (!isCollectorPath(req.url)) return false;
  const writes = req.method === 'OPTIONS' || req.method === 'POST' || req.method === 'DELETE';
  if (writes && req.headers.origin !== undefined && !originOk) {
    throw new HttpError(403, `origin ${req.headers.origin} may not send results to this collector; start the server with --cors ${req.headers.origin}`);
  }
  return c.handle(req, res);
}
