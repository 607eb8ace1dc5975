// The loaded model: its bytes, card (parsed in the worker), bundled card, and the session for the
// chosen backend. A failed load keeps the previous model: nothing the user had is lost.
import { measureAgentMemory, workerJsHeap } from '../../engine-web/agent-memory.ts';
import type { ModelInfo } from '../../lib/model/types.ts';
import type { Backend, LoadResult } from '../../engine-web/protocol.ts';
import { engine, describeError } from './engine.svelte.ts';
import { fetchCard, fetchCatalog, modelUrl, type CatalogEntry, type ModelCard } from './catalog.ts';
import { fetchBytes, readFileBytes } from './fetch-progress.ts';
import { readKeptModel } from './stored-models.ts';
import { fetchFolder, looksLikeFolder, readPickedFolder, type TextModelInfo } from './text-model.ts';
import { readModelFolder, type FolderFile, type TextModelFolder } from '../../lib/text/folder.ts';
import { keepFolder, readKeptFolder } from '../storage/folders.ts';
import { shapes } from './shapes.svelte.ts';
import { loadSpec } from './image-spec.ts';

export interface LoadedModel {
  name: string;
  source: 'demo' | 'file' | 'url';
  /** Demo id or URL, so a link can restore the choice. */
  ref: string;
  bytes: Uint8Array;
  info: ModelInfo;
  card: ModelCard | null;
  /** External data files the model needs, by the path it records. */
  externalData?: { path: string; data: Uint8Array }[];
  /** A text model loaded from a folder: tokenizer (built in the worker), labels, maximum length. */
  text?: TextModelInfo;
}

class ModelState {
  catalog = $state.raw<CatalogEntry[]>([]);
  catalogError = $state<string | null>(null);
  current = $state.raw<LoadedModel | null>(null);
  session = $state.raw<LoadResult | null>(null);
  backend = $state<Backend>('wasm');
  /** Reading progress: bytes so far and total (null when unknown); null when idle. */
  progress = $state<{ label: string; loaded: number; total: number | null } | null>(null);
  error = $state<{ name: string; message: string } | null>(null);
  busy = $state(false);
  /** Bumped when a model folder is kept on the device, so lists of kept models refresh. */
  keptChanges = $state(0);
  /** Memory after the model loaded, bytes: the worker's wasm heap and JS heap, and the page's JS
   * heap (Chromium reports JS heaps; null elsewhere). */
  memory = $state<{ wasmHeapBytes: number | null; workerJsHeapBytes: number | null; pageJsHeapBytes: number | null } | null>(null);

  private loading: Promise<boolean> | null = null;
  private loadedListeners = new Set<(m: LoadedModel) => void>();

  /** Be told when a model has loaded (returns the unsubscribe). */
  onLoaded(fn: (m: LoadedModel) => void): () => void {
    this.loadedListeners.add(fn);
    return () => this.loadedListeners.delete(fn);
  }

  /** A promise that settles once no model load is in flight, or null when none is (so a caller
   * that must act in the same tick, before effects run, need not await). */
  idle(): Promise<void> | null {
    if (!this.loading) return null;
    return (async () => { while (this.loading) await this.loading; })();
  }

  async loadCatalog(): Promise<void> {
    try {
      this.catalog = await fetchCatalog();
    } catch (e) {
      this.catalogError = (e as Error).message;
    }
  }

  async loadDemo(entry: CatalogEntry): Promise<boolean> {
    if (entry.folder) {
      const base = modelUrl({ ...entry, file: entry.folder });
      return this.load(entry.name, 'demo', entry.id, async (onProgress) => {
        const [folder, card] = await Promise.all([fetchFolder(base, onProgress), fetchCard(entry).catch(() => null)]);
        return { bytes: folder.model, card, folder };
      });
    }
    return this.load(entry.name, 'demo', entry.id, async (onProgress) => {
      const [bytes, card] = await Promise.all([fetchBytes(modelUrl(entry), onProgress), fetchCard(entry).catch(() => null)]);
      return { bytes, card };
    });
  }

