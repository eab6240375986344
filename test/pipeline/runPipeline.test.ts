import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckSession, InputError, quoteLiteral, runConfigSchema, runPipeline, UsageError, type RunConfig, type RunConfigInput, type RunResult } from '../../src';
import { RunWriter } from '../../src/pipeline/RunWriter';
import { HOSTILE_IDS } from '../core/hostileValues';

/**
 * A small data set whose customer ids and cities are hostile: formula starts, CR, LF, quotes, commas,
 * unicode; 30 hostile customers among 150, two orders each (the second a return for some).
 */
async function hostileData(dir: string): Promise<void> {
  const session = await DuckSession.open();
  try {
    const ids = [...HOSTILE_IDS.filter(Boolean), ...HOSTILE_IDS.filter(Boolean).map((id) => `${id}#2`), ...Array.from({ length: 122 }, (_, i) => `K${i}`)];
    await session.run('CREATE TABLE c (customer_id VARCHAR, city VARCHAR, age DOUBLE)');
    await session.run('CREATE TABLE tx (customer_id VARCHAR, ts TIMESTAMP, amount DOUBLE)');
    const c = await session.connection.createAppender('c');
    const tx = await session.connection.createAppender('tx');
    ids.forEach((id, i) => {
      c.appendVarchar(id);
      c.appendVarchar(['Paris', '=HYPERLINK("http://x")', '-Lyon', 'Zoë'][i % 4]!);
      c.appendDouble(20 + (i % 50));
      c.endRow();
      for (const [day, amount] of [[(i * 7) % 300, 10 + (i % 40) * 3], [(i * 13) % 300, i % 3 === 0 ? -(60 + i) : 5 + i]] as const) {
        tx.appendVarchar(id);
        tx.appendVarchar(new Date(Date.UTC(2025, 8, 1) + day * 86_400_000).toISOString().slice(0, 19).replace('T', ' '));
        tx.appendDouble(amount);
        tx.endRow();
      }
    });
    c.closeSync();
    tx.closeSync();
    await session.run(`COPY c TO ${quoteLiteral(join(dir, 'customers.parquet'))} (FORMAT parquet)`);
    await session.run(`COPY tx TO ${quoteLiteral(join(dir, 'transactions.parquet'))} (FORMAT parquet)`);
  } finally {
    session.close();
  }
}

function hostileConfig(extra: Partial<RunConfigInput> = {}): RunConfig {
  return runConfigSchema.parse({
    name: 'hostile',
    asOf: '2026-07-01',
    data: { customers: { path: 'customers.parquet' }, transactions: { path: 'transactions.parquet' } },
    cluster: { k: 2, stabilityResamples: 0, features: ['recency_days', 'monetary_avg', 'frequency'] },
    stages: ['features', 'cluster'],
    ...extra,
  });
}

async function readCsv(path: string, columns: Record<string, string>): Promise<Record<string, unknown>[]> {
  const session = await DuckSession.open();
  try {
    const cols = `{${Object.entries(columns).map(([k, v]) => `${quoteLiteral(k)}: ${quoteLiteral(v)}`).join(', ')}}`;
    return await session.all(`SELECT * FROM read_csv(${quoteLiteral(path)}, header = true, quote = '"', escape = '"', columns = ${cols}, allow_quoted_nulls = false, strict_mode = true)`);
  } finally {
    session.close();
  }
}

