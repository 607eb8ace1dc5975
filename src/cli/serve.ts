// `edgeprobe serve MODEL…`: runs the Open Inference Protocol v2 baseline server until SIGINT or
// SIGTERM, printing its URL and what each model takes and returns.
import { parseArgs } from 'node:util';
import { startServer, type RunningServer } from '../server/server.ts';
import { ModelLoadError } from '../server/models.ts';

export const SERVE_USAGE = `usage: edgeprobe serve MODEL.onnx… [options]
Serves the models over the Open Inference Protocol v2 (KServe v2 REST); a model is named after its
file (digits-cnn.onnx -> digits-cnn) unless given as NAME=PATH.
  --host HOST         address to listen on (default 127.0.0.1)
  --port N            port (default 8000; 0 picks a free one)
  --cors ORIGIN       allowed browser origin, repeatable: exact, scheme://host:* or *
                      (default http://localhost:*, http://127.0.0.1:*, http://[::1]:*); a request
                      carrying any other Origin is refused (403), simple requests included
  --allow-host NAME   answer requests whose Host is NAME too, repeatable (default: localhost,
                      loopback addresses and --host; on 0.0.0.0 also this machine's names and
                      addresses); other Host headers get 421 (DNS rebinding); * answers any
  --max-body BYTES    largest request body (default 33554432; suffixes k, m, g: 64m)
  --body-timeout MS   a request body must arrive within MS ms, else 408 (default 30000)
  --min-body-rate B   after 2 s a body must arrive at B bytes/s on average, else 408
                      (default 65536; 0 = no minimum)
  --max-client-connections N  open connections per client address; more get 429 (default 32)
  --max-model-bytes BYTES     largest model file (default 2g); models must be regular files
  --workers N         inference threads (default min(4, cores))
  --queue N           requests waiting for a thread before 503 (default 64); a request takes
                      a place only once its body has arrived
  --log json|text     one access line per request on stderr (default: errors only)
Metrics in Prometheus text format at /metrics.`;

/** Where serveCommand writes and what stops it; tests pass their own. */
export interface ServeIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the server should stop. Default: the first SIGINT or SIGTERM. */
  stopped?: Promise<unknown>;
  /** Called once the server listens (tests read the URL from it). */
  onListening?(server: RunningServer): void;
}

class UsageError extends Error {
  override name = 'UsageError';
}

function parseBytes(flag: string, text: string): number {
  const m = /^(\d+)([kKmMgG]?)[bB]?$/.exec(text.trim());
  if (!m) throw new UsageError(`--${flag} ${JSON.stringify(text)} is not a byte count (e.g. 1048576, 512k, 64m, 2g)`);
  const n = Number(m[1]) * 1024 ** ' kmg'.indexOf((m[2] || ' ').toLowerCase());
  if (n < 1) throw new UsageError(`--${flag} must be at least 1 byte`);
  return n;
}

function parseInt(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} ${JSON.stringify(text)} must be an integer from ${min} to ${max}`);
  return n;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: string) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * Run `edgeprobe serve` with the arguments after `serve`. Resolves with the exit code once the
 * server has stopped: 0 after a signal, 2 for bad usage or a model that cannot be served.
 */
export async function serveCommand(argv: string[], io: ServeIo = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  let server: RunningServer;
  try {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '8000' },
        cors: { type: 'string', multiple: true }, 'allow-host': { type: 'string', multiple: true }, 'max-body': { type: 'string' },
        'body-timeout': { type: 'string' }, 'min-body-rate': { type: 'string' }, 'max-client-connections': { type: 'string' },
        'max-model-bytes': { type: 'string' }, log: { type: 'string' },
        workers: { type: 'string' }, queue: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.out(SERVE_USAGE);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('no model given');
    const opts: Parameters<typeof startServer>[0] = {
      models: positionals, host: values.host, port: parseInt('port', values.port, 0, 65535)!,
    };
    if (values.cors) opts.cors = values.cors;
    if (values['allow-host']) opts.allowedHosts = values['allow-host'];
    if (values['max-body'] !== undefined) opts.maxBodyBytes = parseBytes('max-body', values['max-body']);
    if (values['max-model-bytes'] !== undefined) opts.maxModelBytes = parseBytes('max-model-bytes', values['max-model-bytes']);
    const bodyTimeout = parseInt('body-timeout', values['body-timeout'], 1, 3_600_000);
    if (bodyTimeout !== undefined) opts.bodyTimeoutMs = bodyTimeout;
    const minRate = parseInt('min-body-rate', values['min-body-rate'], 0, 2 ** 40);
    if (minRate !== undefined) opts.minBodyBytesPerSec = minRate;
    const perClient = parseInt('max-client-connections', values['max-client-connections'], 1, 100000);
    if (perClient !== undefined) opts.maxConnectionsPerClient = perClient;
    if (values.log !== undefined) {
      if (values.log !== 'json' && values.log !== 'text') throw new UsageError(`--log must be json or text, got ${JSON.stringify(values.log)}`);
      opts.accessLog = values.log;
    }
    const workers = parseInt('workers', values.workers, 1, 64);
    if (workers !== undefined) opts.workers = workers;
    const queue = parseInt('queue', values.queue, 0, 100000);
    if (queue !== undefined) opts.maxQueue = queue;
    server = await startServer({ ...opts, log: io.err });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err instanceof UsageError || err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      io.err(`edgeprobe serve: ${err.message}\n${SERVE_USAGE}`);
    } else if (err instanceof ModelLoadError) {
      io.err(`edgeprobe serve: ${err.message}`);
    } else if (err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
      io.err(`edgeprobe serve: cannot listen: ${err.message} (choose another --port or --host)`);
    } else {
      io.err(`edgeprobe serve: ${err.stack ?? err.message}`);
    }
    return 2;
  }
  io.out(`edgeprobe serve: Open Inference Protocol v2 at ${server.url}/v2`);
  for (const m of server.models) {
    const sig = (ts: typeof m.inputs) => ts.map((t) => `${t.name} ${t.datatype}[${t.shape.join(',')}]`).join(', ');
    const file = m.linkedFrom === undefined ? m.path : `${m.linkedFrom} -> symbolic link to ${m.path}`;
    io.out(`  ${server.url}/v2/models/${m.name}  (${file}, sha256 ${m.sha256.slice(0, 12)})`);
    io.out(`    inputs: ${sig(m.inputs)}`);
    io.out(`    outputs: ${sig(m.outputs)}`);
  }
  io.out(`  metrics: ${server.url}/metrics; answers Host ${server.allowedHosts().join(', ')}`);
  io.out('Press Ctrl+C to stop.');
  io.onListening?.(server);
  await (io.stopped ?? waitForSignal());
  await server.close();
  io.out('edgeprobe serve: stopped');
  return 0;
}
