import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/pipeline/Manifest';
import { root, seglab, tempDir } from './helpers';

/** The sample with k fixed, no bootstrap and no PDF: a whole run (report included) in a few seconds. */
function fastConfig(dir: string): string {
  const path = join(dir, 'fast.yaml');
  const sample = join(root, 'data', 'sample');
  writeFileSync(
    path,
    [
      'name: fast',
      'asOf: 2026-07-01',
      'data:',
      `  customers: { path: ${join(sample, 'customers.csv.gz')}, keepUnmapped: true }`,
      `  transactions: { path: ${join(sample, 'transactions.csv.gz')} }`,
      `  events: { path: ${join(sample, 'events.csv.gz')} }`,
      'cluster: { k: 5, stabilityResamples: 0 }',
      'report: { pdf: false }',
      '',
    ].join('\n'),
  );
  return path;
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

describe('run ids cannot leave the output folder', () => {
  it('--run-id ../../escaped and an absolute --run-id exit 2 naming the allowed characters; nothing is written', async () => {
    const base = tempDir();
    const out = join(base, 'a', 'b', 'reports');
    const config = fastConfig(base);
    for (const id of ['../../escaped', join(base, 'absolute')]) {
      const r = await seglab(['run', '--config', config, '--out', out, '--run-id', id, '--stages', 'profile']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/Invalid run id \(--run-id\): got ".*", expected 1 to 128 letters, digits, '\.', '_' or '-'/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(base).sort()).toEqual(['fast.yaml']);
  }, 60_000);
});

describe('durability: killed and concurrent runs', () => {
  let base: string;
  let config: string;
  beforeAll(() => {
    base = tempDir();
    config = fastConfig(base);
  });

  it('after kill -9 mid-run, the next run removes the dead run\'s work folder and says so; a live run\'s folder stays', async () => {
    const out = join(base, 'killed');
    mkdirSync(out);
    const child = spawn(process.execPath, [join(root, 'bin', 'seglab.js'), 'run', '--config', config, '--out', out], { stdio: 'ignore' });
    // Wait until the run is computing features (data loaded, run folder reserved), then kill without warning.
    let work: string | undefined;
    for (let i = 0; i < 1500 && !work; i++) {
      await new Promise((r) => setTimeout(r, 10));
      work = readdirSync(out).find((f) => f.startsWith('.fast.') && f.endsWith('.tmp') && existsSync(join(out, f, 'features.sql')));
    }
    expect(work, 'the run never created its work folder').toBeDefined();
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(readdirSync(out)).toContain(work);
    const reserved = readdirSync(out).find((f) => !f.startsWith('.') && existsSync(join(out, f, '.seglab-reserved')));
    // A work folder of a live process (this test's) must survive the clean-up.
    const live = `.other.${process.pid}.${Date.now()}.tmp`;
    mkdirSync(join(out, live));

    const r = await seglab(['run', '--config', config, '--out', out, '--stages', 'profile']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`removed the work folder ${work!.replace(/\./g, '\\.')} left by process ${child.pid}, which is gone \\(\\d`));
    const left = readdirSync(out);
    expect(left).not.toContain(work);
    expect(left).toContain(live);
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([live]);
    // The empty folder the killed run had reserved is gone too; the new run has its own.
    expect(reserved, 'the killed run had reserved its folder').toBeDefined();
    expect(r.stderr).toMatch(new RegExp(`removed the reserved run folder ${reserved} left by process ${child.pid}`));
    expect(left.filter((f) => !f.startsWith('.')).sort()).toEqual(['LATEST', r.stdout.trim().slice(out.length + 1)].sort());
    const removed = manifestOf(r.stdout.trim()).removedStale!;
    expect(removed).toHaveLength(2);
    expect(removed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ folder: work, kind: 'work folder', pid: child.pid }),
        expect.objectContaining({ folder: reserved, kind: 'reserved run folder', pid: child.pid }),
      ]),
    );
  }, 120_000);

  it('two runs of the same config at once get two folders, each with its own run id in manifest and report', async () => {
    const out = join(base, 'concurrent');
    const [a, b] = await Promise.all([seglab(['-q', 'run', '--config', config, '--out', out]), seglab(['-q', 'run', '--config', config, '--out', out])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const dirs = [a.stdout.trim(), b.stdout.trim()];
    expect(new Set(dirs).size).toBe(2);
    const names = dirs.map((d) => d.slice(out.length + 1)).sort();
    expect(names[1]).toBe(`${names[0]}-2`);
    for (const dir of dirs) {
      const id = dir.slice(out.length + 1);
      const m = manifestOf(dir);
      expect(m.runId).toBe(id);
      const other = names.find((n) => n !== id)!;
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html).toContain(id);
      // "fast-…-2" contains "fast-…": only the -2 run may mention the shorter id, as part of its own.
      expect(html.split(other).length - 1).toBe(other.length > id.length ? 0 : html.split(id).length - 1);
    }
    expect(readdirSync(out).sort()).toEqual(['LATEST', ...names]);
  }, 180_000);

  it('the manifest records a config hash: the same config gives the same hash, another config another', async () => {
    const out = join(base, 'concurrent');
    const [x, y] = readdirSync(out).filter((f) => f !== 'LATEST').map((f) => manifestOf(join(out, f)));
    expect(x!.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(y!.configHash).toBe(x!.configHash);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(JSON.stringify(x!.config)).digest('hex')).toBe(x!.configHash);
    const r = await seglab(['-q', 'run', '--config', config, '--out', join(base, 'other'), '--stages', 'profile']);
    expect(r.code, r.stderr).toBe(0);
    expect(manifestOf(r.stdout.trim()).configHash).not.toBe(x!.configHash);
    // The run id's hash part comes from the config too, so its 8 characters differ from the manifest's full hash only by what else it covers.
    expect(x!.runId).toMatch(/^fast-20260701-[0-9a-f]{8}(-2)?$/);
  }, 120_000);
});
