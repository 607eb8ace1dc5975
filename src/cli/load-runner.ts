// The closed loop behind `edgeprobe load`: C clients, one keep-alive connection each, send one
// request, wait for the whole answer, and send the next; a warm-up, then a measured window per level.
import { encodeRequest, LeanConnection } from './load-socket.ts';
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

/** Run one level: warm-up (discarded), then the measured window. Latencies of successful requests, ms. */
export async function runLevel(plan: LevelPlan): Promise<LoadLevel> {
  const u = new URL(plan.url);
  const requests = plan.bodies.map((b) => encodeRequest(u, b, plan.contentType));
  const start = performance.now();
  const measureFrom = start + plan.warmupMs;
  const end = measureFrom + plan.durationMs;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;
  const connections: LeanConnection[] = [];
  const client = async () => {
    const conn = new LeanConnection(u, plan.insecure);
    connections.push(conn);
    while (true) {
      const t0 = performance.now();
      if (t0 >= end) return;
      let cause: string | null = null;
      try {
        const a = await conn.send(requests[next++ % requests.length]!, plan.timeoutMs);
        if (a.status !== 200) cause = `HTTP ${a.status}`;
      } catch (e) {
        cause = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      }
      const t1 = performance.now();
      // Counted when it finishes inside the window, so the window's throughput is what it served.
      if (t1 < measureFrom || t1 > end) continue;
      if (cause === null) latencies.push(t1 - t0);
      else errors[cause] = (errors[cause] ?? 0) + 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, client));
  } finally {
    for (const c of connections) c.close();
  }
  return summarizeLevel(plan.concurrency, latencies, errors, plan.durationMs);
}
