// `edgeprobe drift`: data drift between a reference and a current data file. Prints a table,
// writes the JSON report (--json) and a self-contained HTML report (--html). Exit 0 no dataset
// drift, 1 dataset drift, 2 bad usage or input.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs, UsageError, type Parsed } from './args.ts';
import { readTableFiles } from './drift-io.ts';
import { finishDrift, prepareDrift, testPair } from '../lib/drift/report.ts';
import { driftReportJson } from '../lib/drift/report-json.ts';
import { KINDS, TESTS, optionsOf, parseSettings, settingsOf, type DriftSettings } from '../lib/drift/settings.ts';
import { DATE_ORDERS, type DateOrder } from '../lib/drift/sniff-date.ts';
import type { DecimalSep, ThousandsSep } from '../lib/drift/sniff-number.ts';
import { DataFormatError } from '../lib/data/table.ts';
import { driftTimeline, type DriftTimeline, type Window } from '../lib/drift/timeline.ts';
import { driftReportHtml } from '../lib/drift/report-html.ts';
import { formatNumber as fmt } from '../lib/format.ts';
import type { DriftOptions, DriftReport, ExtraColumn, KindOverride, TestName } from '../lib/drift/types.ts';
import type { Table } from '../lib/data/table.ts';
import type { Correction } from '../lib/stats/corrections.ts';
import { severityCounts } from '../lib/drift/quality/types.ts';

export const DRIFT_HELP = `edgeprobe drift --reference FILE --current FILE [options]
  --columns a,b            test only these columns (default: all shared columns)
  --json FILE              write the JSON report
  --html FILE              write a self-contained HTML report
  --stattest col=test      force a test: ks, chisquare, z, wasserstein, jensenshannon, psi (repeatable)
  --threshold col=x        per-column threshold (repeatable)
  --kind col=type          numerical, categorical, datetime, text, id or ignore (repeatable)
  --date-format col=order  iso, dmy (day-first) or mdy (month-first) for a date column (repeatable)
  --decimal , | .          decimal separator of numbers written as text (default: sniffed)
  --thousands SEP          thousands separator: , . space ' or none (default: sniffed)
  --na "NA,n/a,?"          the text read as missing (default pandas' list, with None)
  --settings FILE          settings from a report written by --json (or the app); flags override them
  --correction m           none (default), bonferroni or bh (Benjamini–Hochberg)
  --dataset-threshold x    share of drifted columns for dataset drift (default 0.5)
  --time-column c --window day|week|month|N   drift per window of the current set
  --model DIR              a text model folder: its predictions on the text column are tested like columns,
                           its pooled embedding by MMD (permutation p-value); --text-column C picks the column
  --fail-on what           what sets exit 1: drift (default), quality (a failed data-quality check) or both
  --quiet                  no table on stdout
  --time                   print read and compute times on stderr
Files: .csv .tsv .txt .json .jsonl .ndjson .parquet. Exit 0 no drift, 1 dataset drift (or a quality failure, per --fail-on), 2 bad usage/input.`;

const SPEC = {
  reference: 'string', current: 'string', columns: 'list', json: 'string', html: 'string', stattest: 'list',
  threshold: 'list', kind: 'list', correction: 'string', 'dataset-threshold': 'string', 'time-column': 'string',
  window: 'string', 'fail-on': 'string', quiet: 'boolean', help: 'boolean', time: 'boolean', 'date-format': 'list', decimal: 'string',
  thousands: 'string', na: 'string', settings: 'string',
} as const;

/**
 * Hook for callers (e.g. `--model` prediction drift): extra options to accept and a function
 * that returns extra columns (predictions, scores) to test alongside the table's columns.
 */
export interface DriftHooks {
  options?: Record<string, 'string' | 'boolean' | 'list'>;
  extraColumns?: (ref: Table, cur: Table, args: Parsed) => Promise<ExtraColumn[]>;
  /** Called with the finished report (may add fields for the JSON); returns a line to print. */
  finish?: (report: DriftReport) => string | undefined;
}

