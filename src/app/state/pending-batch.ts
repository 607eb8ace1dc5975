// One batch of device results waiting for a collector, as the outbox keeps it in the app database
// (src/app/storage/db.ts, store "outbox"). A module of its own so the database and the outbox share it
// without importing each other.
import type { DeviceResult } from '../../lib/devices/result.ts';

export interface PendingBatch {
  /** Assigned by the store. */
  id?: number;
  /** Collector base URL (origin, or a URL ending in /collector/v1). */
  collector: string;
  records: DeviceResult[];
  /** ISO 8601 */
  queuedAt: string;
  attempts: number;
  lastError: string;
}
