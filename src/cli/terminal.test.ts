// A server's error text full of escape sequences, printed by the CLI (a real child process against
// a real HTTP server), reaches neither stdout nor stderr raw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { terminalSafe } from './terminal.ts';
import { runCli } from './cli-process.testing.ts';

const root = resolve(import.meta.dirname, '../..');
const ESC = '\u001b';
// Clears the screen, homes the cursor, sets the window title, prints a green fake PASS, rings the
// bell, returns the carriage, and uses the 8-bit CSI too.
const HOSTILE = `${ESC}[2J${ESC}[H${ESC}]0;pwned\u0007${ESC}[1;32mPASS${ESC}[0m\u0007\r\u009b31mfake${ESC}]8;;http://evil${ESC}\\link${ESC}]8;;${ESC}\\`;
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.endsWith('/infer')) {
        res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: HOSTILE }));
      } else if (req.url === '/v2/models/weather') {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(HOSTILE);
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const cli = runCli;

describe('terminal output', () => {
  it('terminalSafe drops escape sequences and shows other controls; keeps a leading progress \\r', () => {
    expect(terminalSafe(`x ${HOSTILE} y`)).toBe('x PASS\\u0007\\u000dfakelink y');
    expect(terminalSafe('\rbaseline: 3/10')).toBe('\rbaseline: 3/10');
  });

  it('edgeprobe compare against a server answering escape sequences prints none of them', async () => {
    const r = await cli(['compare', 'public/models/weather.onnx', '--samples', 'public/samples/weather-heldout.jsonl', '--baseline', url, '--runtime', 'native']);
    expect(r.code).not.toBe(0);
    const all = r.stdout + r.stderr;
    expect(all).toMatch(/HTTP 500/);
    expect(all).toMatch(/PASS/);
    expect(all).not.toMatch(RAW);
    expect(all).not.toContain(ESC);
  });
});
