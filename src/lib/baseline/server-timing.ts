// Server-Timing header parsing (W3C Server Timing): `name;dur=1.2;desc="x", other;dur=3`. Used to
// split a baseline round trip into server compute, other server time, and network + serialisation.

/** One metric of a Server-Timing header; `dur` in ms when present. */
export interface ServerTimingMetric {
  name: string;
  dur?: number;
  desc?: string;
}

/** Split on `sep` outside double quotes. */
function splitOutsideQuotes(s: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' && s[i - 1] !== '\\') quoted = !quoted;
    if (c === sep && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

function unquote(v: string): string {
  const t = v.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
}

/**
 * Parse a Server-Timing header value (several headers may be joined with commas, as fetch does).
 * Malformed entries are skipped; a bad or negative `dur` is left out; the first `dur`/`desc` wins.
 */
export function parseServerTiming(header: string | null | undefined): ServerTimingMetric[] {
  if (!header) return [];
  const out: ServerTimingMetric[] = [];
  for (const entry of splitOutsideQuotes(header, ',')) {
    const [rawName, ...params] = splitOutsideQuotes(entry, ';');
    const name = rawName?.trim() ?? '';
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) continue;
    const metric: ServerTimingMetric = { name };
    for (const p of params) {
      const eq = p.indexOf('=');
      const key = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
      const value = eq < 0 ? '' : unquote(p.slice(eq + 1));
      if (key === 'dur' && metric.dur === undefined) {
        const d = Number(value);
        if (value !== '' && Number.isFinite(d) && d >= 0) metric.dur = d;
      } else if (key === 'desc' && metric.desc === undefined) metric.desc = value;
    }
    out.push(metric);
  }
  return out;
}

/** Server-side time of one request, ms. `computeMs` is the model run; `totalMs` all reported durations. */
export interface ServerTimes {
  /** The compute metric (`compute`, `inference`, `infer` or `model`), when reported. */
  computeMs?: number;
  /** Sum of every reported duration (parse, queue, transfer, compute, ...); undefined when none. */
  totalMs?: number;
  metrics: ServerTimingMetric[];
}

const COMPUTE_NAMES = ['compute', 'inference', 'infer', 'model', 'predict'];

/**
 * Server times from a Server-Timing header. A `total` metric, when present, is used as the total
 * instead of the sum (servers that report both would otherwise be counted twice).
 */
export function serverTimes(header: string | null | undefined): ServerTimes {
  const metrics = parseServerTiming(header);
  const withDur = metrics.filter((m) => m.dur !== undefined);
  const compute = COMPUTE_NAMES.map((n) => withDur.find((m) => m.name.toLowerCase() === n)).find((m) => m !== undefined);
  const total = withDur.find((m) => m.name.toLowerCase() === 'total');
  const sum = withDur.reduce((s, m) => s + m.dur!, 0);
  const times: ServerTimes = { metrics };
  if (compute) times.computeMs = compute.dur;
  if (total) times.totalMs = total.dur;
  else if (withDur.length > 0) times.totalMs = sum;
  return times;
}
