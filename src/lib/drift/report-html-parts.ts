// Sections of the HTML report beside the column table: data quality (failures first), the
// multivariate signal, per-column warnings and the report's date and version. All text escaped.
import type { DriftReport } from './types.ts';
import type { QualityFinding } from './quality/types.ts';
import { severityCounts } from './quality/types.ts';
import { escapeHtml, toSvgString } from '../chart/svg.ts';
import { formatNumber as fmt } from '../format.ts';
import { timelineChart } from './charts.ts';
import type { DriftTimeline } from './timeline-types.ts';

const ORDER = { fail: 0, warn: 1, pass: 2 } as const;

/** Data-quality findings as a table, failures then warnings; passes folded away. */
export function qualityHtml(findings: QualityFinding[]): string {
  if (!findings.length) return '';
  const c = severityCounts(findings);
  const row = (f: QualityFinding) => `<tr><td class="sev ${f.severity}">${f.severity}</td><td>${escapeHtml(f.check)}</td><td>${escapeHtml(f.column ?? '(all rows)')}</td><td>${escapeHtml(f.message)}</td></tr>`;
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const open = sorted.filter((f) => f.severity !== 'pass');
  const passed = sorted.filter((f) => f.severity === 'pass');
  const head = '<thead><tr><th>result</th><th>check</th><th>column</th><th>finding</th></tr></thead>';
  return `<h2 id="quality">Data quality</h2><p><b class="${c.fail ? 'bad' : 'ok'}">${c.fail} failed</b>, ${c.warn} warnings, ${c.pass} passed.</p>` +
    (open.length ? `<table class="quality">${head}<tbody>${open.map(row).join('')}</tbody></table>` : '') +
    (passed.length ? `<details><summary>${passed.length} passed checks</summary><table class="quality">${head}<tbody>${passed.map(row).join('')}</tbody></table></details>` : '');
}

/** The PCA reconstruction signal with its reference band, or why it is missing. */
export function multivariateHtml(r: DriftReport): string {
  const m = r.multivariate;
  if (!m) return '';
  if (m.value === null) return `<h2>Multivariate drift</h2><p class="muted">Not computed: ${escapeHtml(m.reason ?? '')}.</p>`;
  const band = m.band ? `reference band [${fmt(m.band.lower, 4)}, ${fmt(m.band.upper, 4)}] (mean ± 3σ over ${m.band.chunks} reference chunks of ${m.chunkRows} rows)` : 'no band: too few reference rows for two chunks';
  return `<h2>Multivariate drift</h2><p><b class="${m.drift ? 'bad' : 'ok'}">${m.drift ? 'Drift in the joint distribution' : 'No multivariate drift'}</b>: ` +
    `PCA reconstruction error ${escapeHtml(fmt(m.value, 4))} (reference ${escapeHtml(fmt(m.referenceValue, 4))}); ${escapeHtml(band)}. ` +
    `${m.components} principal components keep ${escapeHtml(fmt(m.explainedVariance, 3))} of the variance of ${m.columns.length} columns: ${escapeHtml(m.columns.join(', '))}.` +
    (m.sampleRows ? ` Fitted, and each mean error taken, on a fixed-seed uniform sample of ${m.sampleRows} rows per set or chunk.` : '') + '</p>';
}

/** Warnings attached to columns (small samples, chi-square caveats), one line each. */
export function warningsHtml(r: DriftReport): string {
  const items = r.columns.flatMap((c) => (c.warnings ?? []).map((w) => `<li><b>${escapeHtml(c.name)}</b>: ${escapeHtml(w)}</li>`));
  return items.length ? `<h2>Warnings</h2><ul>${items.join('')}</ul>` : '';
}

/** "Made … by edgeprobe x.y.z" line. */
export function metaHtml(r: DriftReport): string {
  return `<p class="muted">Made ${escapeHtml(r.meta.generated.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))} by edgeprobe ${escapeHtml(r.meta.edgeprobe)}.</p>`;
}

/** The timeline: chart, the rule behind window verdicts, and one row per window. */
export function timelineHtml(t: DriftTimeline, threshold: number): string {
  const rule = t.verdictBy === 'reference-bands'
    ? `A window drifts when statistics leave the band of the reference's own ${t.reference.chunks} chunks (mean ± 3σ, about ${t.reference.chunkRows} rows each).`
    : 'The reference is too short for two chunks of this size: windows are judged by each test\'s threshold.';
  const mv = t.multivariate.band ? ` Multivariate band [${fmt(t.multivariate.band.lower, 4)}, ${fmt(t.multivariate.band.upper, 4)}].` : '';
  const rows = t.windows.map((w) => {
    const named = (t.verdictBy === 'reference-bands' ? w.columns.filter((c) => c.alert) : w.columns.filter((c) => c.drift)).map((c) => c.name).join(', ');
    const verdict = w.lowConfidence ? '<td class="sev warn">low confidence</td>' : `<td class="num ${w.drifted ? 'bad' : 'ok'}">${escapeHtml(fmt(w.alertShare ?? w.driftShare, 3))}</td>`;
    return `<tr><td>${escapeHtml(w.label)}</td><td class="num">${w.rows}</td>${verdict}<td class="num">${escapeHtml(fmt(w.driftShare, 3))}</td>` +
      `<td class="num ${w.multivariateAlert ? 'bad' : ''}">${escapeHtml(fmt(w.multivariate, 4))}</td><td>${escapeHtml(named)}</td></tr>`;
  }).join('');
  return `<h2>Drift over time (${escapeHtml(String(t.window))} windows${t.timeColumn ? ` by ${escapeHtml(t.timeColumn)}` : ''})</h2>${toSvgString(timelineChart(t.windows, threshold))}` +
    `<p class="muted">${escapeHtml(rule + mv)} Windows under ${t.reference.minChunkRows} rows are low-confidence, never called drifted.</p>` +
    `<table><thead><tr><th>window</th><th>rows</th><th>${t.verdictBy === 'reference-bands' ? 'outside band' : 'drift share'}</th><th>tests drifted</th><th>multivariate</th><th>drifted columns</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export const PARTS_CSS = `.sev{font-weight:600;text-transform:uppercase;font-size:12px}.sev.fail{color:#c0392b}.sev.warn{color:#9a6700}.sev.pass{color:#2a7d2a}table.quality td{vertical-align:top}`;
