// The one cancellation error: named for the worker boundary, thrown from an aborted signal.
import { describe, expect, it } from 'vitest';
import { CancelledError, isCancellation, throwIfAborted } from './cancel.ts';

describe('cancellation', () => {
  it('throws a CancelledError naming the work only once the signal fired', () => {
    const ac = new AbortController();
    expect(() => throwIfAborted(ac.signal, 'the read')).not.toThrow();
    expect(() => throwIfAborted(undefined)).not.toThrow();
    ac.abort();
    expect(() => throwIfAborted(ac.signal, 'the read')).toThrow(CancelledError);
    expect(() => throwIfAborted(ac.signal, 'the read')).toThrow('the read was cancelled');
  });
  it('keeps its name across structured clone (a worker boundary) and recognises platform aborts', () => {
    const e = new CancelledError('x');
    expect(e.name).toBe('CancelledError');
    expect(isCancellation({ name: e.name, message: e.message })).toBe(true);
    expect(isCancellation(new DOMException('stop', 'AbortError'))).toBe(true);
    expect(isCancellation(new Error('boom'))).toBe(false);
    expect(isCancellation(null)).toBe(false);
  });
});
