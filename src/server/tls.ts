// HTTPS for the LAN: a self-signed certificate made on first use (pure JS: selfsigned) and kept in
// ./.edgeprobe/tls/, reused while it covers the same names and is not near expiry. Phones treat a
// plain-http LAN page as insecure (no wasm threads, no WebGPU, no service worker).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** SHA-256 fingerprint of the certificate, "AB:CD:…" (what a browser's certificate viewer shows). */
  fingerprint: string;
  /** Names and addresses it covers. */
  names: string[];
  /** Whether it was made now (false: read from the directory). */
  created: boolean;
}

/** Non-internal IPv4 addresses of this machine (what a phone on the same network can reach). */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}

/** Whether a listen host is only reachable from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

const isIp = (n: string) => /^\d+\.\d+\.\d+\.\d+$/.test(n) || n.includes(':');

/**
 * The certificate for `names` (host names and IP addresses; localhost and 127.0.0.1 are always
 * added), from `dir` when one there covers them and is valid for 30 more days, else a new one.
 */
export async function ensureCertificate(names: string[], dir = join(process.cwd(), '.edgeprobe', 'tls')): Promise<TlsMaterial> {
  const wanted = [...new Set(['localhost', '127.0.0.1', ...names])].sort();
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  if (existsSync(keyFile) && existsSync(certFile)) {
    const cert = readFileSync(certFile, 'utf8');
    const x = new X509Certificate(cert);
    const san = x.subjectAltName ?? '';
    const covers = wanted.every((n) => san.includes(isIp(n) ? `IP Address:${n}` : `DNS:${n}`));
    if (covers && Date.parse(x.validTo) - Date.now() > 30 * 86_400_000) {
      return { key: readFileSync(keyFile, 'utf8'), cert, fingerprint: x.fingerprint256, names: wanted, created: false };
    }
  }
  const { generate } = await import('selfsigned');
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'edgeprobe (local network)' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate: new Date(now.getTime() - 86_400_000),
    notAfterDate: new Date(now.getTime() + 397 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: wanted.map((n) => (isIp(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) },
    ],
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Written aside and renamed, so a crash never leaves a key without its certificate.
  writeFileSync(`${keyFile}.tmp`, pems.private, { mode: 0o600 });
  writeFileSync(`${certFile}.tmp`, pems.cert);
  renameSync(`${keyFile}.tmp`, keyFile);
  renameSync(`${certFile}.tmp`, certFile);
  return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256, names: wanted, created: true };
}
