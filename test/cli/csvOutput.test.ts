import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/pipeline/Manifest';
import { smallBundle } from '../rules/fixtures';
import { seglab, tempDir } from './helpers';

/** A canonical folder whose customer ids a spreadsheet would run as formulas. */
function hostileFolder(): string {
  const dir = tempDir();
  const ids = ['=1+1', '-cmd', '@SUM(A1)', '+y', 'C1', '-42'];
  const lines = ['customer_id,ts,amount'];
  ids.forEach((id, i) => {
    lines.push(`"${id}",2026-0${1 + i}-10,${10 + i}`);
    lines.push(`"${id}",2026-06-2${i},${i % 2 ? -(30 + i) : 5}`);
  });
  writeFileSync(join(dir, 'transactions.csv'), lines.join('\n') + '\n');
  return dir;
}

describe('CSV written by the CLI is guarded against formula injection; --csv-raw opts out', () => {
  let data: string;
  beforeAll(() => {
    data = hostileFolder();
  });

  it('features --out x.csv guards ids, keeps negative numbers; --csv-raw writes them as they are', async () => {
    const guarded = join(data, 'f.csv');
    const raw = join(data, 'raw.csv');
    const a = await seglab(['features', data, '--as-of', '2026-07-01', '--out', guarded]);
    const b = await seglab(['features', data, '--as-of', '2026-07-01', '--out', raw, '--csv-raw']);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const g = readFileSync(guarded, 'utf8');
    const r = readFileSync(raw, 'utf8');
    for (const id of ['=1+1', '-cmd', '@SUM(A1)', '+y']) {
      expect(g).toContain(`\n"'${id}",`);
      expect(r).toContain(`\n${id},`);
    }
    expect(g).toContain('\n-42,');
    // Net spend after a return is negative: a number, written as one in both files.
    expect(g).toMatch(/\n"'-cmd",\d+,\d+,-20,-20,/);
    expect(g.split('\n').length).toBe(r.split('\n').length);
  }, 120_000);

  it('score guards ids in both engines identically, and --csv-raw does not', async () => {
    const bundle = join(data, 'segments.v1.json');
    writeFileSync(bundle, JSON.stringify(smallBundle()));
    const input = join(data, 'input.csv');
    writeFileSync(input, 'customer_id,recency_days,city\n"=HYPERLINK(""http://x"")",3,Paris\n-cmd,40,Lyon\nC2,-5,"-Paris"\n');
    const out = (name: string) => join(data, name);
    for (const engine of ['columnar', 'duckdb']) {
      expect((await seglab(['score', '--rules', bundle, '--input', input, '--out', out(`${engine}.csv`), '--engine', engine])).code).toBe(0);
      expect((await seglab(['score', '--rules', bundle, '--input', input, '--out', out(`${engine}-raw.csv`), '--engine', engine, '--csv-raw'])).code).toBe(0);
    }
    const guarded = readFileSync(out('columnar.csv'), 'utf8');
    expect(readFileSync(out('duckdb.csv'), 'utf8')).toBe(guarded);
    expect(guarded).toBe(`customer_id,segment\n"'-cmd",-1\n"'=HYPERLINK(""http://x"")",0\nC2,0\n`);
    const raw = readFileSync(out('columnar-raw.csv'), 'utf8');
    expect(readFileSync(out('duckdb-raw.csv'), 'utf8')).toBe(raw);
    expect(raw).toBe(`customer_id,segment\n-cmd,-1\n"=HYPERLINK(""http://x"")",0\nC2,0\n`);
  }, 120_000);

  it('run --csv-raw records output.csvFormulaGuard: false in the manifest and writes raw CSV', async () => {
    const config = join(data, 'c.yaml');
    writeFileSync(config, `name: hostile\nasOf: 2026-07-01\ndata:\n  transactions: { path: ${join(data, 'transactions.csv')} }\n`);
    const r = await seglab(['-q', 'run', '--config', config, '--out', join(data, 'runs'), '--stages', 'features', '--csv-raw']);
    expect(r.code, r.stderr).toBe(0);
    const dir = r.stdout.trim();
    expect((JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest).config.output.csvFormulaGuard).toBe(false);
    expect(readFileSync(join(dir, 'features.csv'), 'utf8')).toContain('\n=1+1,');
  }, 120_000);
});