  /** Load a chosen or dropped .onnx file; other files chosen with it serve as its external data. */
  async loadFile(file: File, companions: File[] = []): Promise<boolean> {
    return this.load(file.name, 'file', file.name, async (onProgress) => ({ bytes: await readFileBytes(file, onProgress), card: null, companions }));
  }

  /** Pick the model among several chosen files (the .onnx one); the rest may be external data. */
  async loadFiles(files: File[]): Promise<boolean> {
    if (looksLikeFolder(files)) {
      const name = (files[0] as File & { webkitRelativePath?: string }).webkitRelativePath?.split('/')[0] || 'model folder';
      return this.load(name, 'file', name, async (onProgress) => {
        const { folder, files: read } = await readPickedFolder(files, onProgress);
        return { bytes: folder.model, card: null, folder, folderFiles: read, keep: true };
      });
    }
    const onnx = files.find((f) => /\.(onnx|ort)$/i.test(f.name)) ?? files[0];
    if (!onnx) return false;
    return this.loadFile(onnx, files.filter((f) => f !== onnx));
  }

  /** Load a model kept on this device (stored-models.ts), with its external data; works offline. */
  async loadKept(sha256: string): Promise<boolean> {
    try {
      const kept = await readKeptModel(sha256);
      const asFile = (data: Uint8Array, name: string) => new File([data as Uint8Array<ArrayBuffer>], name);
      return this.loadFile(asFile(kept.bytes, kept.name), kept.externalData.map((e) => asFile(e.data, e.path.split('/').pop() ?? e.path)));
    } catch (e) {
      this.error = describeError(e);
      return false;
    }
  }

  /** Load a model folder kept on this device (src/app/storage/folders.ts); works offline. */
  async loadKeptFolder(sha256: string): Promise<boolean> {
    let kept: { name: string; files: FolderFile[] };
    try {
      kept = await readKeptFolder(sha256);
    } catch (e) {
      this.error = describeError(e);
      return false;
    }
    return this.load(kept.name, 'file', kept.name, async () => {
      const folder = readModelFolder(kept.files);
      return { bytes: folder.model, card: null, folder, folderFiles: kept.files };
    });
  }

  /** Keep the loaded model folder on the device (every picked folder is kept once it loads). */
  async keepFolder(): Promise<void> {
    const m = this.current;
    if (!m?.text?.files) return;
    try {
      await keepFolder({ sha256: m.info.sha256, name: m.name, files: m.text.files });
      this.keptChanges += 1;
    } catch (e) {
      this.error = describeError(e);
    }
  }

  async loadUrl(url: string): Promise<boolean> {
    let parsed: URL;
    try {
      parsed = new URL(url, location.href);
    } catch {
      this.error = { name: 'ModelLoadError', message: `"${url}" is not a valid URL.` };
      return false;
    }
    const name = decodeURIComponent(parsed.pathname.split('/').pop() || parsed.host);
    return this.load(name, 'url', parsed.href, async (onProgress) => ({ bytes: await fetchBytes(parsed.href, onProgress), card: null }));
  }

  private async load(...args: Parameters<ModelState['loadOnce']>): Promise<boolean> {
    const p = this.loadOnce(...args);
    this.loading = p;
    try {
      return await p;
    } finally {
      if (this.loading === p) this.loading = null;
    }
  }

