// The CLI's argv parser: every shape of option the commands use, and a UsageError for each mistake.
import { describe, expect, it } from 'vitest';
import { bytesOption, choiceOption, numberOption, parseArgs, UsageError } from './args.ts';

const spec = { out: 'string', json: 'boolean', ep: 'list', shape: 'repeat', help: 'boolean', threshold: 'string' } as const;

describe('parseArgs', () => {
  it('reads --flag value, --flag=value, booleans, comma lists, repeats and positionals', () => {
    const p = parseArgs(['m.onnx', '--out', 'a.json', '--json', '--ep=wasm,webgpu', '--ep', 'cpu', '--shape', 'x=1,3', '--shape=y=2', '--', '--literal'], spec);
    expect(p.positionals).toEqual(['m.onnx', '--literal']);
    expect(p.values).toEqual({ out: 'a.json' });
    expect(p.flags).toEqual({ json: true });
    expect(p.lists).toEqual({ ep: ['wasm', 'webgpu', 'cpu'], shape: ['x=1,3', 'y=2'] });
  });

  it('takes a value that starts with one dash (a negative number), and -h for help', () => {
    expect(parseArgs(['--threshold', '-1'], spec).values.threshold).toBe('-1');
    expect(parseArgs(['-h'], spec).flags.help).toBe(true);
  });

  it('names the unknown option and lists the valid ones', () => {
    expect(() => parseArgs(['--nope'], spec)).toThrow(UsageError);
    expect(() => parseArgs(['--nope'], spec)).toThrow(/unknown option --nope; valid: --out, --json/);
    expect(() => parseArgs(['-x'], spec)).toThrow(/unknown option -x;/);
  });

  it('says when a value is missing or given to a boolean', () => {
    expect(() => parseArgs(['--out'], spec)).toThrow(/^--out needs a value$/);
    expect(() => parseArgs(['--out', '--json'], spec)).toThrow(/--out needs a value/);
    expect(() => parseArgs(['--json=yes'], spec)).toThrow(/^--json takes no value$/);
  });

  it('gives the UsageError its name (the dispatcher exits 2 on it)', () => {
    try {
      parseArgs(['--nope'], spec);
    } catch (e) {
      expect((e as Error).name).toBe('UsageError');
    }
    expect.assertions(1);
  });
});

describe('option checks', () => {
  const p = (values: Record<string, string>) => ({ positionals: [], values, flags: {}, lists: {} });
  it('numberOption: default, range and integer checks', () => {
    expect(numberOption(p({}), 'port', 8000)).toBe(8000);
    expect(numberOption(p({ port: '0' }), 'port', 8000, { integer: true, max: 65535 })).toBe(0);
    expect(() => numberOption(p({ port: '70000' }), 'port', 8000, { integer: true, max: 65535 })).toThrow(/--port must be an integer from 0 to 65535, got "70000"/);
    expect(() => numberOption(p({ runs: '1.5' }), 'runs', 1, { integer: true, min: 1 })).toThrow(/an integer ≥ 1/);
    expect(() => numberOption(p({ runs: ' ' }), 'runs', 1)).toThrow(UsageError);
  });
  it('choiceOption lists the valid choices', () => {
    expect(choiceOption(p({ ep: 'wasm' }), 'ep', ['wasm', 'webgpu'], 'webgpu')).toBe('wasm');
    expect(() => choiceOption(p({ ep: 'cuda' }), 'ep', ['wasm', 'webgpu'], 'wasm')).toThrow(/one of wasm, webgpu, got "cuda"/);
  });
  it('bytesOption reads k and m suffixes (binary) and rejects words and zero', () => {
    expect(bytesOption(p({ b: '512k' }), 'b', 1)).toBe(512 * 1024);
    expect(bytesOption(p({ b: '64m' }), 'b', 1)).toBe(64 * 1024 * 1024);
    expect(bytesOption(p({ b: '100' }), 'b', 1)).toBe(100);
    expect(() => bytesOption(p({ b: 'lots' }), 'b', 1)).toThrow(/not a byte count/);
    expect(() => bytesOption(p({ b: '0' }), 'b', 1)).toThrow(/at least 1 byte/);
  });
});
