// The Host allow-list on its own; the 421 over real HTTP is in security.test.ts.
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { HostAllowList, hostOf } from './host.ts';

describe('hostOf', () => {
  it('strips ports, brackets and a trailing dot, and refuses malformed values', () => {
    expect(hostOf('LocalHost:8000')).toBe('localhost');
    expect(hostOf('[::1]:8000')).toBe('::1');
    expect(hostOf('localhost.')).toBe('localhost');
    expect(hostOf('a b')).toBeUndefined();
    expect(hostOf('[::1]x')).toBeUndefined();
    expect(hostOf('evil.example/x')).toBeUndefined();
  });
});

describe('HostAllowList', () => {
  it('on loopback allows loopback names only', () => {
    const l = new HostAllowList('127.0.0.1');
    for (const h of ['localhost', 'localhost:1234', '127.0.0.1:8000', '127.0.0.2', '[::1]:80', undefined]) expect(l.allows(h)).toBe(true);
    for (const h of ['rebind.evil.example', 'rebind.evil.example:8000', '10.0.0.5', 'localhost.evil.example', '']) expect(l.allows(h)).toBe(false);
  });

  it('adds names programmatically and from the listen host', () => {
    const l = new HostAllowList('edge.lan', ['proxy.example.com']);
    expect(l.allows('edge.lan:8443')).toBe(true);
    expect(l.allows('proxy.example.com')).toBe(true);
    expect(l.allows('other.lan')).toBe(false);
    l.add('Other.LAN');
    expect(l.allows('other.lan:1')).toBe(true);
  });

  it('on every interface allows this machine\'s name and .local name', () => {
    const l = new HostAllowList('0.0.0.0');
    expect(l.allows(hostname())).toBe(true);
    expect(l.allows(`${hostname().split('.')[0]}.local:8000`)).toBe(true);
    expect(l.allows('evil.example')).toBe(false);
  });
});
