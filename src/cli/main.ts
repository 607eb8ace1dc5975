// The `edgeprobe` CLI dispatcher: one subcommand each; exit 0 ok, 1 failed check/verdict,
// 2 bad usage or input (a one-line reason on stderr).
import { UsageError } from './args.ts';
import { guardTerminal } from './terminal.ts';

const HELP = `edgeprobe — run ONNX models on this device: latency, parity, drift

usage: edgeprobe <command> [options]

  info MODEL [--json]                        model card (sha256, opsets, inputs/outputs, ops, parameters)
  run MODEL [--input REQ.json]               one inference; OIP response JSON on stdout
        run MODEL --sequence AUDIO.wav|STEPS.jsonl: a streaming model over steps, state fed back
        run DIR --text "…" | --texts FILE: a Hugging Face-style folder; labels from config.json
        [--runtime browser|native] [--ep wasm|webgpu] [--threads N] [--out FILE]
  bench MODEL [--ep LIST] [--threads LIST]   latency benchmark (--runs N --warmup N --min-time S --quick
        [--opt LIST] [--batch LIST] [--shape NAME=D1,D2,…] [--runtime browser|native] [--profile N]
        [--rounds N] [--budget p90=MS]… [--json FILE] [--format table|json|github-action-benchmark])
        bench DIR [--seq-len 16,64,128]: a text model folder, one config per sequence length
  bench-compare A.json B.json                two runs, the older as baseline (--threshold 5% --force --json F);
        exit 1 on a regression, 2 on unlike runs
  compare MODEL --samples F --baseline URL|FILE   parity against a server or file
  drift --reference F --current F            data drift report (--json FILE, --html FILE)
  serve MODEL… [--host H] [--port P]         Open Inference Protocol v2 baseline server
        [--collect FILE]                     (+ device-result collector; --host 0.0.0.0 serves HTTPS)
  share MODEL [--collector URL] [--app URL]  link + QR that runs a benchmark on another device
        [--shape NAME=D1,D2,…] [--full] [--ep LIST] [--threads LIST] [--budget p90=MS] [--no-qr]
  devices --collector URL [--json|--csv]     results collected from devices (--model SHA256)
  load --baseline URL --baseline-model NAME  concurrency sweep against an OIP v2 / TF Serving server
        [--samples F] [--concurrency 1,2,4,8] [--duration S] [--warmup S] [--max-latency MS]
        [--protocol oip|tfserving] [--shape NAME=D1,D2,…] [--json FILE]

Exit codes: 0 ok, 1 failed check or verdict, 2 bad usage or input.`;

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  info: async () => (await import('./info.ts')).infoCommand,
  run: async () => (await import('./run.ts')).runCommand,
  serve: async () => (await import('./serve.ts')).serveCommand,
  bench: async () => (await import('./bench.ts')).benchCommand,
  'bench-compare': async () => (await import('./bench-compare.ts')).benchCompareCommand,
  drift: async () => {
    const [{ driftCommand }, { textModelHooks }] = await Promise.all([import('./drift.ts'), import('./drift-text.ts')]);
    return (argv: string[]) => driftCommand(argv, textModelHooks);
  },
  compare: async () => (await import('./compare.ts')).compareCommand,
  devices: async () => (await import('./devices.ts')).devicesCommand,
  share: async () => (await import('./share.ts')).shareCommand,
  load: async () => (await import('./load.ts')).loadCommand,
};

/** Commands that print their own, longer --help. */
const SELF_HELP = new Set(['serve', 'drift', 'compare', 'bench-compare']);

/** A command's lines from HELP: its own line and the indented continuation lines under it. */
function usageOf(name: string): string {
  const lines = HELP.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  ${name} `));
  const block = [lines[start]!];
  for (let i = start + 1; i < lines.length && lines[i]!.startsWith('        '); i++) block.push(lines[i]!);
  return `usage: edgeprobe${block.map((l) => l.replace(/^ {2}/, ' ')).join('\n')}`;
}

/** Errors that mean the user's input or usage was wrong: exit 2 with a one-line reason. */
const INPUT_ERRORS = new Set([
  'UsageError', 'CollectorError', 'LoadError', 'ShareLinkError', 'ModelLoadError', 'InputShapeError', 'DataFormatError', 'BackendUnavailableError', 'InferenceError', 'BaselineError',
  'TokenizerMissingError', 'VocabularyMismatchError', 'InvalidUtf8Error', 'ModelFolderError', 'TextColumnError',
]);

export async function main(argv: string[]): Promise<number> {
  guardTerminal();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`edgeprobe: unknown command "${name}"; valid: ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  if ((rest.includes('--help') || rest.includes('-h')) && !SELF_HELP.has(name)) {
    process.stdout.write(`${usageOf(name)}\n`);
    return 0;
  }
  try {
    return await (await load())(rest);
  } catch (e) {
    const err = e as Error;
    const line = `${err.message ?? String(e)}`.split('\n')[0];
    if (INPUT_ERRORS.has(err.name) || String((err as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`edgeprobe ${name}: ${err.name === 'UsageError' ? '' : `${err.name}: `}${line}\n`);
      return 2;
    }
    process.stderr.write(`edgeprobe ${name}: ${err.name}: ${line}\n`);
    if (process.env.EDGEPROBE_DEBUG) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
