// `edgeprobe share MODEL`: a link (and a QR code in the terminal) that opens the app on another
// device with the model, shapes and protocol set; the result goes to the collector named in it.
import QRCode from 'qrcode';
import { parseArgs, UsageError } from './args.ts';
import { newShareId, resolveShareModel, shareUrl, ShareLinkError, type ShareSpec } from '../lib/devices/share-link.ts';

export const SHARE_USAGE = `usage: edgeprobe share MODEL [--shape NAME=D1,D2,…] [--collector URL] [--app URL]
        [--full] [--ep wasm,webgpu] [--threads 1,2] [--budget p90=MS] [--no-qr]
MODEL is a bundled demo (digits, weather), a path on the app (models/my.onnx) or a URL on the app's origin.`;

function modelPath(model: string): string {
  if (/^[\w-]+$/.test(model)) return `models/${model}.onnx`;
  return model;
}

/** Build the share spec from the command line. @throws UsageError / ShareLinkError. */
export function shareSpecFromArgs(argv: string[]): { url: string; spec: ShareSpec; qr: boolean } {
  const p = parseArgs(argv, {
    shape: 'repeat', collector: 'string', app: 'string', full: 'boolean', ep: 'string', threads: 'string', budget: 'string', 'no-qr': 'boolean',
  });
  const positionals = p.positionals;
  const values = {
    app: p.values.app, collector: p.values.collector, ep: p.values.ep, threads: p.values.threads, budget: p.values.budget,
    full: p.flags.full, 'no-qr': p.flags['no-qr'], shape: p.lists.shape,
  };
  if (positionals.length !== 1) throw new UsageError(`give one MODEL\n${SHARE_USAGE}`);
  const app = values.app ?? 'http://localhost:4173/';
  try {
    new URL(app);
  } catch {
    throw new UsageError(`--app "${app}" is not a URL`);
  }
  const model = modelPath(positionals[0]!);
  resolveShareModel(model, app);
  const shapes: Record<string, number[]> = {};
  for (const s of values.shape ?? []) {
    const eq = s.lastIndexOf('=');
    const dims = s.slice(eq + 1).split(',').map(Number);
    if (eq <= 0 || dims.some((d) => !Number.isInteger(d) || d < 1)) throw new UsageError(`--shape "${s}" is not NAME=D1,D2,… with whole dims ≥ 1`);
    shapes[s.slice(0, eq)] = dims;
  }
  const backends = (values.ep ?? 'wasm').split(',').map((b) => {
    if (b !== 'wasm' && b !== 'webgpu') throw new UsageError(`--ep "${b}" must be wasm or webgpu`);
    return b;
  });
  const threads = (values.threads ?? '1').split(',').map((t) => {
    const n = Number(t);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--threads "${t}" must be whole numbers from 1 to 64`);
    return n;
  });
  let budget: ShareSpec['budget'] = null;
  if (values.budget) {
    const m = /^(p50|p90|p99)=(\d+(?:\.\d+)?)$/.exec(values.budget);
    if (!m) throw new UsageError(`--budget "${values.budget}" is not p50|p90|p99=MS`);
    budget = { metric: m[1] as 'p50', ms: Number(m[2]) };
  }
  // The app server of npm start carries the collector on its own origin.
  const collector = (values.collector ?? new URL(app).origin).replace(/\/+$/, '');
  const spec: ShareSpec = {
    model, name: model.split('/').pop()!.replace(/\.(onnx|ort)$/i, ''), shapes, quick: !values.full, backends, threads, collector, budget, id: newShareId(),
  };
  return { url: shareUrl(app, spec), spec, qr: !values['no-qr'] };
}

export async function shareCommand(argv: string[]): Promise<number> {
  let made: ReturnType<typeof shareSpecFromArgs>;
  try {
    made = shareSpecFromArgs(argv);
  } catch (e) {
    if (e instanceof ShareLinkError) throw new UsageError(e.message);
    throw e;
  }
  process.stdout.write(`${made.url}\n`);
  if (made.qr) {
    process.stderr.write(`${await QRCode.toString(made.url, { type: 'terminal', small: true })}\n`);
    process.stderr.write(`Open it on the other device; results go to ${made.spec.collector}/collector/v1 (edgeprobe devices --collector ${made.spec.collector}).\n`);
  }
  return 0;
}
