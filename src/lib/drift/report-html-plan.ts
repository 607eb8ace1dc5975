// The plan's part of the HTML report: columns left out of the verdict with the reason, the number
// locale each set was read with, and the settings (loadable again with --settings).
import { escapeHtml } from '../chart/svg.ts';
import type { DriftReport } from './types.ts';

/** "Not tested" list, locale line and the settings as JSON (empty for reports without a plan). */
export function planHtml(r: DriftReport): string {
  const parts: string[] = [];
  if (r.excluded?.length) {
    const items = r.excluded.map((e) => `<li><code>${escapeHtml(e.name)}</code> (${escapeHtml(e.type ?? '?')}): ${escapeHtml(e.reason)}</li>`).join('');
    parts.push(`<h2>Not tested</h2><ul id="excluded">${items}</ul>`);
  }
  if (r.locale) parts.push(`<p class="muted" id="locale">Numbers: reference ${escapeHtml(r.locale.reference)}; current ${escapeHtml(r.locale.current)}.</p>`);
  if (r.settings) {
    parts.push(`<details><summary>Settings (load again with <code>edgeprobe drift --settings</code> on this report's JSON)</summary><pre id="settings">${escapeHtml(JSON.stringify(r.settings, null, 2))}</pre></details>`);
  }
  return parts.join('\n');
}
