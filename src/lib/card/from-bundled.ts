// Turns a bundled/legacy model card JSON (as scripts/train writes it) into the editable card.
import { emptyCard, type EditableCard } from './types.ts';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Map the training scripts' card fields onto the editable card; missing fields stay empty. */
export function fromBundledCard(card: Record<string, unknown> | null, fallbackName: string): EditableCard {
  const c = card ?? {};
  const out = emptyCard(str(c.name) || fallbackName);
  out.summary = str(c.description);
  out.intendedUse = str(c.intendedUse);
  const source = (c.source ?? {}) as Record<string, unknown>;
  const parts = [
    source.package ? `Source: ${str(source.package)}${source.files ? ` (${str(source.files)})` : ''}${typeof source.rows === 'number' ? `, ${source.rows} rows` : ''}.` : '',
    str(c.split),
    typeof c.trainCount === 'number' ? `${c.trainCount} training and ${String(c.heldoutCount ?? '?')} held-out samples.` : '',
    source.licence ? `Licence: ${str(source.licence)}` : '',
  ].filter(Boolean);
  out.trainingData = parts.join('\n\n');
  if (typeof c.heldoutAccuracy === 'number') {
    out.metrics.push({ type: 'accuracy', value: c.heldoutAccuracy, dataset: typeof c.heldoutCount === 'number' ? `${c.heldoutCount} held-out samples` : 'held-out samples' });
  }
  const lim = c.limitations;
  out.limitations = Array.isArray(lim) ? lim.map(String) : typeof lim === 'string' && lim ? [lim] : [];
  out.labels = Array.isArray(c.labels) ? c.labels.map(String) : [];
  out.pipelineTag = str(c.task);
  out.tags = ['onnx', 'edgeprobe', ...(out.pipelineTag ? [out.pipelineTag] : [])];
  return out;
}
