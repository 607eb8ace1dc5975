// `edgeprobe serve MODEL…`: runs the Open Inference Protocol v2 baseline server until SIGINT or
// SIGTERM, printing its URL and what each model takes and returns.
import { startServer, type RunningServer } from '../server/server.ts';
import { ModelLoadError } from '../server/models.ts';
import { bytesOption, choiceOption, numberOption, parseArgs, UsageError } from './args.ts';
import { DEFAULT_CORS } from '../server/cors.ts';
import { ensureCertificate, isLoopbackHost, lanAddresses, type TlsMaterial } from '../server/tls.ts';
import QRCode from 'qrcode';

export const SERVE_USAGE = `usage: edgeprobe serve MODEL.onnx|DIR… [options]
Serves the models over the Open Inference Protocol v2 (KServe v2 REST); a model is named after its
file (digits-cnn.onnx -> digits-cnn) unless given as NAME=PATH. A model folder DIR (model.onnx +
tokenizer.json + config.json) is served with one BYTES input "text" that the server tokenizes;
its model.onnx served as a file takes the token tensors (input_ids, attention_mask) instead.
  --host HOST         address to listen on (default 127.0.0.1); any other than loopback (0.0.0.0, a LAN
                      address) serves HTTPS with a certificate made on first use in ./.edgeprobe/tls
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
  --collect FILE      keep results sent by devices (edgeprobe share) in this DuckDB file and
                      serve them under /collector/v1 (list: edgeprobe devices --collector URL)
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
  let tls: TlsMaterial | undefined;
  try {
    const p = parseArgs(argv, {
      host: 'string', port: 'string', cors: 'repeat', 'allow-host': 'repeat', 'max-body': 'string', 'body-timeout': 'string',
      'min-body-rate': 'string', 'max-client-connections': 'string', 'max-model-bytes': 'string', log: 'string',
      workers: 'string', queue: 'string', collect: 'string', help: 'boolean',
    });
    if (p.flags.help) {
      io.out(SERVE_USAGE);
      return 0;
    }
    if (p.positionals.length === 0) throw new UsageError('no model given');
    const opts: Parameters<typeof startServer>[0] = {
      models: p.positionals, host: p.values.host ?? '127.0.0.1', port: numberOption(p, 'port', 8000, { integer: true, max: 65535 }),
    };
    if (p.lists.cors) opts.cors = p.lists.cors;
    if (p.values.collect) opts.collect = p.values.collect;
    const host = opts.host ?? '127.0.0.1';
    if (!isLoopbackHost(host)) {
      tls = await ensureCertificate(host === '0.0.0.0' || host === '::' ? lanAddresses() : [host]);
      opts.tls = tls;
      // Pages served from this machine's LAN names may call it.
      opts.cors = [...(opts.cors ?? DEFAULT_CORS), ...tls.names.map((n) => `https://${n.includes(':') ? `[${n}]` : n}:*`)];
    }
    if (p.values['max-body'] !== undefined) opts.maxBodyBytes = bytesOption(p, 'max-body', 0);
    if (p.values.workers !== undefined) opts.workers = numberOption(p, 'workers', 1, { integer: true, min: 1, max: 64 });
    if (p.values.queue !== undefined) opts.maxQueue = numberOption(p, 'queue', 0, { integer: true, max: 100000 });
    if (p.lists['allow-host']) opts.allowedHosts = p.lists['allow-host'];
    if (p.values['max-model-bytes'] !== undefined) opts.maxModelBytes = bytesOption(p, 'max-model-bytes', 0);
    if (p.values['body-timeout'] !== undefined) opts.bodyTimeoutMs = numberOption(p, 'body-timeout', 0, { integer: true, min: 1, max: 3_600_000 });
    if (p.values['min-body-rate'] !== undefined) opts.minBodyBytesPerSec = numberOption(p, 'min-body-rate', 0, { integer: true });
    if (p.values['max-client-connections'] !== undefined) {
      opts.maxConnectionsPerClient = numberOption(p, 'max-client-connections', 0, { integer: true, min: 1, max: 100000 });
    }
    if (p.values.log !== undefined) opts.accessLog = choiceOption(p, 'log', ['json', 'text'] as const, 'json');
    server = await startServer({ ...opts, log: io.err });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err instanceof UsageError) {
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
  if (tls) {
    const port = new URL(server.url).port;
    const lanUrl = `https://${tls.names.find((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n) && !n.startsWith('127.')) ?? 'localhost'}:${port}`;
    io.out(`  on the LAN: ${lanUrl}  (certificate ${tls.created ? 'made now' : 'kept'} in ./.edgeprobe/tls; SHA-256 fingerprint ${tls.fingerprint})`);
    io.out(await QRCode.toString(`${lanUrl}/v2`, { type: 'terminal', small: true }));
  }
  for (const m of server.models) {
    const sig = (ts: typeof m.inputs) => ts.map((t) => `${t.name} ${t.datatype}[${t.shape.join(',')}]`).join(', ');
    const file = m.linkedFrom === undefined ? m.path : `${m.linkedFrom} -> symbolic link to ${m.path}`;
    io.out(`  ${server.url}/v2/models/${m.name}  (${file}, sha256 ${m.sha256.slice(0, 12)})`);
    io.out(`    inputs: ${sig(m.inputs)}`);
    io.out(`    outputs: ${sig(m.outputs)}`);
  }
  io.out(`  metrics: ${server.url}/metrics; answers Host ${server.allowedHosts().join(', ')}`);
  if (server.collector) io.out(`  collector: ${server.url}/collector/v1  (results kept in ${server.collector.file})`);
  io.out('Press Ctrl+C to stop.');
  io.onListening?.(server);
  await (io.stopped ?? waitForSignal());
  await server.close();
  io.out('edgeprobe serve: stopped');
  return 0;
}