  private async loadOnce(
    name: string,
    source: LoadedModel['source'],
    ref: string,
    read: (p: (loaded: number, total: number | null) => void) => Promise<{
      bytes: Uint8Array; card: ModelCard | null; companions?: File[]; folder?: TextModelFolder;
      /** A user's folder as read; `keep` stores it on the device once it has loaded. */
      folderFiles?: FolderFile[]; keep?: boolean;
    }>,
  ): Promise<boolean> {
    this.error = null;
    this.busy = true;
    this.progress = { label: `Reading ${name}`, loaded: 0, total: null };
    try {
      const { bytes, card, companions = [], folder, folderFiles, keep } = await read((loaded, total) => (this.progress = { label: `Reading ${name}`, loaded, total }));
      this.progress = { label: 'Inspecting the model', loaded: bytes.byteLength, total: bytes.byteLength };
      const info = await engine.client.inspect(bytes);
      const externalData = folder ? folder.externalData : await this.externalFiles(info, companions);
      this.progress = { label: `Creating an onnxruntime session (${this.backend})`, loaded: bytes.byteLength, total: bytes.byteLength };
      const session = await engine.client.load(bytes, { backend: this.backend, externalData });
      const text = folder ? { folder, tokenizer: await engine.client.loadTokenizer(folder.tokenizer, folder.config.maxLength), files: folderFiles } : undefined;
      if (this.session && this.session.sessionId !== session.sessionId) engine.client.release(this.session.sessionId).catch(() => undefined);
      this.current = { name, source, ref, bytes, info, card, externalData, text };
      this.session = session;
      const spec = loadSpec(this.current);
      shapes.use({ sha256: info.sha256, inputs: info.inputs, imageSize: { height: spec.height, width: spec.width }, ...(folder ? { sequenceLength: folder.config.maxLength } : {}) });
      for (const fn of this.loadedListeners) fn(this.current);
      void this.measureMemory();
      if (keep) void this.keepFolder();
      return true;
    } catch (e) {
      this.error = describeError(e);
      return false;
    } finally {
      this.progress = null;
      this.busy = false;
    }
  }

  private async measureMemory(): Promise<void> {
    try {
      const w = await engine.client.memory();
      const page = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
      this.memory = { wasmHeapBytes: w.wasmHeapBytes, workerJsHeapBytes: w.jsHeapBytes, pageJsHeapBytes: page };
      // Chromium has no performance.memory in a worker: the worker's JS heap comes from the page's
      // measureUserAgentSpecificMemory, which answers at the browser's next GC (seconds), so it
      // fills in later. Nothing is shown where it cannot measure.
      if (w.jsHeapBytes === null) {
        const shown = this.memory;
        const agent = await measureAgentMemory();
        if (agent && this.memory === shown) {
          this.memory = { ...shown, workerJsHeapBytes: workerJsHeap(agent, w.wasmHeapBytes), pageJsHeapBytes: page ?? agent.pageBytes };
        }
      }
    } catch {
      this.memory = null;
    }
  }

  /** Match the external data files a model names to the files chosen with it. */
  private async externalFiles(info: ModelInfo, companions: File[]): Promise<{ path: string; data: Uint8Array }[]> {
    const locations = [...new Set(info.externalData.map((e) => e.location))];
    const missing = locations.filter((loc) => !companions.some((f) => f.name === loc.split('/').pop()));
    if (missing.length) {
      throw Object.assign(new Error(`This model keeps its weights in ${missing.map((m) => `"${m}"`).join(', ')}: choose or drop those files together with the .onnx file.`), { name: 'ModelLoadError' });
    }
    return Promise.all(locations.map(async (loc) => ({ path: loc, data: await readFileBytes(companions.find((f) => f.name === loc.split('/').pop())!) })));
  }

  private switching: Promise<void> | null = null;

  /** Resolves once no backend switch is in flight: a Run waits for it, never runs on the old session. */
  async settled(): Promise<void> {
    while (this.switching) await this.switching;
  }

  /** Switch backend: a new session for the same bytes; on failure the old backend stays. */
  async setBackend(backend: Backend): Promise<void> {
    const p = this.switchTo(backend);
    this.switching = p;
    try {
      await p;
    } finally {
      if (this.switching === p) this.switching = null;
    }
  }

  private async switchTo(backend: Backend): Promise<void> {
    await this.settled();
    const previous = this.backend;
    this.backend = backend;
    if (!this.current) return;
    this.error = null;
    this.busy = true;
    try {
      this.session = await engine.client.load(this.current.bytes, { backend, externalData: this.current.externalData });
    } catch (e) {
      this.backend = previous;
      this.error = describeError(e);
    } finally {
      this.busy = false;
    }
  }
}

export const model = new ModelState();
