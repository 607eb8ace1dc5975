// Per-client token buckets for the collector's intake: `burst` results at once, then `perMinute`
// refilled evenly. Buckets of clients not seen for 10 minutes are dropped.

export interface RateOptions {
  /** Results a client may send per minute, sustained. */
  perMinute: number;
  /** Results a client may send at once. */
  burst: number;
}

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly opts: RateOptions, private readonly now: () => number = () => Date.now()) {}

  /** Take `n` tokens for `client`; returns 0 when allowed, else the seconds to wait. */
  take(client: string, n = 1): number {
    const t = this.now();
    const perMs = this.opts.perMinute / 60_000;
    let b = this.buckets.get(client);
    if (!b) this.buckets.set(client, (b = { tokens: this.opts.burst, at: t }));
    b.tokens = Math.min(this.opts.burst, b.tokens + (t - b.at) * perMs);
    b.at = t;
    if (this.buckets.size > 10_000) this.sweep(t);
    if (b.tokens >= n) {
      b.tokens -= n;
      return 0;
    }
    return Math.max(1, Math.ceil((n - b.tokens) / perMs / 1000));
  }

  private sweep(t: number): void {
    for (const [k, b] of this.buckets) if (t - b.at > 600_000) this.buckets.delete(k);
  }
}
