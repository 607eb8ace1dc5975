// Nested records flattened the way pandas.json_normalize does: objects become dotted columns
// (engine.cylinders), arrays stay one value (written as JSON text), so any JSON row is a flat row.

/**
 * Flatten `rec` into `out`: nested plain objects add `prefix.key` columns (an empty object is one
 * missing value under its own name); arrays and scalars are values. Depth is capped at 32.
 */
export function flattenRecord(rec: Record<string, unknown>, out: Map<string, unknown> = new Map(), prefix = '', depth = 0): Map<string, unknown> {
  for (const key of Object.keys(rec)) {
    const v = rec[key];
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 32) {
      if (Object.keys(v).length === 0) out.set(name, null);
      else flattenRecord(v as Record<string, unknown>, out, name, depth + 1);
    } else out.set(name, v);
  }
  return out;
}
