import { describe, expect, it } from 'vitest';
import { answerEnd, encodeRequest } from './load-socket.ts';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('lean HTTP answers', () => {
  it('ends a Content-Length answer after its body, and waits for more bytes before', () => {
    expect(answerEnd(b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel'))).toBeNull();
    expect(answerEnd(b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1'))).toEqual({ end: 43, status: 200, close: false });
  });

  it('ends a chunked answer after the last chunk', () => {
    const text = 'HTTP/1.1 503 Busy\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n';
    expect(answerEnd(b(text.slice(0, -3)))).toBeNull();
    expect(answerEnd(b(text))).toEqual({ end: text.length, status: 503, close: true });
  });

  it('reads an answer without length to the close, and refuses what is not HTTP', () => {
    expect(answerEnd(b('HTTP/1.0 200 OK\r\n\r\nabc'))).toEqual({ untilClose: true, status: 200 });
    expect(answerEnd(b('HTTP/1.1 204 No Content\r\n\r\n'))).toEqual({ end: 27, status: 204, close: false });
    expect(() => answerEnd(b('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow(/not an HTTP/);
  });

  it('encodes the request once with its length', () => {
    const r = encodeRequest(new URL('http://127.0.0.1:8000/v2/models/m/infer?x=1'), Buffer.from('{}'), 'application/json').toString();
    expect(r).toMatch(/^POST \/v2\/models\/m\/infer\?x=1 HTTP\/1\.1\r\nHost: 127\.0\.0\.1:8000\r\n/);
    expect(r).toMatch(/Content-Length: 2\r\n[\s\S]*\r\n\r\n\{\}$/);
  });
});
