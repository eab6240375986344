import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterResult } from '../../src/cluster/summary/ClusterResult';
import type { Manifest } from '../../src/pipeline/Manifest';
import { seglab, tempDir, writeSampleConfig, type RunResult } from './helpers';

describe('--previous on seglab run and seglab report (issue 19)', () => {
  const out = tempDir('seglab-previous-');
  const config = writeSampleConfig(out, 'quarter.yaml', '  k: 5');
  let q1: RunResult;
  beforeAll(async () => {
    q1 = await seglab(['--quiet', 'run', '--config', config, '--as-of', '2026-04-01', '--out', out, '--run-id', 'q1', '--stages', 'features,cluster,report']);
  }, 300_000);

  it('seglab run --previous keeps the earlier run\'s segment ids: cluster.previous in the validated config, resolved from the current folder', async () => {
    expect(q1.code, q1.stderr).toBe(0);
    // Relative to where the command runs, not to the config file.
    const q2 = await seglab(['--quiet', 'run', '--config', config, '--out', out, '--run-id', 'q2', '--previous', 'q1'], { cwd: out });
    expect(q2.code, q2.stderr).toBe(0);
    const dir = q2.stdout.trim();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.config.cluster.previous).toBe(join(out, 'q1'));
    expect(manifest.config.cluster.matchMaxDistance).toBe(1);
    const cluster = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as ClusterResult;
    expect(cluster.matching!.previousRun).toBe(join(out, 'q1', 'cluster.json'));
    expect(cluster.matching!.matches.length).toBeGreaterThan(0);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('Compared with run q1');
    expect(md).toContain('so a segment keeps its number');
  }, 300_000);

  it('a --previous that is not a clustered run exits 2 before loading anything, and writes no run folder', async () => {
    const before = readdirSync(out).sort();
    const r = await seglab(['run', '--config', config, '--out', out, '--previous', join(out, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--previous does not point to a clustered run[\s\S]*no cluster\.json in/);
    expect(r.stderr).not.toMatch(/load customers/);
    expect(readdirSync(out).sort()).toEqual(before);
  });

  it('seglab report --previous refuses a run clustered on other features (exit 2, what differs)', async () => {
    const other = writeSampleConfig(out, 'other.yaml', '  k: 3\n  features: [recency_days, orders_365d]');
    const r1 = await seglab(['--quiet', 'run', '--config', other, '--as-of', '2026-04-01', '--out', out, '--run-id', 'other', '--stages', 'features,cluster']);
    expect(r1.code, r1.stderr).toBe(0);
    const r = await seglab(['report', join(out, 'q1'), '--previous', join(out, 'other'), '--no-pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/report\.previous: the previous run was clustered on other features[\s\S]*only in this run: orders_90d, monetary_avg/);
    expect(existsSync(join(out, 'q1', 'report.html'))).toBe(true); // the earlier review is left as it was
  }, 300_000);
});