function pairs<T>(p: Parsed, flag: string, parse: (v: string, col: string) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of p.lists[flag] ?? []) {
    const eq = item.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`--${flag} expects col=value, got "${item}"`);
    const col = item.slice(0, eq);
    out[col] = parse(item.slice(eq + 1), col);
  }
  return out;
}

/** Settings from a --settings file (a report from --json or the app, or a bare settings object). */
function settingsFile(path: string): DriftSettings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--settings ${path}: cannot read the file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--settings ${path}: not JSON (${(e as Error).message})`);
  }
  try {
    return parseSettings(json);
  } catch (e) {
    if (e instanceof DataFormatError) throw new UsageError(`--settings ${path}: ${e.message}`);
    throw e;
  }
}

/** Parse argv into drift options (a --settings file first, flags over it); UsageError on anything malformed. */
export function driftOptionsFromArgs(p: Parsed): { options: DriftOptions; window: Window | null; timeColumn: string | null } {
  const base: DriftSettings = p.values.settings ? settingsFile(p.values.settings) : settingsOf({});
  const stattest = pairs(p, 'stattest', (v) => {
    if (!TESTS.includes(v as TestName)) throw new UsageError(`unknown test "${v}"; valid: ${TESTS.join(', ')}`);
    return v as TestName;
  });
  const threshold = pairs(p, 'threshold', (v, col) => {
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x) || x < 0) throw new UsageError(`--threshold ${col}=${v}: the threshold must be a number ≥ 0`);
    return x;
  });
  const kinds = pairs(p, 'kind', (v) => {
    if (!KINDS.includes(v as KindOverride)) throw new UsageError(`unknown kind "${v}"; valid: ${KINDS.join(', ')}`);
    return v as KindOverride;
  });
  const dateFormats = pairs(p, 'date-format', (v, col) => {
    if (!DATE_ORDERS.includes(v as DateOrder)) throw new UsageError(`--date-format ${col}=${v}: valid formats are ${DATE_ORDERS.join(', ')} (iso, day-first, month-first)`);
    return v as DateOrder;
  });
  const correction = (p.values.correction ?? base.correction) as Correction;
  if (!['none', 'bonferroni', 'bh'].includes(correction)) throw new UsageError(`--correction must be none, bonferroni or bh, got "${correction}"`);
  let datasetThreshold = base.datasetThreshold;
  if (p.values['dataset-threshold'] !== undefined) {
    datasetThreshold = Number(p.values['dataset-threshold']);
    if (!(datasetThreshold > 0 && datasetThreshold <= 1)) throw new UsageError('--dataset-threshold must be a number in (0, 1]');
  }
  let decimal = base.decimal;
  const d = p.values.decimal;
  if (d !== undefined) {
    if (d !== '.' && d !== ',') throw new UsageError(`--decimal must be "." or ",", got "${d}"`);
    decimal = d as DecimalSep;
  }
  let thousands = base.thousands;
  const t = p.values.thousands;
  if (t !== undefined) {
    const v = t === 'none' || t === '' ? '' : t === 'space' ? ' ' : t;
    if (!['', ',', '.', ' ', "'"].includes(v)) throw new UsageError(`--thousands must be , . space ' or none, got "${t}"`);
    if (v !== '' && v === (decimal ?? '.')) throw new UsageError(`--thousands "${v}" cannot be the decimal separator too`);
    thousands = v as ThousandsSep;
  }
  const na = p.values.na !== undefined ? p.values.na.split(',').map((s) => s.trim()) : base.na;
  let timeColumn = p.values['time-column'] ?? base.timeline?.column ?? null;
  let window: Window | null = base.timeline?.window ?? null;
  const w = p.values.window;
  if (w !== undefined) {
    if (w === 'day' || w === 'week' || w === 'month') window = w;
    else if (/^\d+$/.test(w) && Number(w) > 0) window = Number(w);
    else throw new UsageError(`--window must be day, week, month or a number of rows, got "${w}"`);
    if (typeof window === 'string' && !timeColumn) throw new UsageError(`--window ${w} needs --time-column`);
  } else if (timeColumn && window === null) window = 'day';
  if (window === null) timeColumn = null;
  const settings: DriftSettings = {
    columns: p.lists.columns ?? base.columns,
    kinds: { ...base.kinds, ...kinds }, dateFormats: { ...base.dateFormats, ...dateFormats },
    stattest: { ...base.stattest, ...stattest }, threshold: { ...base.threshold, ...threshold },
    correction, datasetThreshold, decimal, thousands, na,
    timeline: window !== null ? { column: timeColumn, window } : null,
  };
  return { options: optionsOf(settings), window, timeColumn };
}

