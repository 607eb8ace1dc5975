// Results on their way to a collector. Sent at once; when the collector cannot be reached (or is
// busy: 429/5xx) they are kept in the app database's "outbox" store and retried later, never lost.
// A collector that refuses them (400) is reported and they are not retried.
import type { DeviceResult } from '../../lib/devices/result.ts';
import { database } from '../storage/db.ts';
import type { PendingBatch } from './pending-batch.ts';

export type { PendingBatch };

export type SendOutcome =
  | { kind: 'sent'; ids: number[] }
  | { kind: 'kept'; reason: string }
  | { kind: 'refused'; reason: string };

export class CollectorRefusedError extends Error {
  override name = 'CollectorRefusedError';
}

/** The collector's results endpoint for a base URL. */
export function resultsEndpoint(collector: string): string {
  const base = collector.replace(/\/+$/, '');
  return `${base.endsWith('/collector/v1') ? base : `${base}/collector/v1`}/results`;
}

export const listPending = async (): Promise<PendingBatch[]> => (await database()).getAll('outbox');
const putPending = async (b: PendingBatch) => (await database()).put('outbox', b);
const deletePending = async (id: number) => (await database()).delete('outbox', id);

/** One POST. 'kept' for what is worth retrying (no network, 429, 5xx); 'refused' for 4xx. */
async function post(collector: string, records: DeviceResult[]): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetch(resultsEndpoint(collector), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(records) });
  } catch (e) {
    return { kind: 'kept', reason: `the collector at ${collector} cannot be reached (${(e as Error).message})` };
  }
  const text = await res.text();
  let message = text.slice(0, 300);
  try {
    message = (JSON.parse(text) as { error?: string }).error ?? message;
  } catch {
    // Not JSON: the raw text is the message.
  }
  if (res.status === 201 || res.status === 200) return { kind: 'sent', ids: (JSON.parse(text) as { ids: number[] }).ids };
  if (res.status === 429 || res.status >= 500) return { kind: 'kept', reason: `the collector is busy or failing (HTTP ${res.status}: ${message})` };
  return { kind: 'refused', reason: `the collector refused the result (HTTP ${res.status}: ${message})` };
}

/** Send now; keep in the outbox when that fails for a reason that may pass. */
export async function sendOrKeep(collector: string, records: DeviceResult[]): Promise<SendOutcome> {
  const out = await post(collector, records);
  if (out.kind === 'kept') await putPending({ collector, records, queuedAt: new Date().toISOString(), attempts: 1, lastError: out.reason });
  return out;
}

/** Try every kept batch once; returns how many were delivered and how many remain. */
export async function retryPending(): Promise<{ sent: number; left: number }> {
  let sent = 0;
  let left = 0;
  for (const b of await listPending()) {
    const out = await post(b.collector, b.records);
    if (out.kind === 'kept') {
      left++;
      await putPending({ ...b, attempts: b.attempts + 1, lastError: out.reason });
    } else {
      // Delivered, or refused for good (a malformed record will not improve by waiting).
      if (out.kind === 'sent') sent++;
      await deletePending(b.id!);
    }
  }
  return { sent, left };
}
