import { describe, it, expect } from 'vitest';
import { CardEditor } from './card-editor.svelte.ts';
import type { KeyValueStore } from '../storage/local.ts';

const memoryStore = (): KeyValueStore & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
};
const narrow = { sha256: 'aa', name: 'narrow.onnx', card: null };
const weather = { sha256: 'bb', name: 'weather.onnx', card: { name: 'Weather', labels: ['drizzle', 'fog', 'rain', 'snow', 'sun'] } };

describe('CardEditor', () => {
  it('starts from the bundled card and its labels', () => {
    const c = new CardEditor(memoryStore());
    c.use(weather);
    expect(c.card?.name).toBe('Weather');
    expect(c.labels).toEqual(['drizzle', 'fog', 'rain', 'snow', 'sun']);
  });

  it('labels typed one per line become the labels, and survive a reload once saved', () => {
    const store = memoryStore();
    const c = new CardEditor(store);
    c.use(narrow);
    expect(c.labels).toEqual([]);
    c.setLabels('upright\r\nupside down\n');
    expect(c.labels).toEqual(['upright', 'upside down']);
    expect(c.save()).toBe(true);
    expect(store.map.has('edgeprobe.demoCard.aa')).toBe(true);
    const again = new CardEditor(store);
    again.use(narrow);
    expect(again.labels).toEqual(['upright', 'upside down']);
  });

  it('keeps each model its own card', () => {
    const store = memoryStore();
    const c = new CardEditor(store);
    c.use(narrow);
    c.setLabels('a\nb');
    c.save();
    c.use(weather);
    expect(c.labels[0]).toBe('drizzle');
    c.use(narrow);
    expect(c.labels).toEqual(['a', 'b']);
  });

  it('reset forgets the edits and goes back to the bundled labels', () => {
    const store = memoryStore();
    const c = new CardEditor(store);
    c.use(weather);
    c.setLabels('x\ny');
    c.save();
    c.reset();
    expect(c.labels).toEqual(['drizzle', 'fog', 'rain', 'snow', 'sun']);
    expect(store.map.size).toBe(0);
  });

  it('a binary labels file is refused by name and the labels stay', () => {
    const c = new CardEditor(memoryStore());
    c.use(weather);
    expect(() => c.setLabels('\u0000\u0001')).toThrow(/not a text file/);
    expect(c.labels).toHaveLength(5);
  });

  it('blocked storage: edits still show, save says they are not kept', () => {
    const c = new CardEditor(null);
    c.use(narrow);
    c.setLabels('one');
    expect(c.save()).toBe(false);
    expect(c.labels).toEqual(['one']);
  });

  it('a stored card of an older shape is filled with the missing fields', () => {
    const store = memoryStore();
    store.setItem('edgeprobe.demoCard.aa', JSON.stringify({ name: 'old', summary: 's' }));
    const c = new CardEditor(store);
    c.use(narrow);
    expect(c.card?.name).toBe('old');
    expect(c.labels).toEqual([]);
    expect(c.card?.limitations).toEqual([]);
  });
});
