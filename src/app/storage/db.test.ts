// The one database: typed stores, and the first open of an upgraded app importing what the two
// databases of earlier versions held (fake-indexeddb: the IndexedDB spec implemented for Node).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB, openDB } from 'idb';
import { closeDatabase, database, DB_NAME, DB_VERSION } from './db.ts';
import { keepFolder, listKeptFolders, readKeptFolder, removeKeptFolder } from './folders.ts';
import { allResults, saveResult } from '../state/history.ts';
import { listPending, sendOrKeep } from '../state/outbox.ts';
import type { PendingBatch } from '../state/pending-batch.ts';
import type { DeviceResult } from '../../lib/devices/result.ts';
import { FeedbackStore } from '../state/feedback.ts';
import type { BenchResult } from '../../lib/bench/types.ts';
import type { FeedbackRecord } from '../state/feedback-record.ts';

const result = (id: string, date: string) => ({ id, fingerprint: { date, runtime: 'browser' }, model: { name: 'm' }, configs: [] }) as unknown as BenchResult;
const feedback = (modelSha: string, label: number): FeedbackRecord => ({
  modelSha, modelName: 'weather', createdAt: 1, inputs: [], predicted: 0, predictedName: 'a', confidence: 0.5, correct: false, label, labelName: String(label),
});

afterEach(async () => {
  await closeDatabase();
  for (const n of [DB_NAME, 'edgeprobe-bench', 'edgeprobe-feedback', 'edgeprobe-outbox']) await deleteDB(n);
});

/** The two databases as the previous version of the app created them. */
async function seedLegacy() {
  const bench = await openDB('edgeprobe-bench', 1, { upgrade: (d) => void d.createObjectStore('results', { keyPath: 'id' }) });
  await bench.put('results', result('old-1', '2026-01-01T00:00:00Z'));
  await bench.put('results', result('old-2', '2026-02-01T00:00:00Z'));
  bench.close();
  const fb = await openDB('edgeprobe-feedback', 1, {
    upgrade: (d) => d.createObjectStore('feedback', { keyPath: 'id', autoIncrement: true }).createIndex('modelSha', 'modelSha'),
  });
  await fb.add('feedback', feedback('sha-a', 1));
  await fb.add('feedback', feedback('sha-a', 2));
  await fb.add('feedback', feedback('sha-b', 3));
  fb.close();
}

describe('the app database', () => {
  it('starts empty at the current version with its typed stores', async () => {
    const db = await database();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['benchResults', 'feedback', 'meta', 'modelFolders', 'outbox']);
    expect(await allResults()).toEqual([]);
  });

  it('keeps existing users\' history and feedback: imports the old databases once, with their keys', async () => {
    await seedLegacy();
    expect((await allResults()).map((r) => r.id)).toEqual(['old-2', 'old-1']);
    const store = new FeedbackStore();
    expect((await store.list('sha-a')).map((r) => [r.id, r.label])).toEqual([[1, 1], [2, 2]]);
    // New records continue after the imported ids; a second open imports nothing twice.
    expect((await store.add(feedback('sha-a', 4))).id).toBe(4);
    await saveResult(result('new', '2026-03-01T00:00:00Z'));
    await closeDatabase();
    expect((await allResults()).map((r) => r.id)).toEqual(['new', 'old-2', 'old-1']);
    expect(await store.list('sha-b')).toHaveLength(1);
    // The old databases are gone.
    await new Promise((r) => setTimeout(r, 50));
    expect((await indexedDB.databases()).map((d) => d.name).sort()).toEqual([DB_NAME]);
  });
});

describe('model folders kept in the database (version 2)', () => {
  it('an existing version-1 database gains the folder store and keeps its records', async () => {
    const v1 = await openDB(DB_NAME, 1, {
      upgrade: (d) => {
        d.createObjectStore('benchResults', { keyPath: 'id' });
        d.createObjectStore('feedback', { keyPath: 'id', autoIncrement: true }).createIndex('modelSha', 'modelSha');
        d.createObjectStore('meta');
      },
    });
    await v1.put('benchResults', result('kept', '2026-01-01T00:00:00Z'));
    v1.close();
    const db = await database();
    expect(db.version).toBe(DB_VERSION);
    expect(db.objectStoreNames.contains('modelFolders')).toBe(true);
    expect((await allResults()).map((r) => r.id)).toEqual(['kept']);
  });

  it('keeps, lists, reads back and removes a folder with all its files', async () => {
    const files = [
      { name: 'my-model/model.onnx', data: new Uint8Array([8, 7, 1, 2]) },
      { name: 'my-model/tokenizer.json', data: new TextEncoder().encode('{"model":{}}') },
    ];
    await keepFolder({ sha256: 'a'.repeat(64), name: 'my-model', files });
    await keepFolder({ sha256: 'a'.repeat(64), name: 'my-model', files }); // the same model again: replaced
    const listed = await listKeptFolders();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ sha256: 'a'.repeat(64), name: 'my-model', bytes: 16, fileNames: ['model.onnx', 'tokenizer.json'] });
    await closeDatabase(); // as after a reload
    const back = await readKeptFolder('a'.repeat(64));
    expect(back.files.map((f) => f.name)).toEqual(['model.onnx', 'tokenizer.json']);
    expect([...back.files[0]!.data]).toEqual([8, 7, 1, 2]);
    await removeKeptFolder('a'.repeat(64));
    expect(await listKeptFolders()).toEqual([]);
    await expect(readKeptFolder('a'.repeat(64))).rejects.toMatchObject({ name: 'StoredFolderError', message: expect.stringMatching(/no longer on this device/) });
  });
});

describe('the outbox in the app database (version 3)', () => {
  const batch = (collector: string, attempts: number): PendingBatch => ({
    collector, records: [{ model: { name: 'm' } } as unknown as DeviceResult], queuedAt: '2026-01-01T00:00:00.000Z', attempts, lastError: 'HTTP 503',
  });

  it('imports the unsent results of the old "edgeprobe-outbox" database with their ids, then deletes it', async () => {
    const old = await openDB('edgeprobe-outbox', 1, { upgrade: (d) => void d.createObjectStore('pending', { keyPath: 'id', autoIncrement: true }) });
    await old.add('pending', batch('http://a.example', 1));
    await old.add('pending', batch('http://b.example', 3));
    old.close();
    // A user on version 2 of the app database (the outbox was still its own database then).
    const v2 = await openDB(DB_NAME, 2, {
      upgrade: (d) => {
        d.createObjectStore('benchResults', { keyPath: 'id' });
        d.createObjectStore('feedback', { keyPath: 'id', autoIncrement: true }).createIndex('modelSha', 'modelSha');
        d.createObjectStore('meta');
        d.createObjectStore('modelFolders', { keyPath: 'sha256' });
      },
    });
    v2.close();
    const kept = await listPending();
    expect(kept.map((b) => [b.id, b.collector, b.attempts])).toEqual([[1, 'http://a.example', 1], [2, 'http://b.example', 3]]);
    expect(kept[0]!.records).toEqual([{ model: { name: 'm' } }]);
    // A batch kept now (no collector answers at this port) takes the next id; nothing imported twice.
    const out = await sendOrKeep('http://127.0.0.1:9', [{ model: { name: 'n' } } as unknown as DeviceResult]);
    expect(out.kind).toBe('kept');
    await closeDatabase();
    expect((await listPending()).map((b) => b.id)).toEqual([1, 2, 3]);
    await new Promise((r) => setTimeout(r, 50));
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('edgeprobe-outbox');
  });
});
