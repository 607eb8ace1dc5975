// Path parsing: every OIP v2 endpoint, and path-like names refused before any model lookup.
import { describe, expect, it } from 'vitest';
import { parseRoute } from './routes.ts';
import { HttpError } from './errors.ts';

describe('parseRoute', () => {
  it('maps the OIP v2 endpoints', () => {
    expect(parseRoute('/v2')).toEqual({ kind: 'server' });
    expect(parseRoute('/v2/')).toEqual({ kind: 'server' });
    expect(parseRoute('/v2/health/live?x=1')).toEqual({ kind: 'live' });
    expect(parseRoute('/v2/health/ready')).toEqual({ kind: 'ready' });
    expect(parseRoute('/v2/models/digits-cnn')).toEqual({ kind: 'model', model: 'digits-cnn' });
    expect(parseRoute('/v2/models/m/versions/1')).toEqual({ kind: 'model', model: 'm', version: '1' });
    expect(parseRoute('/v2/models/m/ready')).toEqual({ kind: 'modelReady', model: 'm' });
    expect(parseRoute('/v2/models/m/versions/2/ready')).toEqual({ kind: 'modelReady', model: 'm', version: '2' });
    expect(parseRoute('/v2/models/m.v1_x/infer')).toEqual({ kind: 'infer', model: 'm.v1_x' });
    expect(parseRoute('/v2/models/%6d/infer')).toEqual({ kind: 'infer', model: 'm' });
  });

  it('throws 404 for unknown paths and path-like or invalid names', () => {
    const bad = ['', '/', '/v3', '/v2/models', '/v2/models/m/infer/x', '/v2//health/live', '/v2/models/../m',
      '/v2/models/%2e%2e', '/v2/models/a%2fb', '/v2/models/a%5cb', '/v2/models/%', '/v2/models/.m',
      '/v2/models/m/versions', '/v2/models/m/versions/%2e%2e/infer', 'http://host/v2', '/v2/models/' + 'a'.repeat(200)];
    for (const path of bad) {
      let err: unknown;
      try {
        parseRoute(path);
      } catch (e) {
        err = e;
      }
      expect(err, path).toBeInstanceOf(HttpError);
      expect((err as HttpError).status).toBe(404);
    }
  });
});
