// The string renderer of the chart kit: a ChartSpec as a self-contained <svg> for HTML reports and
// exports. The app's <Chart> component draws the same elements with the same attributes into the DOM.
import type { ChartSpec, Mark, MarkStyle } from './marks.ts';
import { px } from './marks.ts';

/** Escape text for XML/HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The inline style both renderers write for a mark's paint (same property order). */
export function styleText(m: MarkStyle): string {
  const parts: string[] = [];
  if (m.fill !== undefined) parts.push(`fill:${m.fill}`);
  if (m.stroke !== undefined) parts.push(`stroke:${m.stroke}`);
  if (m.strokeWidth !== undefined) parts.push(`stroke-width:${m.strokeWidth}px`);
  if (m.dash !== undefined) parts.push(`stroke-dasharray:${m.dash}`);
  if (m.opacity !== undefined) parts.push(`opacity:${m.opacity}`);
  if (m.fillOpacity !== undefined) parts.push(`fill-opacity:${m.fillOpacity}`);
  if (m.fontSize !== undefined) parts.push(`font-size:${m.fontSize}px`);
  if (m.fontWeight !== undefined) parts.push(`font-weight:${m.fontWeight}`);
  return parts.join(';');
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => ` ${k}="${escapeHtml(String(v))}"`).join('');
}

function close(tag: string, a: Record<string, string | number | undefined>, m: MarkStyle, inner = ''): string {
  const title = m.title !== undefined ? `<title>${escapeHtml(m.title)}</title>` : '';
  const all = attrs({ ...a, class: m.class, style: styleText(m), 'data-pick': tag === 'line' || tag === 'path' || tag === 'text' ? undefined : m.pick });
  return title || inner ? `<${tag}${all}>${title}${inner}</${tag}>` : `<${tag}${all}/>`;
}

/** One mark as SVG text (a group with its children). */
export function markToSvg(m: Mark): string {
  switch (m.type) {
    case 'rect': return close('rect', { x: px(m.x), y: px(m.y), width: px(Math.max(0, m.width)), height: px(Math.max(0, m.height)) }, m);
    case 'circle': return close('circle', { cx: px(m.x), cy: px(m.y), r: m.r }, m);
    case 'rule': return close('line', { x1: px(m.x1), y1: px(m.y1), x2: px(m.x2), y2: px(m.y2) }, m);
    case 'path': return close('path', { d: m.d }, { fill: 'none', ...m });
    case 'text': return close('text', { x: px(m.x), y: px(m.y), 'text-anchor': m.anchor, transform: m.rotate ? `rotate(${m.rotate} ${px(m.x)} ${px(m.y)})` : undefined }, m, escapeHtml(m.text));
    case 'group': return close('g', { role: m.focusable ? 'button' : undefined, 'aria-label': m.label }, m, m.marks.map(markToSvg).join(''));
  }
}

/** The whole chart as one <svg role="img"> with its aria-label, sized to its viewBox. */
export function toSvgString(spec: ChartSpec): string {
  return `<svg xmlns="http://www.w3.org/2000/svg"${attrs({ width: spec.width, height: spec.height, viewBox: `0 0 ${spec.width} ${spec.height}`, role: 'img', 'aria-label': spec.label, preserveAspectRatio: spec.stretch ? 'none' : undefined })}>` +
    `${spec.marks.map(markToSvg).join('')}</svg>`;
}
