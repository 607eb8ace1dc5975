// The Benchmark screen's Share panel: a link (and QR code) that opens this app on another device
// with the loaded model, its shapes and the protocol set, sending the result to a collector.
import QRCode from 'qrcode';
import { newShareId, resolveShareModel, shareUrl, type ShareSpec } from '../../lib/devices/share-link.ts';
import { model } from './model.svelte.ts';
import { bench } from './bench.svelte.ts';
import { modelUrl } from './catalog.ts';

/** Where the other device will download the model from, or why it cannot. */
export function sharedModelPath(): { path: string } | { reason: string } {
  const m = model.current;
  if (!m) return { reason: 'load a model first' };
  if (m.source === 'demo') {
    const entry = model.catalog.find((e) => e.id === m.ref);
    if (entry) return { path: modelUrl(entry).replace(/^\//, '') };
  }
  if (m.source === 'url') {
    try {
      resolveShareModel(m.ref, location.href);
      return { path: new URL(m.ref, location.href).pathname.replace(/^\//, '') };
    } catch (e) {
      return { reason: (e as Error).message };
    }
  }
  return { reason: 'a model opened from a file is only on this device: the other device downloads the model from this app, so put it in public/models (or serve it on this origin) and load it from there' };
}

class ShareState {
  collector = $state(typeof location === 'undefined' ? '' : location.origin);
  budgetMs = $state<number | null>(null);
  link = $state<string | null>(null);
  qrSvg = $state<string | null>(null);
  reason = $state<string | null>(null);
  copied = $state(false);

  async make(): Promise<void> {
    const where = sharedModelPath();
    this.link = null;
    this.qrSvg = null;
    if ('reason' in where) {
      this.reason = where.reason;
      return;
    }
    this.reason = null;
    const m = model.current!;
    // Fixed dims travel in the link; dynamic ones get the defaults on the other device.
    const shapes: Record<string, number[]> = {};
    for (const i of m.info.inputs) {
      if (i.dims && i.dims.every((d) => typeof d === 'number' && d > 0 && d < 4294967295)) shapes[i.name] = i.dims as number[];
    }
    const spec: ShareSpec = {
      model: where.path, name: m.name, shapes, quick: bench.options.quick, backends: bench.options.backends.filter((b) => b !== 'cpu') as ShareSpec['backends'],
      threads: [...bench.options.threads], collector: this.collector.trim().replace(/\/+$/, ''), budget: this.budgetMs && this.budgetMs > 0 ? { metric: 'p90', ms: this.budgetMs } : null,
      id: newShareId(),
    };
    if (spec.backends.length === 0) spec.backends = ['wasm'];
    this.link = shareUrl(location.href, spec);
    this.qrSvg = await QRCode.toString(this.link, { type: 'svg', margin: 1, errorCorrectionLevel: 'L' });
  }

  async copy(): Promise<void> {
    if (!this.link) return;
    try {
      await navigator.clipboard.writeText(this.link);
      this.copied = true;
      setTimeout(() => (this.copied = false), 2500);
    } catch {
      this.copied = false;
    }
  }
}

export const share = new ShareState();
