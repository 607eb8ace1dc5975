// Every line the CLI prints passes one sanitiser (lib/text/sanitize): text from servers, files and
// models (error bodies, names, metadata) cannot drive the terminal with escape sequences.
import { sanitizeText } from '../lib/text/sanitize.ts';

type Write = typeof process.stdout.write;

let guarded = false;

/** Sanitise a chunk on its way to the terminal; a leading `\r` (our own progress lines) is kept. */
export function terminalSafe(chunk: string): string {
  if (chunk.startsWith('\r')) return `\r${sanitizeText(chunk.slice(1))}`;
  return sanitizeText(chunk);
}

function wrap(stream: NodeJS.WriteStream): void {
  const original = stream.write.bind(stream) as Write;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const safe = typeof chunk === 'string' ? terminalSafe(chunk) : chunk;
    return (original as (c: unknown, ...r: unknown[]) => boolean)(safe, ...rest);
  }) as Write;
}

/**
 * Route string writes to stdout and stderr (console.log/error included) through terminalSafe.
 * JSON is unaffected (JSON.stringify already escapes control characters); bytes (Buffers) pass as is.
 */
export function guardTerminal(): void {
  if (guarded) return;
  guarded = true;
  wrap(process.stdout);
  wrap(process.stderr);
}
