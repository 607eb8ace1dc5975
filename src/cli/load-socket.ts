// A lean HTTP/1.1 keep-alive connection for `edgeprobe load`: the request bytes are encoded once
// and written as they are; the answer is read just far enough to know its status and its end
// (Content-Length, chunked, or close). Node's http client costs more per request than the small
// servers it measures, which would cap the throughput it can report.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface Answer {
  status: number;
}

/** The request as bytes: POST path with the body, keep-alive. */
export function encodeRequest(u: URL, body: Buffer, contentType: string): Buffer {
  const head = `POST ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\nAccept: */*\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

const CRLF2 = Buffer.from('\r\n\r\n');

/**
 * Where the answer at the start of `buf` ends: {end, status} when complete, null when more bytes
 * are needed, 'until-close' when it has neither a length nor chunks. @throws Error on a malformed head.
 */
export function answerEnd(buf: Buffer): { end: number; status: number; close: boolean } | null | { untilClose: true; status: number } {
  const headEnd = buf.indexOf(CRLF2);
  if (headEnd < 0) return null;
  const head = buf.toString('latin1', 0, headEnd);
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  if (!m) throw new Error(`not an HTTP/1.1 answer: ${JSON.stringify(head.slice(0, 40))}`);
  const status = Number(m[1]);
  const close = /\r\nconnection: *close/i.test(head);
  const start = headEnd + 4;
  const len = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (len) {
    const end = start + Number(len[1]);
    return buf.length >= end ? { end, status, close } : null;
  }
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    let at = start;
    while (true) {
      const lineEnd = buf.indexOf('\r\n', at, 'latin1');
      if (lineEnd < 0) return null;
      const size = parseInt(buf.toString('latin1', at, lineEnd), 16);
      if (Number.isNaN(size)) throw new Error('malformed chunk size');
      at = lineEnd + 2 + size + 2;
      if (buf.length < at) return null;
      if (size === 0) return { end: at, status, close };
    }
  }
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) return { end: start, status, close };
  return { untilClose: true, status };
}

/** One connection that sends a request and resolves with the answer's status; reconnects after a close. */
export class LeanConnection {
  private socket: Socket | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private waiting: { resolve(a: Answer): void; reject(e: Error): void } | null = null;
  private untilClose: number | null = null;

  constructor(private readonly u: URL, private readonly insecure = false) {}

  private open(): Socket {
    const port = Number(this.u.port || (this.u.protocol === 'https:' ? 443 : 80));
    const host = this.u.hostname.replace(/^\[|\]$/g, '');
    const s = this.u.protocol === 'https:'
      ? tlsConnect({ host, port, servername: /^[\d.]+$|:/.test(host) ? undefined : host, rejectUnauthorized: !this.insecure })
      : netConnect({ host, port });
    s.setNoDelay(true);
    s.on('data', (d: Buffer) => this.onData(d));
    s.on('error', (e) => this.fail(e));
    s.on('close', () => {
      if (this.untilClose !== null && this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w.resolve({ status: this.untilClose });
      } else this.fail(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' }));
      this.socket = null;
      this.untilClose = null;
    });
    return s;
  }

  private fail(e: Error): void {
    const w = this.waiting;
    this.waiting = null;
    this.socket?.destroy();
    this.socket = null;
    this.buf = Buffer.alloc(0);
    w?.reject(e);
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    if (!this.waiting || this.untilClose !== null) return;
    let r: ReturnType<typeof answerEnd>;
    try {
      r = answerEnd(this.buf);
    } catch (e) {
      return this.fail(e as Error);
    }
    if (r === null) return;
    if ('untilClose' in r) {
      this.untilClose = r.status;
      return;
    }
    this.buf = this.buf.subarray(r.end);
    const w = this.waiting;
    this.waiting = null;
    if (r.close) {
      this.socket?.destroy();
      this.socket = null;
    }
    w.resolve({ status: r.status });
  }

  /** Send the encoded request; rejects on a network error or after `timeoutMs`. */
  send(request: Buffer, timeoutMs: number): Promise<Answer> {
    this.socket ??= this.open();
    this.buf = Buffer.alloc(0);
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(Object.assign(new Error('timeout'), { code: 'timeout' })), timeoutMs);
      this.waiting = {
        resolve: (a) => { clearTimeout(timer); resolve(a); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      this.socket!.write(request);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }
}