export type FailOn = 'drift' | 'quality' | 'both';

/** --fail-on, checked: drift (default), quality or both. */
export function failOnFromArgs(p: Parsed): FailOn {
  const v = p.values['fail-on'] ?? 'drift';
  if (v !== 'drift' && v !== 'quality' && v !== 'both') throw new UsageError(`--fail-on must be drift, quality or both, got "${v}"`);
  return v;
}

/** Exit code for a report: 1 when what --fail-on names failed (dataset drift, a failed quality check). */
export function driftExitCode(r: DriftReport, failOn: FailOn): number {
  const drift = r.dataset.drifted;
  const quality = r.quality.some((f) => f.severity === 'fail');
  return (failOn === 'drift' ? drift : failOn === 'quality' ? quality : drift || quality) ? 1 : 0;
}

/** Quality findings that did not pass, and the multivariate signal, as text lines. */
export function formatExtras(r: DriftReport): string[] {
  const out: string[] = [];
  const bad = r.quality.filter((f) => f.severity !== 'pass');
  const counts = severityCounts(r.quality);
  out.push(`data quality: ${counts.fail} failed, ${counts.warn} warnings, ${counts.pass} passed`);
  for (const f of bad) out.push(`  ${f.severity.toUpperCase()} ${f.check}${f.column !== null ? ` ${f.column}` : ''}: ${f.message}`);
  const m = r.multivariate;
  if (m) {
    out.push(m.value === null
      ? `multivariate (PCA reconstruction): not computed — ${m.reason}`
      : `multivariate (PCA reconstruction, ${m.components} of ${m.columns.length} components, ${fmt(m.explainedVariance, 3)} of the variance): error ${fmt(m.value, 4)}` +
        (m.band ? `, reference band [${fmt(m.band.lower, 4)}, ${fmt(m.band.upper, 4)}] over ${m.band.chunks} chunks of ${m.chunkRows} rows — ${m.drift ? 'DRIFT' : 'no drift'}` : ' (too few reference rows for a band)') +
        (m.sampleRows ? ` [on samples of ${m.sampleRows} rows]` : ''));
  }
  return out;
}