describe('CSV files of a run: one writer, hostile ids and values neutralised', () => {
  const data = mkdtempSync(join(tmpdir(), 'seglab-hostile-'));
  let guarded: RunResult;
  let raw: RunResult;
  beforeAll(async () => {
    await hostileData(data);
    guarded = await runPipeline(hostileConfig(), { baseDir: data, outDir: join(data, 'out') });
    raw = await runPipeline(hostileConfig({ output: { csvFormulaGuard: false } }), { baseDir: data, outDir: join(data, 'out') });
  }, 120_000);

  it('assignments.csv: one record per customer, CR / LF quoted, formula starts guarded', async () => {
    const text = readFileSync(join(guarded.dir, 'assignments.csv'), 'utf8');
    expect(text).toContain('\n"a\rb",');
    expect(text).toContain(`\n"'=1+1",`);
    expect(text).toContain(`\n"'\ry",`);
    expect(text).toContain(`\n"'-cmd",`);
    expect(text).toContain('\n-42,');
    const rows = await readCsv(join(guarded.dir, 'assignments.csv'), { customer_id: 'VARCHAR', segment: 'INTEGER' });
    expect(rows.length).toBe(150);
    const ids = rows.map((r) => String(r.customer_id));
    // The guard is a leading quote: strip it and the ids are the loaded ones.
    expect(ids.map((id) => id.replace(/^'(?=[=+\-@\t\r])/, ''))).toEqual(guarded.results.clusterInput!.ids);
  });

  it('features.csv: text cells guarded, negative numbers in numeric columns unchanged', async () => {
    const text = readFileSync(join(guarded.dir, 'features.csv'), 'utf8');
    const header = text.slice(0, text.indexOf('\n')).split(',');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(`"'-Lyon"`);
    expect(text).not.toMatch(/(^|,)=|,-Lyon/m);
    const session = await DuckSession.open();
    try {
      // Every numeric value DuckDB holds is in the file as a plain number, negatives included.
      await session.run(`CREATE TABLE f AS SELECT * FROM read_parquet(${quoteLiteral(join(guarded.dir, 'features.parquet'))})`);
      const negative = await session.all(`SELECT customer_id, monetary_total FROM f WHERE monetary_total < 0 ORDER BY customer_id LIMIT 3`);
      expect(negative.length).toBeGreaterThan(0);
      const rows = await readCsv(join(guarded.dir, 'features.csv'), Object.fromEntries(header.map((h) => [h, 'VARCHAR'])));
      expect(rows.length).toBe(150);
      for (const n of negative) {
        const row = rows.find((r) => String(r.customer_id).replace(/^'/, '') === n.customer_id)!;
        expect(row.monetary_total).toBe(String(n.monetary_total));
        expect(String(row.monetary_total)).toMatch(/^-\d/);
      }
    } finally {
      session.close();
    }
  });

  it('output.csvFormulaGuard: false writes every CSV cell as it is (still RFC 4180 quoted)', () => {
    const assignments = readFileSync(join(raw.dir, 'assignments.csv'), 'utf8');
    expect(assignments).toContain('\n=1+1,');
    expect(assignments).toContain('\n"\ry",');
    expect(assignments).not.toContain("'=");
    expect(readFileSync(join(raw.dir, 'features.csv'), 'utf8')).toContain(',"=HYPERLINK(""http://x"")"\n');
    expect(raw.manifest.config.output.csvFormulaGuard).toBe(false);
    expect(guarded.manifest.config.output.csvFormulaGuard).toBe(true);
  });
});

describe('run ids and output paths stay inside the output folder', () => {
  const data = mkdtempSync(join(tmpdir(), 'seglab-runid-'));
  beforeAll(async () => {
    await hostileData(data);
  }, 60_000);
  const config = () => hostileConfig({ stages: ['profile'] });

  it.each(['../../escaped', '../sibling', '/tmp/absolute', 'a/b', 'a\\b', '..', '.', '.hidden', '', 'x'.repeat(129), 'tab\tname'])('refuses run id %j before writing anything (UsageError, the allowed characters named)', async (runId) => {
    const out = join(data, `out-${Math.random().toString(36).slice(2)}`);
    const before = readdirSync(data).sort();
    const err = await runPipeline(config(), { baseDir: data, outDir: out, runId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/Invalid run id \(--run-id\).*letters, digits, '\.', '_' or '-', starting with a letter or digit/);
    expect(readdirSync(data).sort()).toEqual(before);
  });

  it('a valid run id names the folder directly inside the output folder', async () => {
    const out = join(data, 'out-valid');
    const r = await runPipeline(config(), { baseDir: data, outDir: out, runId: 'Q2.final_v-1' });
    expect(r.dir).toBe(join(out, 'Q2.final_v-1'));
    expect(r.manifest.runId).toBe('Q2.final_v-1');
  });

  it('a config name that is a path (.., hidden) is refused by the schema and by runPipeline', async () => {
    for (const name of ['..', '.', '.x', '../x']) {
      expect(() => runConfigSchema.parse({ name, asOf: '2026-07-01', data: { transactions: { path: 'x' } } })).toThrow(/starting with a letter or digit/);
      const err = await runPipeline({ ...config(), name }, { baseDir: data, outDir: join(data, 'out-name') }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
    }
    expect(existsSync(join(data, 'out-name'))).toBe(false);
  });

  it('an output folder that is a file is an InputError naming output.dir, not a crash', async () => {
    writeFileSync(join(data, 'a-file'), 'x');
    const err = await runPipeline(hostileConfig({ stages: ['profile'], output: { dir: join(data, 'a-file', 'reports') } }), { baseDir: data }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems[0]).toMatchObject({ check: 'output-folder', location: { field: 'output.dir' } });
    expect((err as Error).message).toMatch(/is a file, not a folder/);
  });

  it('RunWriter never writes outside its folder', () => {
    const w = new RunWriter(join(data, 'w'));
    expect(() => w.path('../x.json')).toThrow(/not inside the run folder/);
    expect(() => w.path('/etc/x')).toThrow(/not inside the run folder/);
    expect(w.path('rules/a.json')).toBe(join(data, 'w', 'rules', 'a.json'));
  });
});
