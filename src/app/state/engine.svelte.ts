// The app's single engine client and what it says about this device; crash notices live here.
import { EngineClient } from '../../engine-web/client.ts';
import type { EnvironmentInfo } from '../../engine-web/protocol.ts';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  title: string;
  message: string;
}

class EngineState {
  env = $state<EnvironmentInfo | null>(null);
  notices = $state<Notice[]>([]);
  private nextId = 1;
  readonly client = new EngineClient({
    onCrash: (err) => this.notify('error', 'The inference worker crashed and was restarted', err.message),
  });

  constructor() {
    this.client.environment().then(
      (env) => (this.env = env),
      (e) => this.notify('error', 'The inference engine could not start', (e as Error).message),
    );
  }

  notify(kind: Notice['kind'], title: string, message: string): void {
    this.notices = [...this.notices, { id: this.nextId++, kind, title, message }];
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }
}

export const engine = new EngineState();

/** A caught error as {name, message} for display. */
export function describeError(e: unknown): { name: string; message: string } {
  const err = e as { name?: string; message?: string };
  return { name: err?.name ?? 'Error', message: err?.message ?? String(e) };
}
