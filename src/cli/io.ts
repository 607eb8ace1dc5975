// CLI file helpers: read inputs with errors that name the file, write outputs atomically enough.
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { UsageError } from './args.ts';

/** Read a file the user named; UsageError (exit 2) when it is missing or a directory. */
export function readUserFile(path: string, what: string): Uint8Array {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`${what} "${path}" does not exist`);
  }
  if (!st.isFile()) throw new UsageError(`${what} "${path}" is not a file`);
  return new Uint8Array(readFileSync(path));
}

export function readUserText(path: string, what: string): string {
  const bytes = readUserFile(path, what);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${what} "${path}" is not valid UTF-8 text`);
  }
}

export function writeOut(path: string | undefined, text: string): void {
  if (path === undefined || path === '-') process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  else writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
}
