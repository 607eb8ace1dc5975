// A shared benchmark as a link: "#/run?model=…&shape=…&quick=1&ep=wasm&threads=1&collector=…".
// The model must come from the app's own origin; a link naming another origin is refused by name.

/** A shared link that cannot be followed: bad value, or a model on another origin. */
export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
}

export interface ShareSpec {
  /** Model path on the app's origin ("models/digits-cnn.onnx"), or a same-origin absolute URL. */
  model: string;
  /** Display name of the model. */
  name: string;
  /** Input shapes to run with (symbolic dims fixed), input name → dims. */
  shapes: Record<string, number[]>;
  /** Quick protocol (50 runs, 1 s) or full (100 runs, 10 s). */
  quick: boolean;
  backends: ('wasm' | 'webgpu')[];
  threads: number[];
  /** Collector base URL (the result is POSTed to `${collector}/collector/v1/results`); '' = none. */
  collector: string;
  budget: { metric: 'p50' | 'p90' | 'p99'; ms: number } | null;
  /** A short id so results can be traced to the link. */
  id: string;
}

const MAX_THREADS = 64;

/** The hash part for a spec (starts with "#/run?"). */
export function shareHash(s: ShareSpec): string {
  const p = new URLSearchParams();
  p.set('model', s.model);
  if (s.name) p.set('name', s.name);
  for (const [k, dims] of Object.entries(s.shapes)) p.append('shape', `${k}=${dims.join(',')}`);
  p.set('quick', s.quick ? '1' : '0');
  p.set('ep', s.backends.join(','));
  p.set('threads', s.threads.join(','));
  if (s.collector) p.set('collector', s.collector);
  if (s.budget) p.set('budget', `${s.budget.metric}=${s.budget.ms}`);
  p.set('id', s.id);
  return `#/run?${p.toString()}`;
}

/** The full link: app URL (origin + path) and the hash. */
export function shareUrl(appUrl: string, s: ShareSpec): string {
  const u = new URL(appUrl);
  return `${u.origin}${u.pathname.replace(/[^/]*$/, '')}${shareHash(s)}`;
}

function list(text: string, what: string): string[] {
  const items = text.split(',').map((x) => x.trim()).filter(Boolean);
  for (const x of items) if (x.length > 40) throw new ShareLinkError(`${what} "${x.slice(0, 40)}…" is too long`);
  return items;
}

/**
 * The model's absolute URL on the app's origin. @throws ShareLinkError when the link names a model
 * on another origin (it would run code and data the app's owner did not serve).
 */
export function resolveShareModel(model: string, appUrl: string): string {
  let u: URL;
  try {
    u = new URL(model, appUrl);
  } catch {
    throw new ShareLinkError(`model "${model}" is not a valid path or URL`);
  }
  const app = new URL(appUrl);
  if (u.origin !== app.origin) {
    throw new ShareLinkError(`model ${u.href} is on another origin (${u.origin}); a shared link runs only models served by this app (${app.origin})`);
  }
  return u.href;
}

/** Parse the query after "#/run?". @throws ShareLinkError naming the bad parameter. */
export function parseShareHash(hash: string): ShareSpec {
  const q = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const p = new URLSearchParams(q);
  const model = p.get('model');
  if (!model) throw new ShareLinkError('the link names no model (model=…)');
  const shapes: Record<string, number[]> = {};
  for (const sh of p.getAll('shape')) {
    const eq = sh.lastIndexOf('=');
    const dims = eq > 0 ? sh.slice(eq + 1).split(',').map(Number) : [];
    if (eq <= 0 || dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d < 1 || d > 1e6)) {
      throw new ShareLinkError(`shape "${sh}" is not NAME=D1,D2,… with whole dims from 1 to 1000000`);
    }
    shapes[sh.slice(0, eq)] = dims;
  }
  const backends = list(p.get('ep') ?? 'wasm', 'backend').map((b) => {
    if (b !== 'wasm' && b !== 'webgpu') throw new ShareLinkError(`backend "${b}" is not one of wasm, webgpu`);
    return b;
  });
  const threads = list(p.get('threads') ?? '1', 'threads').map((t) => {
    const n = Number(t);
    if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) throw new ShareLinkError(`threads "${t}" must be whole numbers from 1 to ${MAX_THREADS}`);
    return n;
  });
  let budget: ShareSpec['budget'] = null;
  const b = p.get('budget');
  if (b) {
    const m = /^(p50|p90|p99)=(\d+(?:\.\d+)?)$/.exec(b);
    if (!m) throw new ShareLinkError(`budget "${b}" is not p50|p90|p99=MS`);
    budget = { metric: m[1] as 'p50' | 'p90' | 'p99', ms: Number(m[2]) };
  }
  const collector = p.get('collector') ?? '';
  if (collector) {
    try {
      const u = new URL(collector);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    } catch {
      throw new ShareLinkError(`collector "${collector}" is not an http(s) URL`);
    }
  }
  return {
    model, name: p.get('name') ?? model.split('/').pop()!.replace(/\.(onnx|ort)$/i, ''), shapes,
    quick: p.get('quick') !== '0', backends: backends.length ? backends : ['wasm'], threads: threads.length ? threads : [1],
    collector: collector.replace(/\/+$/, ''), budget, id: (p.get('id') ?? '').slice(0, 40),
  };
}

/** Roughly how long the shared run takes, s: per config, loading (~2 s) plus the protocol's minimum time. */
export function estimateSeconds(s: Pick<ShareSpec, 'quick' | 'backends' | 'threads'>): number {
  const configs = s.backends.length * s.threads.length;
  return configs * (2 + (s.quick ? 1.5 : 11));
}

/** A short random id for a link (base 36). */
export function newShareId(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += Math.floor(random() * 36).toString(36);
  return s;
}
