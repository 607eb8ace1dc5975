// A small argv parser for the CLI: `--flag value`, `--flag=value`, booleans, repeated flags and
// positionals, with a UsageError (exit 2) naming any unknown or malformed option.

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface OptionSpec {
  /** 'string' takes a value; 'boolean' takes none; 'list' takes a value and may repeat (or be comma-separated). */
  [flag: string]: 'string' | 'boolean' | 'list';
}

export interface Parsed {
  positionals: string[];
  values: Record<string, string | undefined>;
  flags: Record<string, boolean>;
  lists: Record<string, string[]>;
}

export function parseArgs(argv: readonly string[], spec: OptionSpec): Parsed {
  const out: Parsed = { positionals: [], values: {}, flags: {}, lists: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}; valid: ${Object.keys(spec).map((k) => `--${k}`).join(', ')}`);
    if (kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (kind === 'list') (out.lists[name] ??= []).push(...value.split(',').map((s) => s.trim()).filter(Boolean));
    else out.values[name] = value;
  }
  return out;
}

/** A positive number option, or the default; UsageError otherwise. */
export function numberOption(p: Parsed, name: string, fallback: number, { integer = false, min = 0 } = {}): number {
  const raw = p.values[name];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got "${raw}"`);
  }
  return v;
}

/** One value out of a fixed set, or the default. */
export function choiceOption<T extends string>(p: Parsed, name: string, choices: readonly T[], fallback: T): T {
  const raw = p.values[name];
  if (raw === undefined) return fallback;
  if (!choices.includes(raw as T)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  return raw as T;
}
