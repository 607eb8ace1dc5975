// The one storage-key scheme for Web Storage, `edgeprobe.<area>[.<id>]`, and a typed JSON value
// on it that survives blocked or full storage and bad stored text. Keys of earlier versions
// (`edgeprobe:<area>:<id>`) are renamed into the scheme once per page.

/** Areas of the scheme; `id` (a model sha256) follows for per-model values. */
export type StorageArea =
  | 'allowedOrigins' // localStorage: baseline origins the user allowed (a string[])
  | 'bench.auto' // localStorage: the fastest config per model sha256
  | 'collector' // localStorage: the Devices view's collector URL (a string)
  | 'coiReload' // sessionStorage: the one reload that makes the page cross-origin isolated
  | 'imageSpec' // localStorage, per model: image preprocessing choices
  | 'shape' // localStorage, per model: sizes chosen for free dims
  | 'demoCard'; // localStorage, per model: the edited model card

/** `edgeprobe.<area>` or `edgeprobe.<area>.<id>`. */
export function storageKey(area: StorageArea, id?: string): string {
  return id === undefined ? `edgeprobe.${area}` : `edgeprobe.${area}.${id}`;
}

/** Web Storage as the helpers use it (tests pass a Map-backed one). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const local = (): KeyValueStore | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked (privacy settings): nothing is kept
  }
};

export interface StoredValue<T> {
  /** The stored value, or the fallback when absent, unreadable or rejected by `parse`. */
  get(): T;
  /** Store it; false when storage is blocked or full (the value is then simply not kept). */
  set(value: T): boolean;
  remove(): void;
}

/**
 * A JSON value under `storageKey(area, id)`. `parse` checks what was stored (an older or hand-edited
 * value) and returns undefined to fall back. `legacyText` reads a value an earlier version stored
 * as plain text rather than JSON (the collector URL); it is rewritten as JSON on that first read.
 */
export function storedValue<T>(
  area: StorageArea,
  opts: { id?: string; fallback: T; parse?: (raw: unknown) => T | undefined; legacyText?: (text: string) => T | undefined; store?: KeyValueStore | null },
): StoredValue<T> {
  const key = storageKey(area, opts.id);
  const store = () => (opts.store !== undefined ? opts.store : local());
  const set = (value: T): boolean => {
    try {
      store()?.setItem(key, JSON.stringify(value));
      return store() !== null;
    } catch {
      return false;
    }
  };
  return {
    get() {
      try {
        const text = store()?.getItem(key);
        if (text === null || text === undefined) return opts.fallback;
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch (e) {
          const old = opts.legacyText?.(text);
          if (old === undefined) throw e;
          set(old);
          return old;
        }
        return opts.parse ? (opts.parse(raw) ?? opts.fallback) : (raw as T);
      } catch {
        return opts.fallback;
      }
    },
    set,
    remove() {
      try {
        store()?.removeItem(key);
      } catch {
        // blocked: nothing was stored
      }
    },
  };
}

const LEGACY: Record<string, StorageArea> = { 'image-spec': 'imageSpec', shape: 'shape', 'demo-card': 'demoCard' };

/** Rename keys of earlier versions (`edgeprobe:<area>:<id>`) into the scheme; returns how many moved. */
export function migrateStorageKeys(store: Storage | null = local() as Storage | null): number {
  if (!store) return 0;
  let moved = 0;
  try {
    const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter((k): k is string => k !== null);
    for (const old of keys) {
      const m = /^edgeprobe:([a-z-]+):(.+)$/.exec(old);
      const area = m ? LEGACY[m[1]!] : undefined;
      if (!m || !area) continue;
      const key = storageKey(area, m[2]);
      if (store.getItem(key) === null) store.setItem(key, store.getItem(old)!);
      store.removeItem(old);
      moved++;
    }
  } catch {
    // blocked or full: the old keys stay and are tried again next time
  }
  return moved;
}
