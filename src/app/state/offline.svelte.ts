// Offline use: registers the service worker (dist/sw.js), follows its precache progress, and
// reloads the page once when the worker can make it cross-origin isolated (wasm threads on static
// hosts that send no COOP/COEP). Also tracks whether the browser is online.

type SwMessage =
  | { type: 'progress'; version: string; doneBytes: number; totalBytes: number; files: number; doneFiles: number; complete: boolean }
  | { type: 'status'; version: string; complete: boolean; cachedFiles: number; files: number; totalBytes: number }
  | { type: 'failed'; version: string; message: string };

export type OfflinePhase = 'unsupported' | 'dev' | 'registering' | 'caching' | 'lean' | 'ready' | 'failed';

import { model } from './model.svelte.ts';
import { installFetchGuard } from './allowed-origins.ts';
import { storedValue } from '../storage/local.ts';

/** Set for the one reload that makes the page isolated (per tab: sessionStorage). */
const reloadFlag = () => storedValue<boolean>('coiReload', { fallback: false, store: globalThis.sessionStorage ?? null });

class OfflineState {
  phase = $state<OfflinePhase>('registering');
  online = $state(globalThis.navigator?.onLine ?? true);
  /** Bytes precached so far and in all (this build), while caching. */
  doneBytes = $state(0);
  totalBytes = $state(0);
  version = $state('');
  error = $state<string | null>(null);
  /** The worker could make the page isolated (wasm threads), but a reload now would lose the user's work. */
  isolationPending = $state(false);
  private started = false;
  /** A shared-link visit (#/run): the full offline precache is opt-in (saveAll). */
  lean = $state(false);

  /** Idempotent: call once the shell is mounted. */
  start(): void {
    if (this.started) return;
    this.started = true;
    installFetchGuard();
    addEventListener('online', () => (this.online = true));
    addEventListener('offline', () => (this.online = false));
    if (import.meta.env.DEV) {
      this.phase = 'dev'; // vite dev serves sources, not a build: there is nothing to precache
      return;
    }
    const sw = globalThis.navigator?.serviceWorker;
    if (!sw) {
      this.phase = 'unsupported';
      return;
    }
    sw.addEventListener('message', (ev) => this.onMessage(ev.data as SwMessage));
    // First visit: the new worker claims the page; if that can make it isolated, reload once.
    sw.addEventListener('controllerchange', () => this.reloadForIsolation());
    this.reloadForIsolation();
    this.lean = location.hash.startsWith('#/run');
    sw.register(new URL('sw.js', document.baseURI), { scope: './' }).then(
      async (reg) => {
        await sw.ready;
        (reg.active ?? sw.controller)?.postMessage({ type: 'status', lean: this.lean });
      },
      (e: Error) => {
        this.phase = 'failed';
        this.error = `The service worker could not be registered (${e.message}); the app works, but not offline.`;
      },
    );
  }

  /** Opt in to the whole offline precache (both onnxruntime builds, every model and sample). */
  async saveAll(): Promise<void> {
    this.lean = false;
    const sw = globalThis.navigator?.serviceWorker;
    const reg = await sw?.ready;
    (reg?.active ?? sw?.controller)?.postMessage({ type: 'status' });
  }

  private onMessage(m: SwMessage): void {
    if (!m || typeof m !== 'object') return;
    this.version = m.version;
    if (m.type === 'progress') {
      this.doneBytes = m.doneBytes;
      this.totalBytes = m.totalBytes;
      this.phase = m.complete ? 'ready' : this.lean ? 'lean' : 'caching';
    } else if (m.type === 'status') {
      this.totalBytes = m.totalBytes;
      this.doneBytes = m.complete ? m.totalBytes : this.doneBytes;
      this.phase = m.complete ? 'ready' : this.lean ? 'lean' : 'caching';
    } else if (m.type === 'failed') {
      this.phase = 'failed';
      this.error = `Saving the app for offline use failed: ${m.message}`;
    }
  }

  /**
   * A page the service worker controls but that is not isolated was served before the worker
   * added COOP/COEP: one reload fixes it. The flag stops a loop where isolation is impossible.
   */
  private reloadForIsolation(): void {
    if (globalThis.crossOriginIsolated || !navigator.serviceWorker.controller) return;
    if (reloadFlag().get()) return;
    // Never reload under the user: once a model is loaded, offer the reload instead.
    if (model.current || model.busy) {
      this.isolationPending = true;
      return;
    }
    this.reloadNow();
  }

  /** Reload once so the service worker serves the page with COOP/COEP. */
  reloadNow(): void {
    reloadFlag().set(true);
    location.reload();
  }
}

export const offline = new OfflineState();
