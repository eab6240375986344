// The clv stage through the CLI (sample): `seglab run` with a clv: section writes clv.csv and clv.json and the
// review's value section; a bad clv: value is exit 2 naming the key before any data is read; `seglab report` on a
// run whose clv.json is damaged is exit 2 naming the file and the field.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root, seglab, tempDir } from './helpers';

/** The sample config with absolute data paths and a clv: section, in a temporary folder. */
function clvConfig(clv = 'clv: {}\n'): string {
  const text = readFileSync(join(root, 'data', 'configs', 'sample.yaml'), 'utf8').replaceAll('../sample/', `${join(root, 'data', 'sample')}/`);
  const path = join(tempDir(), 'sample-clv.yaml');
  writeFileSync(path, text + clv);
  return path;
}

describe('the clv stage through the CLI (sample)', () => {
  let run: string;
  beforeAll(async () => {
    const r = await seglab(['-q', 'run', '--config', clvConfig(), '--out', tempDir(), '--stages', 'features,cluster,clv,report', '--set', 'cluster.k=5', '--set', 'cluster.stabilityResamples=0', '--set', 'report.pdf=false']);
    expect(r.code, r.stderr).toBe(0);
    run = r.stdout.trim();
  }, 300_000);

  it('writes clv.csv, clv.json and the value section', () => {
    expect(readFileSync(join(run, 'clv.csv'), 'utf8').split('\n')[0]).toBe('customer_id,clv,expected_purchases,p_alive,frequency,recency,T,monetary_value');
    expect(JSON.parse(readFileSync(join(run, 'clv.json'), 'utf8')).model).toBe('bg-nbd');
    expect(readFileSync(join(run, 'report.html'), 'utf8')).toContain('id="value"');
  });

  it('a bad clv: value is exit 2 naming the key and what it takes', async () => {
    const r = await seglab(['run', '--config', clvConfig(), '--out', tempDir(), '--set', 'clv.model=bgnbd']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/clv\.model/);
    expect(r.stderr).toMatch(/bg-nbd/);
  }, 60_000);

  it('seglab report on a run whose clv.json is damaged is exit 2 naming the file and the field', async () => {
    const copy = join(tempDir(), 'copy');
    cpSync(run, copy, { recursive: true });
    const j = JSON.parse(readFileSync(join(copy, 'clv.json'), 'utf8'));
    j.highValue.leavingBelow = 'half';
    writeFileSync(join(copy, 'clv.json'), JSON.stringify(j));
    const r = await seglab(['report', copy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/clv\.json, field highValue\.leavingBelow/);
  }, 120_000);
});
