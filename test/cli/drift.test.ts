import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/drift/DriftResult';
import { readDriftReport } from '../../src/pipeline/driftReportSchema';
import { seglab, tempDir, writeSampleConfig, type RunResult } from './helpers';

describe('seglab drift <reference-run> <current-run>', () => {
  const out = tempDir('seglab-drift-cli-');
  let q1: RunResult;
  let q2: RunResult;
  beforeAll(async () => {
    const config = writeSampleConfig(out, 'quarter.yaml', '  k: 5');
    q1 = await seglab(['--quiet', 'run', '--config', config, '--as-of', '2026-04-01', '--out', out, '--run-id', 'q1', '--stages', 'features,cluster']);
    q2 = await seglab(['--quiet', 'run', '--config', config, '--out', out, '--run-id', 'q2', '--stages', 'features,cluster']);
  }, 300_000);

  it('prints the comparison as Markdown, as JSON with --format json, and writes both files with --out', async () => {
    expect([q1.code, q2.code], q1.stderr + q2.stderr).toEqual([0, 0]);
    const md = await seglab(['--quiet', 'drift', join(out, 'q1'), join(out, 'q2')]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('# What changed: q1 → q2');
    expect(md.stdout).toContain('## Migration');
    const json = await seglab(['--quiet', 'drift', 'q1', 'q2', '--format', 'json', '--alert-threshold', '0.3'], { cwd: out });
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as DriftReport;
    expect([report.referenceRunId, report.currentRunId, report.alertThreshold]).toEqual(['q1', 'q2', 0.3]);
    expect(report.migration!.totalCurrent).toBe(3000);
    for (const a of report.alerts) expect(Math.abs(a.relativeChange)).toBeGreaterThan(0.3);
    expect(report.alerts.length).toBeGreaterThan(0);
    const folder = join(out, 'drift-out');
    const written = await seglab(['--quiet', 'drift', join(out, 'q1'), join(out, 'q2'), '--out', folder]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout.trim().split('\n')).toEqual([join(folder, 'drift.json'), join(folder, 'drift.md')]);
    const file = readDriftReport(join(folder, 'drift.json'));
    expect([file.currentRunId, file.alertThreshold]).toEqual(['q2', 0.15]);
    expect(file.migration).toEqual(report.migration);
    expect(readFileSync(join(folder, 'drift.md'), 'utf8')).toBe(md.stdout);
  }, 120_000);

  it('bad input is exit 2 naming what and where: a missing folder, a damaged cluster.json, a bad setting', async () => {
    const missing = await seglab(['--quiet', 'drift', join(out, 'q1'), join(out, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(join(out, 'nope'));
    expect(missing.stderr).toContain('manifest.json is missing');
    const cluster = join(out, 'q2', 'cluster.json');
    const good = readFileSync(cluster, 'utf8');
    const damaged = JSON.parse(good) as { segments: { size: unknown }[] };
    damaged.segments[1]!.size = 'big';
    writeFileSync(cluster, JSON.stringify(damaged));
    try {
      const bad = await seglab(['--quiet', 'drift', join(out, 'q1'), join(out, 'q2')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(cluster);
      expect(bad.stderr).toContain('segments[1].size');
    } finally {
      writeFileSync(cluster, good);
    }
    const setting = await seglab(['--quiet', 'drift', join(out, 'q1'), join(out, 'q2'), '--alert-threshold', 'lots']);
    expect(setting.code).toBe(2);
    expect(setting.stderr).toContain('alertThreshold');
    expect(existsSync(join(out, 'drift.json'))).toBe(false);
  }, 120_000);
});
