// Self-contained HTML drift report: inline CSS and SVG, one small inline script to sort the
// column table, no external resources; every piece of data text is HTML-escaped.
import { planHtml } from './report-html-plan.ts';
import type { DriftReport } from './types.ts';
import type { DriftTimeline } from './timeline.ts';
import { escapeHtml, toSvgString } from '../chart/svg.ts';
import { cssVariables } from '../chart/palette.ts';
import { formatNumber as fmt, formatP } from '../format.ts';
import { categoryChart, ecdfChart, histogramChart, sparklineChart } from './charts.ts';
import { metaHtml, multivariateHtml, PARTS_CSS, qualityHtml, timelineHtml, warningsHtml } from './report-html-parts.ts';

const CSS = `${cssVariables()}body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}.ok{color:#2a7d2a}.bad{color:#c0392b}
table{border-collapse:collapse;width:100%}th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:middle}
th{cursor:pointer;background:#f4f4f4;user-select:none}td.num{text-align:right;font-variant-numeric:tabular-nums}
.cols{display:flex;flex-wrap:wrap;gap:16px}.card{border:1px solid #ddd;border-radius:6px;padding:10px;width:380px}
.ax{font-size:10px;fill:#555}.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}
.muted{color:#777}${PARTS_CSS}`;

const SORT_SCRIPT = `document.querySelectorAll('th[data-k]').forEach(function(th){th.addEventListener('click',function(){
var t=th.closest('table'),b=t.tBodies[0],i=th.cellIndex,asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
Array.from(b.rows).sort(function(x,y){var a=x.cells[i].dataset.v,c=y.cells[i].dataset.v;var na=parseFloat(a),nc=parseFloat(c);
var r=(isNaN(na)||isNaN(nc))?String(a).localeCompare(String(c)):na-nc;return asc?r:-r;}).forEach(function(r){b.appendChild(r);});});});`;

function cell(v: string | number | null, text?: string, num = false): string {
  const raw = v === null ? '' : String(v);
  return `<td${num ? ' class="num"' : ''} data-v="${escapeHtml(raw)}">${escapeHtml(text ?? raw)}</td>`;
}

/** The whole report as one HTML document. `title` and every name/value are escaped. */
export function driftReportHtml(report: DriftReport, opts: { title?: string; referenceName?: string; currentName?: string; timeline?: DriftTimeline } = {}): string {
  const d = report.dataset;
  const title = opts.title ?? 'Data drift report';
  const rows = report.columns.map((c) => {
    const spark = c.histogram ? toSvgString(sparklineChart(c.histogram)) : c.categories ? toSvgString(sparklineChart(c.categories)) : '';
    return `<tr>${cell(c.name)}${cell(c.kind)}${cell(c.test ?? 'not tested', c.test ?? `not tested: ${c.reason ?? ''}`)}` +
      `${cell(c.statistic, fmt(c.statistic), true)}${cell(c.pValueAdjusted, formatP(c.pValueAdjusted), true)}${cell(c.threshold, fmt(c.threshold), true)}` +
      `<td data-v="${c.drift ? 1 : 0}" class="${c.drift ? 'bad' : 'ok'}">${c.drift ? 'drift' : 'no drift'}</td>` +
      `${cell(c.psiDeciles, fmt(c.psiDeciles), true)}${cell(c.missingRef, fmt(c.missingRef, 3), true)}${cell(c.missingCur, fmt(c.missingCur, 3), true)}` +
      `<td>${spark}</td></tr>`;
  }).join('\n');
  const cards = report.columns.map((c) => {
    const plots = [c.histogram ? histogramChart(c.histogram) : null, c.ecdf ? ecdfChart(c.ecdf) : null, c.categories ? categoryChart(c.categories) : null].map((s) => (s ? toSvgString(s) : '')).join('');
    const extra = c.unseenShare !== null ? ` · unseen categories ${fmt(c.unseenShare, 3)}` : '';
    return `<div class="card"><b>${escapeHtml(c.name)}</b> <span class="${c.drift ? 'bad' : 'ok'}">${c.drift ? 'drift' : 'no drift'}</span>` +
      `<div class="muted">${escapeHtml(c.test ?? 'not tested')} ${escapeHtml(fmt(c.statistic))}${c.pValue !== null ? ` · p ${escapeHtml(formatP(c.pValueAdjusted))}` : ''}${escapeHtml(extra)}</div>${plots}</div>`;
  }).join('\n');
  const mism = report.mismatches;
  const mismatch = mism.onlyInReference.length || mism.onlyInCurrent.length
    ? `<p class="muted">Only in the reference: ${escapeHtml(mism.onlyInReference.join(', ') || '—')}; only in the current set: ${escapeHtml(mism.onlyInCurrent.join(', ') || '—')}.</p>`
    : '';
  const tl = opts.timeline ? timelineHtml(opts.timeline, report.dataset.threshold) : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p><b class="${d.drifted ? 'bad' : 'ok'}">${d.drifted ? 'Dataset drift detected' : 'No dataset drift'}</b>: ${d.nDrifted} of ${d.nTested} tested columns drifted (share ${escapeHtml(fmt(d.driftShare, 3))}, threshold ${escapeHtml(fmt(d.threshold))}${d.correction !== 'none' ? `, ${escapeHtml(d.correction)} correction` : ''}).
Reference ${escapeHtml(opts.referenceName ?? '')} ${report.rows.reference} rows, current ${escapeHtml(opts.currentName ?? '')} ${report.rows.current} rows.</p>
${metaHtml(report)}
${mismatch}
${planHtml(report)}
<p class="legend"><span style="background:#4c78a8"></span>reference<span style="background:#f58518"></span>current</p>
<table id="cols"><thead><tr><th data-k>column</th><th data-k>kind</th><th data-k>test</th><th data-k>statistic</th><th data-k>p-value</th><th data-k>threshold</th><th data-k>verdict</th><th data-k title="PSI on the reference deciles (not the psi test)">decile PSI</th><th data-k>missing ref</th><th data-k>missing cur</th><th>distribution</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${warningsHtml(report)}
${qualityHtml(report.quality)}
${multivariateHtml(report)}
${tl}
<h2>Columns</h2>
<div class="cols">
${cards}
</div>
<script>${SORT_SCRIPT}</script>
</body></html>
`;
}
