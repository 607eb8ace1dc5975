// Tiny inline-SVG plot builders for the HTML report: overlaid histograms, ECDFs with the KS gap
// marked, grouped category bars, sparklines and a timeline. All text goes through escapeHtml.
import type { CategoryPlot, EcdfPlot, HistogramPlot } from './types.ts';

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Compact number formatting for labels. */
export function fmt(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return '—';
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) return v.toExponential(2);
  return String(Number(v.toPrecision(digits)));
}

const REF = '#4c78a8';
const CUR = '#f58518';
const W = 360;
const H = 160;
const PAD = 28;

function frame(body: string, w = W, h = H, label = ''): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(label)}">${body}</svg>`;
}

function axisLabels(lo: number, hi: number, w = W, h = H): string {
  return `<text x="${PAD}" y="${h - 6}" class="ax">${escapeHtml(fmt(lo))}</text>` +
    `<text x="${w - 4}" y="${h - 6}" class="ax" text-anchor="end">${escapeHtml(fmt(hi))}</text>`;
}

/** Overlaid reference/current histograms as shares of each set. */
export function histogramSvg(p: HistogramPlot): string {
  const nr = p.ref.reduce((a, b) => a + b, 0) || 1;
  const nc = p.cur.reduce((a, b) => a + b, 0) || 1;
  const k = p.ref.length;
  const max = Math.max(...p.ref.map((c) => c / nr), ...p.cur.map((c) => c / nc), 1e-12);
  const bw = (W - PAD - 4) / k;
  let body = '';
  for (let i = 0; i < k; i++) {
    const x = PAD + i * bw;
    const hr = ((p.ref[i] / nr) / max) * (H - PAD - 8);
    const hc = ((p.cur[i] / nc) / max) * (H - PAD - 8);
    body += `<rect x="${x.toFixed(1)}" y="${(H - PAD - hr).toFixed(1)}" width="${Math.max(bw - 1, 0.5).toFixed(1)}" height="${hr.toFixed(1)}" fill="${REF}" fill-opacity="0.55"/>`;
    body += `<rect x="${x.toFixed(1)}" y="${(H - PAD - hc).toFixed(1)}" width="${Math.max(bw - 1, 0.5).toFixed(1)}" height="${hc.toFixed(1)}" fill="${CUR}" fill-opacity="0.55"/>`;
  }
  return frame(body + axisLabels(p.edges[0], p.edges[p.edges.length - 1]), W, H, 'histogram');
}

/** Both ECDFs as step lines; the KS distance drawn as a vertical segment. */
export function ecdfSvg(p: EcdfPlot): string {
  const lo = p.x[0];
  const hi = p.x[p.x.length - 1];
  const sx = (x: number) => PAD + ((x - lo) / (hi - lo || 1)) * (W - PAD - 4);
  const sy = (y: number) => H - PAD - y * (H - PAD - 8);
  const line = (ys: number[], color: string) =>
    `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${p.x.map((x, i) => `${sx(x).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join(' ')}"/>`;
  let body = line(p.ref, REF) + line(p.cur, CUR);
  const i = p.x.indexOf(p.ksLocation);
  if (i >= 0) {
    body += `<line x1="${sx(p.ksLocation).toFixed(1)}" x2="${sx(p.ksLocation).toFixed(1)}" y1="${sy(p.ref[i]).toFixed(1)}" y2="${sy(p.cur[i]).toFixed(1)}" stroke="#d62728" stroke-width="2"/>` +
      `<text x="${Math.min(sx(p.ksLocation) + 4, W - 60).toFixed(1)}" y="14" class="ax">KS ${escapeHtml(fmt(p.ksDistance, 3))}</text>`;
  }
  return frame(body + axisLabels(lo, hi), W, H, 'ECDF');
}

/** Grouped horizontal bars: share of each category in both sets. */
export function categorySvg(p: CategoryPlot): string {
  const rows = p.categories;
  const nr = rows.reduce((a, r) => a + r.ref, p.other.ref) || 1;
  const nc = rows.reduce((a, r) => a + r.cur, p.other.cur) || 1;
  const max = Math.max(...rows.map((r) => Math.max(r.ref / nr, r.cur / nc)), 1e-12);
  const rowH = 16;
  const h = rows.length * rowH + 8;
  const lw = 110;
  let body = '';
  rows.forEach((r, i) => {
    const y = 4 + i * rowH;
    const label = r.key.length > 16 ? r.key.slice(0, 15) + '…' : r.key;
    body += `<text x="${lw - 4}" y="${y + 11}" class="ax" text-anchor="end">${escapeHtml(label)}</text>`;
    body += `<rect x="${lw}" y="${y}" width="${(((r.ref / nr) / max) * (W - lw - 8)).toFixed(1)}" height="6" fill="${REF}"/>`;
    body += `<rect x="${lw}" y="${y + 7}" width="${(((r.cur / nc) / max) * (W - lw - 8)).toFixed(1)}" height="6" fill="${CUR}"/>`;
  });
  return frame(body, W, h, 'categories');
}

/** Small histogram of the current set over the reference (table sparkline). */
export function sparklineSvg(p: HistogramPlot | CategoryPlot): string {
  const w = 80;
  const h = 20;
  const pairs = 'edges' in p ? p.ref.map((r, i) => [r, p.cur[i]]) : p.categories.slice(0, 10).map((c) => [c.ref, c.cur]);
  const nr = pairs.reduce((a, x) => a + x[0], 0) || 1;
  const nc = pairs.reduce((a, x) => a + x[1], 0) || 1;
  const max = Math.max(...pairs.map(([r, c]) => Math.max(r / nr, c / nc)), 1e-12);
  const bw = w / Math.max(pairs.length, 1);
  const body = pairs.map(([r, c], i) =>
    `<rect x="${(i * bw).toFixed(1)}" y="${(h - (r / nr / max) * h).toFixed(1)}" width="${(bw / 2).toFixed(1)}" height="${((r / nr / max) * h).toFixed(1)}" fill="${REF}"/>` +
    `<rect x="${(i * bw + bw / 2).toFixed(1)}" y="${(h - (c / nc / max) * h).toFixed(1)}" width="${(bw / 2).toFixed(1)}" height="${((c / nc / max) * h).toFixed(1)}" fill="${CUR}"/>`).join('');
  return frame(body, w, h, 'sparkline');
}

/** Drift share per window as bars, drifted windows highlighted. */
export function timelineSvg(windows: { label: string; driftShare: number; drifted: boolean }[]): string {
  const w = Math.max(W, Math.min(1200, windows.length * 14 + PAD));
  const bw = (w - PAD - 4) / Math.max(windows.length, 1);
  const body = windows.map((win, i) => {
    const hh = win.driftShare * (H - PAD - 8);
    return `<rect x="${(PAD + i * bw).toFixed(1)}" y="${(H - PAD - hh).toFixed(1)}" width="${Math.max(bw - 1, 0.5).toFixed(1)}" height="${hh.toFixed(1)}" fill="${win.drifted ? '#d62728' : REF}"><title>${escapeHtml(`${win.label}: ${fmt(win.driftShare, 3)}`)}</title></rect>`;
  }).join('');
  const first = windows[0]?.label ?? '';
  const last = windows[windows.length - 1]?.label ?? '';
  return frame(body + `<text x="${PAD}" y="${H - 6}" class="ax">${escapeHtml(first)}</text><text x="${w - 4}" y="${H - 6}" class="ax" text-anchor="end">${escapeHtml(last)}</text>`, w, H, 'timeline');
}
