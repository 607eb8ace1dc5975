// The Host allow-list: a browser page on a DNS-rebound name (rebind.evil.example → 127.0.0.1)
// sends its own name as Host, so only names this server is known by are answered (421 otherwise).
import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** `Host` header value → lowercase host name without port or IPv6 brackets; undefined if malformed. */
export function hostOf(header: string): string | undefined {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0 || (end + 1 < h.length && !/^:\d{1,5}$/.test(h.slice(end + 1)))) return undefined;
    return h.slice(1, end);
  }
  const m = /^([a-z0-9._-]+)(?::\d{1,5})?$/.exec(h);
  // A trailing dot is the same DNS name ("localhost." = "localhost").
  return m ? m[1]!.replace(/\.$/, '') : undefined;
}

function normalise(name: string): string {
  const n = name.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  return n;
}

/**
 * The names a server answers to. Always: `localhost`, 127.0.0.0/8, `::1`. Plus the listen address,
 * and when listening on every interface (0.0.0.0 or ::) this machine's host name, `NAME.local`
 * and every interface address. `add()` takes more (a LAN name, a reverse proxy's public name).
 */
export class HostAllowList {
  private readonly names = new Set<string>(['localhost', '::1']);

  constructor(listenHost: string, extra: readonly string[] = []) {
    const listen = normalise(listenHost);
    if (WILDCARDS.has(listen)) {
      const name = hostname().toLowerCase();
      this.add(name);
      this.add(`${name.split('.')[0]}.local`);
      for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) this.add(a.address.split('%')[0]!);
    } else {
      this.add(listen);
    }
    for (const e of extra) this.add(e);
  }

  /** Allow one more host name or address (any port). `*` allows every Host (not recommended). */
  add(name: string): void {
    const n = normalise(name);
    if (n !== '') this.names.add(n);
  }

  /** True when a request with this Host header may be answered; no Host (HTTP/1.0) is allowed. */
  allows(header: string | undefined): boolean {
    if (header === undefined) return true;
    if (this.names.has('*')) return true;
    const h = hostOf(header);
    if (h === undefined) return false;
    if (this.names.has(h)) return true;
    // 127.0.0.0/8 is loopback as a whole on Linux; a literal address cannot be DNS-rebound.
    return isIP(h) === 4 && h.startsWith('127.');
  }

  /** The allowed names, for messages and the README. */
  list(): string[] {
    return [...this.names, '127.0.0.0/8'];
  }
}
