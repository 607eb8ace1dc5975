// The CLI's one argv parser: node:util `parseArgs` under a small spec (`--flag value`,
// `--flag=value`, booleans, repeated and comma lists), with one UsageError (exit 2) naming any
// unknown or malformed option, and the number/choice/byte-count checks every command shares.
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * 'string' takes one value (the last wins); 'boolean' takes none; 'list' takes a value, may repeat
 * and splits on commas; 'repeat' takes a value and may repeat, kept whole (values with commas, e.g.
 * `--shape x=1,3`).
 */
export type OptionKind = 'string' | 'boolean' | 'list' | 'repeat';

export interface OptionSpec {
  [flag: string]: OptionKind;
}

export interface Parsed {
  positionals: string[];
  values: Record<string, string | undefined>;
  flags: Record<string, boolean>;
  /** 'list' options split on commas, and 'repeat' options as given. */
  lists: Record<string, string[]>;
}

const nodeMessage = (e: NodeJS.ErrnoException, spec: OptionSpec): string => {
  const flag = /'(-[-\w]+)/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag}; valid: ${Object.keys(spec).map((k) => `--${k}`).join(', ')}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return / does not take an argument/.test(e.message) ? `${flag} takes no value` : `${flag} needs a value`;
    default:
      return e.message;
  }
};

/**
 * Parse `argv` (the words after the command) against `spec`; UsageError on an unknown option, a
 * missing value or a value given to a boolean. A `help` boolean also answers to `-h`.
 */
export function parseArgs(argv: readonly string[], spec: OptionSpec): Parsed {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, kind] of Object.entries(spec)) {
    options[name] = kind === 'boolean'
      ? { type: 'boolean', ...(name === 'help' ? { short: 'h' } : {}) }
      : { type: 'string', multiple: kind === 'list' || kind === 'repeat' };
  }
  // `--flag -3` is a value here, as it was before; node:util would call it ambiguous.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : undefined;
    const next = argv[i + 1];
    if (name && spec[name] && spec[name] !== 'boolean' && next !== undefined && next.startsWith('-') && !next.startsWith('--') && next !== '-h') {
      args.push(`${a}=${next}`);
      i++;
    } else args.push(a);
  }
  let parsed: ReturnType<typeof nodeParseArgs>;
  try {
    parsed = nodeParseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(nodeMessage(e as NodeJS.ErrnoException, spec));
  }
  const out: Parsed = { positionals: parsed.positionals, values: {}, flags: {}, lists: {} };
  for (const [name, v] of Object.entries(parsed.values)) {
    const kind = spec[name]!;
    if (kind === 'boolean') out.flags[name] = v === true;
    else if (kind === 'list') out.lists[name] = (v as string[]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    else if (kind === 'repeat') out.lists[name] = v as string[];
    else out.values[name] = v as string;
  }
  return out;
}

/** A number option (≥ min; an integer when asked), or the default; UsageError otherwise. */
export function numberOption(p: Parsed, name: string, fallback: number, { integer = false, min = 0, max = Infinity } = {}): number {
  const raw = p.values[name];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    const range = max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} ${range}, got "${raw}"`);
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

/** A byte count such as 1048576, 512k, 64m or 2g (binary units), or the default; UsageError otherwise. */
export function bytesOption(p: Parsed, name: string, fallback: number): number {
  const text = p.values[name];
  if (text === undefined) return fallback;
  const m = /^(\d+)([kKmMgG]?)[bB]?$/.exec(text.trim());
  if (!m) throw new UsageError(`--${name} ${JSON.stringify(text)} is not a byte count (e.g. 1048576, 512k, 64m, 2g)`);
  const n = Number(m[1]) * 1024 ** ' kmg'.indexOf((m[2] || ' ').toLowerCase());
  if (n < 1) throw new UsageError(`--${name} must be at least 1 byte`);
  return n;
}
