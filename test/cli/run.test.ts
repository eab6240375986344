import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/pipeline/Manifest';
import { chromiumPath } from '../../src/report/exportPdf';
import { root, seglab, shared, tempDir, type RunResult } from './helpers';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('seglab run on the embedded sample (what npm start does)', () => {
  const out = tempDir();
  let first: RunResult;
  beforeAll(async () => {
    first = await seglab(['run', '--config', 'data/configs/sample.yaml', '--out', out]);
  });

  it('exits 0, prints the run folder on stdout and progress on stderr', async () => {
    expect(first.code, first.stderr).toBe(0);
    const dir = first.stdout.trim();
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
    expect(first.stderr).toMatch(/load customers — 3,000 rows/);
    expect(first.stderr).toMatch(/compute features — 3,000 customers × \d+ columns/);
    expect(readFileSync(join(out, 'LATEST'), 'utf8').trim()).toBe(dir.slice(out.length + 1));
  });

  it('writes a manifest with config, input fingerprints, versions, seed, timings and every output', async () => {
    const dir = first.stdout.trim();
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.schemaVersion).toBe(1);
    expect(m.asOf).toBe('2026-07-01');
    expect(m.seed).toBe(42);
    expect(m.config.name).toBe('sample');
    expect(m.inputs.map((i) => i.table)).toEqual(['customers', 'transactions', 'events']);
    for (const input of m.inputs) expect(input.sha256).toBe(sha256(join(root, 'data', 'sample', `${input.table}.csv.gz`)));
    expect(m.inputs[0]!.rows).toBe(3000);
    expect(m.versions.seglab).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    expect(m.versions['@duckdb/node-api']).toBeDefined();
    expect(m.stages.map((s) => s.stage)).toEqual(['load', 'profile', 'features', 'cluster', 'report']);
    const files = m.outputs.map((o) => o.file).sort();
    // report.pdf comes with `pdf: auto` when Chromium is installed (CI installs it).
    const pdf = chromiumPath() ? ['report.pdf'] : [];
    expect(files).toEqual(['assignments.csv', 'cluster.json', 'features.csv', 'features.json', 'features.parquet', 'features.sql', 'load.json', 'personas.json', 'quality.json', 'quality.md', 'report.html', 'report.md', ...pdf].sort());
    for (const o of m.outputs) expect(o.sha256).toBe(sha256(join(dir, o.file)));
    // Nothing but the listed outputs and the manifest; no temporary files left.
    expect(readdirSync(dir).sort()).toEqual([...files, 'manifest.json'].sort());
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('seglab features and seglab profile on the same config write what the stages wrote (they call the same functions)', async () => {
    const dir = first.stdout.trim();
    const tmp = tempDir();
    const f = await seglab(['-q', 'features', '--config', 'data/configs/sample.yaml', '--out', join(tmp, 'f.parquet'), '--sql', join(tmp, 'f.sql')]);
    expect(f.code, f.stderr).toBe(0);
    expect(sha256(join(tmp, 'f.parquet'))).toBe(sha256(join(dir, 'features.parquet')));
    expect(readFileSync(join(tmp, 'f.sql'), 'utf8')).toBe(readFileSync(join(dir, 'features.sql'), 'utf8'));
    const csv = await seglab(['-q', 'features', '--config', 'data/configs/sample.yaml', '--out', join(tmp, 'f.csv')]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(sha256(join(tmp, 'f.csv'))).toBe(sha256(join(dir, 'features.csv')));
    const p = await seglab(['-q', 'profile', '--config', 'data/configs/sample.yaml', '--json', join(tmp, 'quality.json')]);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toBe(readFileSync(join(dir, 'quality.md'), 'utf8'));
    expect(sha256(join(tmp, 'quality.json'))).toBe(sha256(join(dir, 'quality.json')));
  });

  it('the feature table has one row per customer', async () => {
    const dir = first.stdout.trim();
    const csv = readFileSync(join(dir, 'features.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(3001);
    expect(csv[0]!.split(',')).toContain('rfm_segment');
  });

  it('a second run with the same inputs gets its own folder and leaves the first untouched', async () => {
    const dir1 = first.stdout.trim();
    const before = readFileSync(join(dir1, 'manifest.json'), 'utf8');
    const second = await seglab(['run', '--config', 'data/configs/sample.yaml', '--out', out, '-q']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toBe('');
    const dir2 = second.stdout.trim();
    expect(dir2).toBe(`${dir1}-2`);
    expect(readFileSync(join(dir1, 'manifest.json'), 'utf8')).toBe(before);
    // Same inputs and code ⇒ the same feature table, byte for byte.
    expect(sha256(join(dir2, 'features.parquet'))).toBe(sha256(join(dir1, 'features.parquet')));
  });

  it('--stages runs a subset (load always runs) and names the run differently', async () => {
    const r = await seglab(['run', '--config', 'data/configs/sample.yaml', '--out', out, '--stages', 'profile']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).not.toMatch(/-2$/);
    expect(readdirSync(r.stdout.trim())).toContain('quality.json');
    expect(readdirSync(r.stdout.trim())).not.toContain('features.parquet');
    expect((await seglab(['run', '--config', 'data/configs/sample.yaml', '--out', out, '--stages', 'frobnicate'])).code).toBe(2);
  });
});

describe('seglab run on the real datasets through the committed configs', () => {
  const cases = [
    // The cluster stage runs on the two smaller files (the larger ones take a minute each on 2 cores).
    { config: 'online-retail', data: 'online_retail_uci_2010_2011.csv.gz', customers: 4372, skipped: ['engagement', 'demographics'], stages: 'profile,features,cluster' },
    { config: 'cdnow', data: 'CDNOW_master.txt.gz', customers: 23570, skipped: ['engagement', 'demographics'], stages: 'profile,features' },
    { config: 'telco', data: 'Telco-Customer-Churn.csv.gz', customers: 7043, skipped: ['rfm', 'windows'], stages: 'profile,features,cluster' },
    { config: 'bank-marketing', data: 'bank-full.csv.gz', customers: 45211, skipped: ['rfm', 'windows'], stages: 'profile,features' },
  ];
  for (const c of cases) {
    it(`${c.config}: features for ${c.customers.toLocaleString('en-US')} customers, skipped groups said`, async () => {
      const out = tempDir();
      const r = await seglab(['run', '--config', `data/configs/${c.config}.yaml`, '--data', join(shared, c.data), '--out', out, '--stages', c.stages]);
      expect(r.code, r.stderr).toBe(0);
      const meta = JSON.parse(readFileSync(join(r.stdout.trim(), 'features.json'), 'utf8')) as { rowCount: number; skipped: { group: string }[] };
      expect(meta.rowCount).toBe(c.customers);
      if (c.stages.includes('cluster')) {
        const cluster = JSON.parse(readFileSync(join(r.stdout.trim(), 'cluster.json'), 'utf8')) as { labels: number[]; segments: { share: number }[]; notes: string[] };
        expect(cluster.labels.length).toBe(c.customers);
        expect(cluster.segments.length).toBeGreaterThanOrEqual(2);
        for (const s of cluster.segments) expect(s.share).toBeGreaterThanOrEqual(0.03);
        // Which features were used (defaults adapt to the tables present) is said, not silent.
        expect(cluster.notes.join(' ')).toMatch(/cluster.features not set/);
      }
      for (const g of c.skipped) expect(meta.skipped.map((s) => s.group)).toContain(g);
      for (const g of c.skipped) expect(r.stderr).toContain(`skipped ${g}`);
    });
  }
});

describe('bad input exits 2 with a clear message and leaves nothing behind', () => {
  it('a config that uses ${data} without --data', async () => {
    const r = await seglab(['run', '--config', 'data/configs/online-retail.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('variable "data" is not set');
    expect(r.stderr).toContain('--data <path>');
  });

  it('a missing config file, an unknown key, an unknown command', async () => {
    expect((await seglab(['run', '--config', 'nope.yaml'])).code).toBe(2);
    const dir = tempDir();
    writeFileSync(join(dir, 'c.yaml'), 'name: x\nasOf: 2026-13-45\ncolour: blue\ndata:\n  transactions:\n    path: t.csv\n');
    const r = await seglab(['run', '--config', join(dir, 'c.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/field asOf/);
    expect(r.stderr).toMatch(/line 2/);
    expect(r.stderr).toMatch(/colour/);
    expect((await seglab(['frobnicate'])).code).toBe(2);
    expect((await seglab(['synth', '--customers', 'many', '--out', dir])).code).toBe(2);
  });

  it('a data file with a missing column and a ragged row: every problem listed, no run folder', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'transactions.csv'), 'customer_id,ts,price\nc1,2026-01-02,3\nc2,2026-01-03,4,extra\nc3,2026-01-04,5\n');
    writeFileSync(join(dir, 'c.yaml'), 'name: bad\nasOf: 2026-07-01\ndata:\n  transactions:\n    path: transactions.csv\n');
    const out = tempDir();
    const r = await seglab(['run', '--config', join(dir, 'c.yaml'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/amount/);
    expect(r.stderr).toMatch(/line 3/);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('seglab profile, features, synth', () => {
  it('profile <folder> prints the quality profile as Markdown and can write JSON', async () => {
    const dir = tempDir();
    const r = await seglab(['profile', 'data/sample', '--as-of', '2026-07-01', '--json', join(dir, 'p.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('# Data-quality profile');
    expect(r.stdout).toContain('## customers — 3,000 rows');
    expect(JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8')).tables).toHaveLength(3);
  });

  it('features <folder> --as-of writes the table in the format of --out', async () => {
    const dir = tempDir();
    const r = await seglab(['features', 'data/sample', '--as-of', '2026-04-01', '--out', join(dir, 'f.csv'), '--sql', join(dir, 'f.sql')]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'f.csv'), 'utf8').trim().split('\n');
    // Customers who signed up before 2026-04-01 only.
    expect(lines.length - 1).toBeLessThan(3000);
    expect(lines.length - 1).toBeGreaterThan(2000);
    expect(readFileSync(join(dir, 'f.sql'), 'utf8')).toMatch(/TIMESTAMP '2026-04-01/);
    expect((await seglab(['features', 'data/sample', '--out', join(dir, 'f.csv')])).code).toBe(2);
    expect((await seglab(['features', 'data/sample', '--as-of', '2026-04-01', '--out', join(dir, 'f.xlsx')])).code).toBe(2);
  });

  it('synth writes a reproducible data set and its summary', async () => {
    const a = tempDir(), b = tempDir();
    const ra = await seglab(['synth', '--customers', '300', '--seed', '7', '--out', a, '-q']);
    const rb = await seglab(['synth', '--customers', '300', '--seed', '7', '--out', b, '-q']);
    expect(ra.code, ra.stderr).toBe(0);
    expect(JSON.parse(ra.stdout).rowCounts.customers).toBe(300);
    for (const f of ['customers.csv.gz', 'transactions.csv.gz', 'events.csv.gz', 'ground_truth.csv.gz']) {
      expect(sha256(join(a, f))).toBe(sha256(join(b, f)));
    }
    expect(rb.stderr).toBe('');
  });
});
