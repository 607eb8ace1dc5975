// Test helper: run the `edgeprobe` command as a user would (bin/edgeprobe.js in a child process)
// and collect its exit code and output, whatever the code. Shared by the CLI unit and e2e tests.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `edgeprobe ARGS…` from the repository root; never rejects (a non-zero exit is a result). */
export function runCli(args: string[]): Promise<CliResult> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [resolve(root, 'bin/edgeprobe.js'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}
