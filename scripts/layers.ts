// The layer check: dependency-cruiser with the rules in .dependency-cruiser.cjs over src/. Run
// by `npm test` before the tests (a violation fails the run) and on its own with
// `node --import tsx scripts/layers.ts`.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

export interface LayerViolation {
  rule: string;
  /** 'error' fails `npm test`; 'warn' is listed only. */
  severity: string;
  from: string;
  to: string;
}

export interface LayerReport {
  /** Errors: any one fails the check. */
  violations: LayerViolation[];
  /** Warnings (rules of severity 'warn'; none today): listed, not failing. */
  warnings: LayerViolation[];
  modules: number;
  dependencies: number;
}

/**
 * Cruise `dir` (relative to `cwd`; default src/, or $EDGEPROBE_LAYERS_ROOT, which the rules read
 * too) with the repository's rules; throws if the checker itself fails.
 */
export function checkLayers(cwd = root, dir = process.env.EDGEPROBE_LAYERS_ROOT || 'src'): LayerReport {
  const r = spawnSync(process.execPath, [resolve(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), dir,
    '--config', resolve(root, '.dependency-cruiser.cjs'), '--output-type', 'json', '--no-progress'], {
    cwd, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, EDGEPROBE_LAYERS_ROOT: dir },
  });
  if (r.error) throw r.error;
  let out: { summary: { violations: { rule: { name: string; severity: string }; from: string; to: string; cycle?: { name: string }[] }[]; totalCruised: number; totalDependenciesCruised: number } };
  try {
    out = JSON.parse(r.stdout);
  } catch {
    throw new Error(`dependency-cruiser failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(0, 5).join('\n')}`);
  }
  const violations = out.summary.violations.map((v) => {
    const loop = v.cycle?.map((c) => c.name) ?? [];
    if (loop.length && loop[0] !== v.from) loop.unshift(v.from);
    return { rule: v.rule.name, severity: v.rule.severity, from: v.from, to: loop.length ? loop.slice(1).join(' → ') : v.to };
  });
  return {
    violations: violations.filter((v) => v.severity === 'error'),
    warnings: violations.filter((v) => v.severity !== 'error'),
    modules: out.summary.totalCruised,
    dependencies: out.summary.totalDependenciesCruised,
  };
}

/** One line per violation, for the terminal. */
export const formatViolations = (vs: readonly LayerViolation[]): string => vs.map((v) => `  ${v.rule}: ${v.from} → ${v.to}`).join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = checkLayers();
  if (r.violations.length) {
    console.error(`layer rules (.dependency-cruiser.cjs): ${r.violations.length} violation(s)\n${formatViolations(r.violations)}`);
    process.exit(1);
  }
  console.log(`layer rules: ${r.modules} modules, ${r.dependencies} dependencies, no violations${r.warnings.length ? `; ${r.warnings.length} warning(s):\n${formatViolations(r.warnings)}` : ''}`);
}
