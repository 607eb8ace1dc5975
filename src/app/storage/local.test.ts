// The storage-key scheme, the typed value on it, and the renaming of earlier versions' keys.
import { describe, expect, it } from 'vitest';
import { migrateStorageKeys, storageKey, storedValue } from './local.ts';

/** Web Storage over a Map (Node has none). */
function memoryStorage(init: Record<string, string> = {}): Storage & { map: Map<string, string> } {
  const map = new Map(Object.entries(init));
  return {
    map,
    get length() { return map.size; },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, String(v)),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
  };
}

describe('storage keys and values', () => {
  it('one scheme: edgeprobe.<area>[.<id>]', () => {
    expect(storageKey('allowedOrigins')).toBe('edgeprobe.allowedOrigins');
    expect(storageKey('bench.auto')).toBe('edgeprobe.bench.auto');
    expect(storageKey('shape', 'ab12')).toBe('edgeprobe.shape.ab12');
  });

  it('reads back what it stored; falls back on absent, unparsable or rejected values', () => {
    const store = memoryStorage();
    const v = storedValue<string[]>('allowedOrigins', { fallback: [], store, parse: (r) => (Array.isArray(r) ? r.filter((x) => typeof x === 'string') : undefined) });
    expect(v.get()).toEqual([]);
    expect(v.set(['https://a.example'])).toBe(true);
    expect(store.map.get('edgeprobe.allowedOrigins')).toBe('["https://a.example"]');
    expect(v.get()).toEqual(['https://a.example']);
    store.setItem('edgeprobe.allowedOrigins', '{broken');
    expect(v.get()).toEqual([]);
    store.setItem('edgeprobe.allowedOrigins', '{"a":1}');
    expect(v.get()).toEqual([]);
    v.remove();
    expect(store.map.size).toBe(0);
  });

  it('says when storage refuses a value (full or blocked) and never throws', () => {
    const full = { ...memoryStorage(), setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(storedValue('coiReload', { fallback: false, store: full }).set(true)).toBe(false);
    expect(storedValue('coiReload', { fallback: false, store: null }).set(true)).toBe(false);
    expect(storedValue('coiReload', { fallback: false, store: null }).get()).toBe(false);
  });

  it('renames keys of earlier versions once, keeping a newer value', () => {
    const store = memoryStorage({
      'edgeprobe:shape:aa': '{"batch":4}', 'edgeprobe:image-spec:bb': '{"resize":"crop"}',
      'edgeprobe:demo-card:cc': '{"name":"old"}', 'edgeprobe.demoCard.cc': '{"name":"new"}', 'other:key': 'x',
    });
    expect(migrateStorageKeys(store)).toBe(3);
    expect(Object.fromEntries(store.map)).toEqual({
      'edgeprobe.shape.aa': '{"batch":4}', 'edgeprobe.imageSpec.bb': '{"resize":"crop"}', 'edgeprobe.demoCard.cc': '{"name":"new"}', 'other:key': 'x',
    });
    expect(migrateStorageKeys(store)).toBe(0);
  });

  it('reads a value an earlier version kept as plain text (the collector URL) and rewrites it as JSON', () => {
    const store = memoryStorage({ 'edgeprobe.collector': 'http://10.0.0.5:8000' });
    const v = storedValue<string>('collector', { fallback: '', store, parse: (r) => (typeof r === 'string' ? r : undefined), legacyText: (t) => t });
    expect(v.get()).toBe('http://10.0.0.5:8000');
    expect(store.map.get('edgeprobe.collector')).toBe('"http://10.0.0.5:8000"');
    expect(v.get()).toBe('http://10.0.0.5:8000');
    // Without legacyText, text that is not JSON is simply not a value.
    store.setItem('edgeprobe.collector', 'http://x');
    expect(storedValue<string>('collector', { fallback: 'none', store }).get()).toBe('none');
  });
});