/** Plain-text table of the report for stdout. */
export function formatDriftTable(r: DriftReport): string {
  const head = ['column', 'kind', 'test', 'statistic', 'p-value', 'threshold', 'drift', 'decile psi', 'missing ref', 'missing cur'];
  const rows = r.columns.map((c) => [c.name, c.kind, c.test ?? `not tested (${c.reason})`, fmt(c.statistic), fmt(c.pValueAdjusted),
    fmt(c.threshold), c.drift ? 'DRIFT' : 'no', fmt(c.psiDeciles), fmt(c.missingRef, 3), fmt(c.missingCur, 3)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const d = r.dataset;
  const notes = r.columns.filter((c) => c.note).map((c) => `note: ${c.name}: ${c.note}`);
  for (const c of r.columns) for (const w of c.warnings ?? []) notes.push(`warning: ${c.name}: ${w}`);
  for (const e of r.excluded ?? []) notes.push(`not tested: ${e.name}: ${e.reason}`);
  if (r.locale && (r.locale.reference.startsWith('decimal comma') || r.locale.current.startsWith('decimal comma') || /thousands/.test(r.locale.reference + r.locale.current))) {
    notes.push(`numbers: reference ${r.locale.reference}; current ${r.locale.current}`);
  }
  const m = r.mismatches;
  if (m.onlyInReference.length) notes.push(`only in the reference (not compared): ${m.onlyInReference.join(', ')}`);
  if (m.onlyInCurrent.length) notes.push(`only in the current set (not compared): ${m.onlyInCurrent.join(', ')}`);
  return [line(head), ...rows.map(line), ...(notes.length ? ['', ...notes] : []), '',
    `dataset: ${d.drifted ? 'DRIFT' : 'no drift'} — ${d.nDrifted} of ${d.nTested} tested columns drifted (share ${fmt(d.driftShare, 3)}, threshold ${d.threshold})`,
    ...formatExtras(r)].join('\n');
}

/** Runs `edgeprobe drift`; returns the exit code. Writes the reason for exit 2 on stderr. */
export async function driftCommand(argv: string[], hooks: DriftHooks = {}): Promise<number> {
  try {
    const p = parseArgs(argv, { ...SPEC, ...(hooks.options ?? {}) });
    if (p.flags.help) {
      process.stdout.write(DRIFT_HELP + '\n');
      return 0;
    }
    if (p.positionals.length) throw new UsageError(`unexpected argument "${p.positionals[0]}"; files go after --reference and --current`);
    const refPath = p.values.reference;
    const curPath = p.values.current;
    if (!refPath || !curPath) throw new UsageError('--reference FILE and --current FILE are required');
    const { options, window, timeColumn } = driftOptionsFromArgs(p);
    const failOn = failOnFromArgs(p);
    const t0 = performance.now();
    const [ref, cur] = await readTableFiles([refPath, curPath], undefined, options.na);
    const t1 = performance.now();
    if (ref.rowCount === 0) throw new UsageError(`${refPath}: the reference set has no rows; it needs a header and at least one row`);
    if (cur.rowCount === 0) throw new UsageError(`${curPath}: the current set has no rows; it needs a header and at least one row`);
    if (hooks.extraColumns) options.extra = await hooks.extraColumns(ref, cur, p);
    const prep = prepareDrift(ref, cur, options);
    const report = finishDrift(prep, ref, cur, prep.pairs.map((pair) => testPair(prep, pair)), performance.now() - t1);
    if (report.columns.length === 0 && !report.plan?.length) {
      throw new UsageError(`no columns to compare: ${refPath} has ${ref.columns.map((c) => c.name).join(', ') || 'none'}; ${curPath} has ${cur.columns.map((c) => c.name).join(', ') || 'none'}`);
    }
    // The timeline reads the sets as the plan does (parsed dates, numbers in their locale).
    const timeline = window !== null ? driftTimeline(prep.ref, prep.cur, window, timeColumn, prep.options) : undefined;
    const extraLine = hooks.finish?.(report);
    if (!p.flags.quiet) process.stdout.write(formatDriftTable(report) + '\n' + (extraLine ? `${extraLine}\n` : ''));
    if (p.values.json) writeFileSync(p.values.json, driftReportJson(report, { reference: basename(refPath), current: basename(curPath), timeline }));
    if (p.values.html) {
      writeFileSync(p.values.html, driftReportHtml(report, { referenceName: basename(refPath), currentName: basename(curPath), timeline }));
    }
    if (p.flags.time) {
      process.stderr.write(`read ${(t1 - t0).toFixed(0)} ms, compute ${(performance.now() - t1).toFixed(0)} ms\n`);
    }
    return driftExitCode(report, failOn);
  } catch (e) {
    const err = e as Error;
    const known = ['UsageError', 'DataFormatError', 'StatsInputError', 'CancelledError', 'AbortError'].includes(err.name);
    process.stderr.write(`edgeprobe drift: ${known ? err.message : `${err.name}: ${err.message}`}\n`);
    return 2;
  }
}
