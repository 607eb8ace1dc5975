// The page's origin guard: which addresses may be reached (its own origin, loopback, configured
// baselines), what a refusal says, and that refused requests never reach fetch.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { allowOrigin, configuredOrigins, forgetOrigin, guardedFetch, installFetchGuard, isAllowed, isAllowedByDefault, originOf, OriginNotAllowedError } from './allowed-origins.ts';

const store = new Map<string, string>();
beforeEach(() => {
  store.clear();
  vi.stubGlobal('location', new URL('https://app.example/edgeprobe/#/compare'));
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
  vi.stubGlobal('caches', undefined);
});
afterEach(() => vi.unstubAllGlobals());

describe('origins the page may reach', () => {
  it('allows its own origin, relative URLs, blob: and data:, and loopback on any port', () => {
    for (const u of ['/models/weather.onnx', 'https://app.example/x', 'blob:https://app.example/1234', 'data:text/plain,hi', 'http://localhost:8000/v2', 'http://127.0.0.1:9/']) expect(isAllowed(u), u).toBe(true);
  });

  it('refuses other origins, https loopback look-alikes and non-http schemes', () => {
    for (const u of ['https://evil.example/', 'http://127.0.0.2:80/', 'http://localhost.evil.example/', 'https://localhost:8000/', 'ftp://app.example/', 'javascript:alert(1)', 'ws://localhost:1/']) expect(isAllowed(u), u).toBe(false);
    expect(isAllowedByDefault('http://app.example')).toBe(false); // other scheme than the page
  });

  it('allows a configured baseline after allowOrigin, says a reload is needed, and forgets it again', async () => {
    expect(isAllowed('https://ml.corp.example:8443/v2/models/m/infer')).toBe(false);
    const r = await allowOrigin('https://ml.corp.example:8443/v2/');
    expect(r).toEqual({ origin: 'https://ml.corp.example:8443', reloadNeeded: true });
    expect(configuredOrigins()).toEqual(['https://ml.corp.example:8443']);
    expect(isAllowed('https://ml.corp.example:8443/v2/models/m/infer')).toBe(true);
    expect((await allowOrigin('https://ml.corp.example:8443')).reloadNeeded).toBe(false); // already there
    expect((await allowOrigin('http://127.0.0.1:8000')).reloadNeeded).toBe(false); // loopback is in the CSP
    await forgetOrigin('https://ml.corp.example:8443');
    expect(isAllowed('https://ml.corp.example:8443/')).toBe(false);
  });

  it('rejects what is not an http(s) address as a baseline', async () => {
    for (const bad of ['javascript:alert(1)', 'data:,x', 'mailto:a@b.example', 'http://']) await expect(allowOrigin(bad)).rejects.toThrow(OriginNotAllowedError);
  });

  it('ignores a tampered stored list', () => {
    store.set('edgeprobe.allowedOrigins', JSON.stringify(['https://ok.example', "https://x.example; script-src 'unsafe-inline'", 42, 'javascript:alert(1)']));
    expect(configuredOrigins()).toEqual(['https://ok.example']);
    store.set('edgeprobe.allowedOrigins', '{not json');
    expect(configuredOrigins()).toEqual([]);
  });

  it('originOf gives http(s) origins only', () => {
    expect(originOf('https://a.example:1/x?y#z')).toBe('https://a.example:1');
    expect(originOf('blob:https://a.example/1')).toBeNull();
  });
});

describe('guardedFetch', () => {
  it('refuses an unconfigured origin before fetch is called, naming it and how to allow it', async () => {
    const fetchSpy = vi.fn(async () => new Response('x'));
    vi.stubGlobal('fetch', fetchSpy);
    const e = await guardedFetch('https://tracker.example/pixel').catch((x) => x as Error);
    expect(e).toBeInstanceOf(OriginNotAllowedError);
    expect((e as Error).message).toMatch(/https:\/\/tracker\.example is not a configured baseline/);
    expect(fetchSpy).not.toHaveBeenCalled();
    await guardedFetch('/models/index.json');
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });
});

describe('installFetchGuard', () => {
  it('makes the global fetch refuse unconfigured origins (and Request objects), passing the rest through', async () => {
    const fetchSpy = vi.fn(async () => new Response('ok'));
    vi.stubGlobal('fetch', fetchSpy);
    installFetchGuard();
    await expect(fetch('https://cdn.example/lib.js')).rejects.toThrow(OriginNotAllowedError);
    await expect(fetch(new Request('https://cdn.example/lib.js'))).rejects.toThrow(/cdn\.example is not a configured baseline/);
    expect(await (await fetch('http://127.0.0.1:8000/v2')).text()).toBe('ok');
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });
});
