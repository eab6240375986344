import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export { DATASETS as shared } from '../datasets';

/** What a finished child process left: exit code and both streams. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run a command without blocking the test worker: a synchronous spawn stalls vitest's worker
 * for the whole run, and its RPC to the main process then times out ("Timeout calling onTaskUpdate").
 */
export function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? root, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Run the built CLI (`npm test` builds first) as a user would; returns exit code and both streams. */
export function seglab(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  if (!existsSync(join(root, 'dist', 'cjs', 'cli', 'main.js'))) throw new Error('dist is missing: run `npm run build` (npm test does it first)');
  return run(process.execPath, [join(root, 'bin', 'seglab.js'), ...args], options);
}

export function tempDir(prefix = 'seglab-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The sample config with absolute data paths (so it can live in a temp folder) and quick cluster settings (`cluster` lines, indented). */
export function writeSampleConfig(dir: string, file: string, cluster: string): string {
  const sample = join(root, 'data', 'sample');
  const path = join(dir, file);
  writeFileSync(
    path,
    `name: sample
asOf: 2026-07-01
seed: 42
data:
  customers: { path: ${join(sample, 'customers.csv.gz')}, keepUnmapped: true }
  transactions: { path: ${join(sample, 'transactions.csv.gz')} }
  events: { path: ${join(sample, 'events.csv.gz')} }
cluster:
  stabilityResamples: 0
${cluster}
report:
  pdf: false
`,
  );
  return path;
}
