// Admission control: bounded running and waiting counts, FIFO hand-over, release on failure.
import { describe, expect, it } from 'vitest';
import { Limiter, QueueFullError } from './limiter.ts';

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Limiter', () => {
  it('runs at most maxInFlight at once and refuses past maxInFlight + maxQueue', async () => {
    const lim = new Limiter(2, 1);
    const gates = [deferred(), deferred(), deferred()];
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const tickets = [lim.admit(), lim.admit(), lim.admit()];
    expect(() => lim.admit()).toThrow(QueueFullError);
    expect(lim.pending).toBe(3);
    const runs = tickets.map((t, i) => t.run(async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(i);
      await gates[i]!.promise;
      running--;
    }).finally(() => t.release()));
    await Promise.resolve();
    expect(order).toEqual([0, 1]);
    gates[0]!.resolve();
    await runs[0];
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([0, 1, 2]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    await Promise.all(runs);
    expect(peak).toBe(2);
    expect(lim.pending).toBe(0);
    expect(() => lim.admit().release()).not.toThrow();
  });

  it('frees the slot when the run throws, and release is idempotent', async () => {
    const lim = new Limiter(1, 0);
    const t = lim.admit();
    await expect(t.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    t.release();
    t.release();
    expect(lim.pending).toBe(0);
    const t2 = lim.admit();
    await expect(t2.run(async () => 7)).resolves.toBe(7);
    t2.release();
  });

  it('rejects nonsensical sizes', () => {
    expect(() => new Limiter(0, 1)).toThrow(RangeError);
    expect(() => new Limiter(1, -1)).toThrow(RangeError);
  });
});
