// The preprocessing spec for an image model: from its card, else guessed from the input shape;
// the user's edits are kept on this device per model (by sha256).
import { DEFAULT_IMAGE_SPEC, type ImageSpec } from '../../lib/preprocess/image.ts';
import type { ModelInfo } from '../../lib/model/types.ts';
import type { ModelCard } from './catalog.ts';

/** What the spec needs of a loaded model (kept local: model.svelte.ts imports this module). */
type LoadedModel = { info: ModelInfo; card: ModelCard | null };
import { storedValue } from '../storage/local.ts';

const stored = (sha: string) => storedValue<Partial<ImageSpec> | null>('imageSpec', { id: sha, fallback: null, parse: (r) => (r && typeof r === 'object' ? r : undefined) });

export function defaultSpec(m: LoadedModel): ImageSpec {
  const fromCard = m.card?.inputs?.[0]?.preprocessing;
  if (fromCard && typeof fromCard === 'object') {
    const { note: _note, ...spec } = fromCard;
    const mnistLike = spec.width === 28 && spec.height === 28 && spec.channels === 'grayscale';
    return { ...spec, fitDigit: spec.fitDigit ?? mnistLike };
  }
  const dims = m.info.inputs[0]?.dims ?? [];
  const nhwc = typeof dims[3] === 'number' && (dims[3] === 1 || dims[3] === 3);
  const c = (nhwc ? dims[3] : dims[1]) as number | string | null;
  const h = (nhwc ? dims[1] : dims[2]) as number | string | null;
  const w = (nhwc ? dims[2] : dims[3]) as number | string | null;
  const gray = c === 1;
  return {
    ...DEFAULT_IMAGE_SPEC,
    layout: nhwc ? 'NHWC' : 'NCHW',
    channels: gray ? 'grayscale' : 'rgb',
    width: typeof w === 'number' ? w : DEFAULT_IMAGE_SPEC.width,
    height: typeof h === 'number' ? h : DEFAULT_IMAGE_SPEC.height,
    mean: gray ? [0] : DEFAULT_IMAGE_SPEC.mean,
    std: gray ? [1] : DEFAULT_IMAGE_SPEC.std,
  };
}

export function loadSpec(m: LoadedModel): ImageSpec {
  // Storage may be unavailable (private mode): then the default.
  return { ...defaultSpec(m), ...(stored(m.info.sha256).get() ?? {}) };
}

export function saveSpec(m: LoadedModel, spec: ImageSpec): void {
  stored(m.info.sha256).set(spec); // not kept when storage is blocked: the spec just won't survive a reload
}
