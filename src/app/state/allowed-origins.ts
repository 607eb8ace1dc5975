// Which origins the page may talk to besides its own: loopback (the bundled baseline server) and
// the baseline origins the user configured. guardedFetch refuses every other origin before a byte
// leaves; the service worker writes the configured origins into the page's CSP on the next load.
import { storedValue } from '../storage/local.ts';

const SETTINGS_CACHE = 'edgeprobe-settings';
const ALLOWED_ORIGINS_KEY = '__edgeprobe/allowed-origins';
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;
/** Only plain http(s) origins are read back: a value stored by a bug or by hand cannot widen the CSP. */
const stored = () => storedValue<string[]>('allowedOrigins', {
  fallback: [], parse: (r) => (Array.isArray(r) ? r.filter((o): o is string => typeof o === 'string' && ORIGIN.test(o)) : undefined),
});
const LOOPBACK = new Set(['localhost', '127.0.0.1']);

/** Thrown when the page is asked to reach an origin the user did not configure. */
export class OriginNotAllowedError extends Error {
  override name = 'OriginNotAllowedError';
}

/** The origin of an http(s) URL, or null for anything else (data:, blob:, javascript:, garbage). */
export function originOf(url: string, base = globalThis.location?.href): string | null {
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** Origins the user configured (kept in localStorage; mirrored into Cache Storage for the service worker). */
export function configuredOrigins(): string[] {
  return stored().get();
}

/**
 * Allow the page to reach `urlOrOrigin`'s origin (a baseline the user configured). Returns the
 * origin and whether a reload is needed before the CSP lets requests through (a new origin that is
 * not loopback: the meta CSP only changes when the service worker serves the page again).
 */
export async function allowOrigin(urlOrOrigin: string): Promise<{ origin: string; reloadNeeded: boolean }> {
  const origin = originOf(urlOrOrigin);
  if (!origin || !ORIGIN.test(origin)) throw new OriginNotAllowedError(`"${urlOrOrigin}" is not an http(s) address; a baseline must be http://host[:port] or https://host[:port].`);
  const list = configuredOrigins();
  const fresh = !list.includes(origin);
  if (fresh) await saveOrigins([...list, origin]);
  return { origin, reloadNeeded: fresh && !isAllowedByDefault(origin) };
}

/** Forget a configured origin. */
export async function forgetOrigin(origin: string): Promise<void> {
  await saveOrigins(configuredOrigins().filter((o) => o !== origin));
}

async function saveOrigins(list: string[]): Promise<void> {
  stored().set(list);
  if (!globalThis.caches) return;
  const cache = await caches.open(SETTINGS_CACHE);
  await cache.put(new URL(ALLOWED_ORIGINS_KEY, location.href.replace(/[#?].*$/, '').replace(/[^/]*$/, '')), new Response(JSON.stringify(list), { headers: { 'content-type': 'application/json' } }));
}

/** The page's own origin and loopback (any port) are always allowed: nothing leaves the device. */
export function isAllowedByDefault(origin: string): boolean {
  if (origin === globalThis.location?.origin) return true;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && LOOPBACK.has(u.hostname);
  } catch {
    return false;
  }
}

/** True when the page may send a request to `url`. Relative, blob: and data: URLs stay on the device. */
export function isAllowed(url: string): boolean {
  try {
    const u = new URL(url, globalThis.location?.href);
    if (u.protocol === 'blob:' || u.protocol === 'data:') return true;
  } catch {
    return false;
  }
  const origin = originOf(url);
  return origin !== null && (isAllowedByDefault(origin) || configuredOrigins().includes(origin));
}

/**
 * fetch() that refuses origins the user did not configure, with a message saying how to allow one.
 * Use it for every request whose address came from the user (baselines, model URLs).
 */
export async function guardedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  check(input);
  return fetch(input, init);
}

function check(input: string | URL | Request): void {
  const url = input instanceof Request ? input.url : String(input);
  if (!isAllowed(url)) {
    throw new OriginNotAllowedError(`edgeprobe sends nothing off this device unless you ask: ${originOf(url) ?? url} is not a configured baseline. Add it as a baseline first (allowed now: this page and http://localhost / 127.0.0.1).`);
  }
}

let installed = false;

/**
 * Route every fetch() of the page through the guard, so code that calls fetch directly (model
 * URLs, baseline clients) gets the same refusal and message. Workers have their own fetch; the
 * service worker gives them the page's CSP instead. Idempotent.
 */
export function installFetchGuard(): void {
  if (installed || typeof globalThis.fetch !== 'function') return;
  installed = true;
  const native = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    try {
      check(input);
    } catch (e) {
      return Promise.reject(e);
    }
    return native(input, init);
  };
}
