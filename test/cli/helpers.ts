import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const shared = join(root, '..', 'shared', 'datasets');

/** Run the built CLI (`npm test` builds first) as a user would; returns exit code and both streams. */
export function seglab(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  if (!existsSync(join(root, 'dist', 'cjs', 'cli', 'main.js'))) throw new Error('dist is missing: run `npm run build` (npm test does it first)');
  const r = spawnSync(process.execPath, [join(root, 'bin', 'seglab.js'), ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'seglab-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
