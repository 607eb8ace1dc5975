// `edgeprobe serve`: usage errors exit 2, a running server answers, and stopping exits 0.
import { describe, expect, it } from 'vitest';
import { serveCommand, type ServeIo } from './serve.ts';
import type { RunningServer } from '../server/server.ts';

function capture(stopped?: Promise<unknown>): ServeIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), ...(stopped ? { stopped } : {}) };
}

describe('serveCommand', () => {
  it('exits 2 with usage for no model, unknown options and bad numbers', async () => {
    for (const argv of [[], ['--nope', 'a.onnx'], ['a.onnx', '--port', '70000'], ['a.onnx', '--max-body', 'lots']]) {
      const io = capture();
      expect(await serveCommand(argv, io)).toBe(2);
      expect(io.errors.join('\n')).toMatch(/usage: edgeprobe serve/);
    }
  });

  it('exits 2 naming the file when a model cannot be loaded', async () => {
    const io = capture();
    expect(await serveCommand(['tests/fixtures/server/missing.onnx', '--port', '0'], io)).toBe(2);
    expect(io.errors.join('\n')).toMatch(/cannot read model file tests\/fixtures\/server\/missing\.onnx/);
  });

  it('exits 2 at once for /dev/zero, naming the kind of file (nothing is read)', async () => {
    const io = capture();
    expect(await serveCommand(['/dev/zero', '--port', '0'], io)).toBe(2);
    expect(io.errors.join('\n')).toMatch(/model file \/dev\/zero is a character device, not a regular file/);
    const small = capture();
    expect(await serveCommand(['tests/fixtures/server/add.onnx', '--port', '0', '--max-model-bytes', '100'], small)).toBe(2);
    expect(small.errors.join('\n')).toMatch(/over the limit of 100 bytes \(--max-model-bytes\)/);
    for (const bad of [['--log', 'xml'], ['--max-model-bytes', 'big'], ['--body-timeout', '0'], ['--max-client-connections', '-1']]) {
      const io2 = capture();
      expect(await serveCommand(['tests/fixtures/server/add.onnx', ...bad], io2)).toBe(2);
      expect(io2.errors.join('\n')).toMatch(/usage: edgeprobe serve/);
    }
  });

  it('prints help and exits 0 for --help', async () => {
    const io = capture();
    expect(await serveCommand(['--help'], io)).toBe(0);
    expect(io.lines[0]).toMatch(/^usage: edgeprobe serve/);
  });

  it('serves until stopped, printing the URL and the models, then exits 0', async () => {
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const io = capture(stopped);
    let server: RunningServer | undefined;
    io.onListening = (s) => (server = s);
    const done = serveCommand(['tests/fixtures/server/add.onnx', 'sum=tests/fixtures/server/add.onnx', '--port', '0', '--workers', '1', '--cors', '*'], io);
    while (server === undefined) await new Promise((r) => setTimeout(r, 10));
    const meta = await fetch(`${server.url}/v2/models/sum`, { headers: { Origin: 'https://x.example' } });
    expect(meta.status).toBe(200);
    expect(meta.headers.get('access-control-allow-origin')).toBe('*');
    expect(io.lines[0]).toBe(`edgeprobe serve: Open Inference Protocol v2 at ${server.url}/v2`);
    expect(io.lines.join('\n')).toMatch(/\/v2\/models\/add .*\n {4}inputs: x FP32\[-1,3\], y FP32\[-1,3\]\n {4}outputs: sum FP32\[-1,3\], prod FP32\[-1,3\]/);
    stop();
    expect(await done).toBe(0);
    await expect(fetch(`${server.url}/v2/health/live`)).rejects.toThrow();
  });
});
