// The closed loop behind `edgeprobe load`: C clients each send one request, wait for the whole
// answer, and send the next, over keep-alive connections; a warm-up, then a measured window per level.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { summarizeLevel, type LoadLevel } from '../lib/load/summary.ts';

export interface LevelPlan {
  url: string;
  /** Request bodies, used round-robin. */
  bodies: Buffer[];
  contentType: string;
  concurrency: number;
  /** ms */
  warmupMs: number;
  /** ms */
  durationMs: number;
  /** Per-request timeout, ms. */
  timeoutMs: number;
  /** Accept self-signed certificates (an https LAN server). */
  insecure?: boolean;
}

interface Outcome {
  ok: boolean;
  cause?: string;
}

function once(u: URL, agent: HttpAgent, body: Buffer, contentType: string, timeoutMs: number): Promise<Outcome> {
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(u, {
      method: 'POST', agent, timeout: timeoutMs,
      headers: { 'Content-Type': contentType, 'Content-Length': body.length },
    }, (res: IncomingMessage) => {
      // The whole answer is read (a server's latency includes sending its outputs).
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode === 200 ? { ok: true } : { ok: false, cause: `HTTP ${res.statusCode}` }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, cause: e.code ?? e.message }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, cause: e.code ?? e.message }));
    req.end(body);
  });
}

/** Run one level: warm-up (discarded), then the measured window. Latencies of successful requests, ms. */
export async function runLevel(plan: LevelPlan): Promise<LoadLevel> {
  const u = new URL(plan.url);
  const Agent = u.protocol === 'https:' ? HttpsAgent : HttpAgent;
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency, ...(plan.insecure ? { rejectUnauthorized: false } : {}) } as ConstructorParameters<typeof HttpsAgent>[0]);
  const start = performance.now();
  const measureFrom = start + plan.warmupMs;
  const end = measureFrom + plan.durationMs;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;
  const client = async () => {
    while (true) {
      const t0 = performance.now();
      if (t0 >= end) return;
      const body = plan.bodies[next++ % plan.bodies.length]!;
      const out = await once(u, agent, body, plan.contentType, plan.timeoutMs);
      const t1 = performance.now();
      // Counted when it finishes inside the window, so the window's throughput is what it served.
      if (t1 < measureFrom || t1 > end) continue;
      if (out.ok) latencies.push(t1 - t0);
      else errors[out.cause!] = (errors[out.cause!] ?? 0) + 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, client));
  } finally {
    agent.destroy();
  }
  return summarizeLevel(plan.concurrency, latencies, errors, plan.durationMs);
}
