import Ajv from 'ajv';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuleBundle } from '../../src/rules/RuleBundle';
import { SQL_DIALECTS } from '../../src/rules/sql/SqlDialect';
import { bundleToSql } from '../../src/rules/sql/bundleToSql';
import { compileBundle } from '../../src/rules/compileBundle';
import { readBundle } from '../../src/pipeline/scoreWithBundle';
import { DuckSession } from '../../src/data/DuckSession';
import { SKIP_POSTGRES, startPostgres } from '../rules/sql/postgres';
import { DATASETS } from '../data/helpers';
import { root, seglab, tempDir } from './helpers';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const bundleAt = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as RuleBundle;

describe('seglab export / score / diff-rules on the sample run', () => {
  let run: string;
  beforeAll(async () => {
    const r = await seglab(['-q', 'run', '--config', 'data/configs/sample.yaml', '--out', tempDir(), '--stages', 'features,cluster,report']);
    expect(r.code, r.stderr).toBe(0);
    run = r.stdout.trim();
  }, 300_000);

  it('exports segments.v1.json (validated) and one SQL file per dialect; the bundle matches the published schema', async () => {
    const r = await seglab(['export', run]);
    expect(r.code, r.stderr).toBe(0);
    const v1 = join(run, 'rules', 'segments.v1.json');
    expect(r.stdout.split('\n')[0]).toBe(v1);
    const b = bundleAt(v1);
    expect(b.validation.status).toBe('validated');
    expect(b.validation.checks.find((c) => c.name === 'fidelity')!.value!).toBeGreaterThanOrEqual(0.9);
    expect(b.segments.length).toBeGreaterThanOrEqual(4);
    // Field definitions carry the feature SQL, so production computes the same numbers.
    for (const f of b.fields) expect(f.sql).toMatch(/SELECT/);
    for (const d of SQL_DIALECTS) expect(readFileSync(join(run, 'rules', `segments.v1.${d}.sql`), 'utf8')).toMatch(/CASE\s+WHEN/);
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'schemas', 'segment-bundle.schema.json'), 'utf8')));
    expect(validate(b), JSON.stringify(validate.errors)).toBe(true);
    expect(r.stderr).toMatch(/pass fidelity/);
    // Each rule's size next to its cluster's, in the fidelity file and the summary (858 vs 765 Champions once went unseen).
    const cluster = JSON.parse(readFileSync(join(run, 'cluster.json'), 'utf8')) as { rows: number; segments: { id: number; size: number }[] };
    const fidelity = JSON.parse(readFileSync(join(run, 'rules', 'segments.v1.fidelity.json'), 'utf8')) as {
      customers: number;
      segments: { id: number; names: { en: string; fr: string }; cluster: { customers: number; share: number }; rules: { customers: number; share: number } | null; holdout: { precision: number; recall: number } | null }[];
      unmatched: { customers: number };
    };
    expect(fidelity.customers).toBe(cluster.rows);
    expect(fidelity.segments.map((s) => [s.id, s.cluster.customers])).toEqual(cluster.segments.map((s) => [s.id, s.size]).sort((x, y) => x[0]! - y[0]!));
    const ruleSizes = new Map(b.validation.checks.filter((c) => c.name.startsWith('min-size:')).map((c) => [Number(c.name.split(':')[1]), c.value]));
    for (const s of fidelity.segments) expect(s.rules?.customers).toBe(ruleSizes.get(s.id));
    expect(fidelity.segments.reduce((a, s) => a + (s.rules?.customers ?? 0), 0) + fidelity.unmatched.customers).toBe(cluster.rows);
    expect(r.stderr).toMatch(/segment +cluster +rules +precision +recall\n +0 .+ +[\d,]+ +[\d,]+ +\d\.\d\d +\d\.\d\d\n/);
  }, 120_000);

  it('never overwrites a version; a failed check makes a draft with its reason', async () => {
    const v1 = join(run, 'rules', 'segments.v1.json');
    const before = sha(v1);
    const r = await seglab(['-q', 'export', run, '--min-fidelity', '0.999']);
    expect(r.code, r.stderr).toBe(0);
    const v2 = bundleAt(join(run, 'rules', 'segments.v2.json'));
    expect(v2.bundleVersion).toBe(2);
    expect(v2.validation.status).toBe('draft');
    expect(v2.validation.reasons[0]).toMatch(/need 99\.9%/);
    expect(sha(v1)).toBe(before);
    const d = await seglab(['diff-rules', v1, join(run, 'rules', 'segments.v2.json')]);
    expect(d.code, d.stderr).toBe(0); // same rules, only the gate's verdict differs: like diff, exit 0
    expect(d.stdout).toMatch(/segments v1 \(validated, .*\) → segments v2 \(draft/);
  }, 120_000);

  it('scores in process and in DuckDB with the same result, and the sizes the gate saw', async () => {
    const bundle = join(run, 'rules', 'segments.v1.json');
    const input = join(run, 'features.parquet');
    const outA = join(tempDir(), 'a.csv');
    const outB = join(tempDir(), 'b.csv');
    const a = await seglab(['score', '--rules', bundle, '--input', input, '--out', outA]);
    const b = await seglab(['score', '--rules', bundle, '--input', input, '--out', outB, '--engine', 'duckdb']);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(readFileSync(outA, 'utf8')).toBe(readFileSync(outB, 'utf8'));
    const rows = readFileSync(outA, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('customer_id,segment');
    expect(rows.length).toBe(3001);
    const sizes = new Map<number, number>();
    for (const line of rows.slice(1)) {
      const s = Number(line.split(',')[1]);
      sizes.set(s, (sizes.get(s) ?? 0) + 1);
    }
    for (const c of bundleAt(bundle).validation.checks.filter((x) => x.name.startsWith('min-size:'))) expect(sizes.get(Number(c.name.split(':')[1]))).toBe(c.value);
  }, 120_000);

  it('refuses a bundle edited after export (exit 2)', async () => {
    const b = bundleAt(join(run, 'rules', 'segments.v1.json'));
    const edited = join(tempDir(), 'edited.json');
    writeFileSync(edited, JSON.stringify({ ...b, segments: b.segments.slice(1) }));
    const r = await seglab(['score', '--rules', edited, '--input', join(run, 'features.parquet'), '--out', join(tempDir(), 'x.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/changed after export/);
  });

  it('hand-written business rules and lead scoring go through the same gate and export', async () => {
    const seg = await seglab(['-q', 'export', run, '--from', 'data/rules/business.yaml']);
    expect(seg.code, seg.stderr).toBe(0);
    const business = bundleAt(join(run, 'rules', 'business-segments.v1.json'));
    expect(business.segments.map((s) => s.names.en)).toEqual(['VIP', 'Inactive 90+ days', 'Cart abandoners', 'RFM champions and loyal']);
    // "Everyone else" is a named catch-all: every customer gets a segment, so the default --min-coverage 1 holds.
    expect(business.validation.status).toBe('validated');
    expect(business.validation.checks.find((c) => c.name === 'coverage')!.message).toMatch(/^every customer gets a segment: \d+\.\d% by a rule, \d+\.\d% by the catch-all "Everyone else"$/);
    const lead = await seglab(['-q', 'export', run, '--from', 'data/rules/lead-scoring.yaml']);
    expect(lead.code, lead.stderr).toBe(0);
    // A score bundle has neither segments nor a fallback: its coverage check says so in its own words.
    const leadCoverage = bundleAt(join(run, 'rules', 'lead-scoring.v1.json')).validation.checks.find((c) => c.name === 'coverage')!;
    expect(leadCoverage).toMatchObject({ passed: true });
    expect(leadCoverage.message).toMatch(/^every customer gets a score: .* the others get the base score 0$/);
    const out = join(tempDir(), 'lead.csv');
    const s = await seglab(['score', '--rules', join(run, 'rules', 'lead-scoring.v1.json'), '--input', join(run, 'features.parquet'), '--out', out]);
    expect(s.code, s.stderr).toBe(0);
    const scores = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    expect(new Set(scores).size).toBeGreaterThan(3);
    for (const v of scores) expect(v).toBeGreaterThanOrEqual(-20);
    expect(Math.max(...scores)).toBeLessThanOrEqual(30);
    const bad = join(tempDir(), 'bad.yaml');
    writeFileSync(bad, 'kind: segments\nname: bad\nsegments:\n  - { id: 1, name: x, condition: { ">": [ { var: no_such_field }, 1 ] } }\nfallback: { id: 0, name: rest }\n');
    const r = await seglab(['export', run, '--from', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown field "no_such_field"/);
    expect(readdirSync(join(run, 'rules')).some((f) => f.startsWith('bad'))).toBe(false);
    // A rule that can match nobody is refused with its path, never shipped.
    const empty = join(tempDir(), 'empty.yaml');
    writeFileSync(empty, 'kind: segments\nname: empty\nsegments:\n  - { id: 1, name: x, condition: { and: [ { ">": [ { var: recency_days }, 200 ] }, { "<=": [ { var: recency_days }, 200 ] } ] } }\nfallback: { id: 0, name: rest }\n');
    const e = await seglab(['export', run, '--from', empty]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/segments\[0\]\.condition can match nobody: recency_days > 200 and recency_days ≤ 200/);
    expect(readdirSync(join(run, 'rules')).some((f) => f.startsWith('empty'))).toBe(false);
  }, 120_000);

  it('lead scoring: a customer who was never active gets the inactivity penalty in the evaluator, the typed-array scorer and SQL on DuckDB and PostgreSQL', async () => {
    const r = await seglab(['-q', 'export', run, '--from', 'data/rules/lead-scoring.yaml']);
    expect(r.code, r.stderr).toBe(0);
    const path = r.stdout.split('\n')[0]!;
    const bundle = readBundle(path);
    // days_since_last_session and recency_days are days: a missing value reads as "never", longer than 90 days.
    const customers = [
      { customer_id: 'never', orders_90d: 0, sessions_90d: 0, email_open_rate: null, days_since_last_session: null, recency_days: null },
      { customer_id: 'lapsed', orders_90d: 0, sessions_90d: 0, email_open_rate: null, days_since_last_session: 120, recency_days: 200 },
      { customer_id: 'browsing', orders_90d: 0, sessions_90d: 2, email_open_rate: 0.1, days_since_last_session: 3, recency_days: null },
      { customer_id: 'buying', orders_90d: 1, sessions_90d: 0, email_open_rate: null, days_since_last_session: null, recency_days: 10 },
    ];
    const want = [-20, -20, 5, 10];
    const evaluator = compileBundle(bundle);
    expect(customers.map((c) => evaluator.score(c))).toEqual(want);
    const csv = join(tempDir(), 'customers.csv');
    const cols = Object.keys(customers[0]!);
    writeFileSync(csv, [cols.join(','), ...customers.map((c) => cols.map((k) => (c as Record<string, unknown>)[k] ?? '').join(','))].join('\n') + '\n');
    for (const engine of ['columnar', 'duckdb']) {
      const out = join(tempDir(), `${engine}.csv`);
      const s = await seglab(['score', '--rules', path, '--input', csv, '--out', out, '--engine', engine]);
      expect(s.code, s.stderr).toBe(0);
      const scores = new Map(readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).map(([id, v]) => [id, Number(v)]));
      expect(customers.map((c) => scores.get(c.customer_id)), engine).toEqual(want);
    }
    if (!SKIP_POSTGRES) {
      const client = await startPostgres();
      try {
        await client.query('DROP TABLE IF EXISTS pg_temp.features; CREATE TEMP TABLE features (customer_id text, orders_90d float8, sessions_90d float8, email_open_rate float8, days_since_last_session float8, recency_days float8)');
        for (const c of customers) await client.query('INSERT INTO features VALUES ($1, $2, $3, $4, $5, $6)', cols.map((k) => (c as Record<string, unknown>)[k]));
        const rows = (await client.query(bundleToSql(bundle, 'postgres').replace(/;\n$/, ' ORDER BY 1'))).rows as { customer_id: string; score: string }[];
        const byId = new Map(rows.map((row) => [row.customer_id, Number(row.score)]));
        expect(customers.map((c) => byId.get(c.customer_id))).toEqual(want);
      } finally {
        await client.end();
      }
    }
    // On the sample: every customer with no session and no order in the last 90 days is penalised (there were 334 at 0).
    const out = join(tempDir(), 'lead.csv');
    expect((await seglab(['score', '--rules', path, '--input', join(run, 'features.parquet'), '--out', out])).code).toBe(0);
    const scored = new Map(readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).map(([id, v]) => [id, Number(v)]));
    const session = await DuckSession.open({ threads: 1 });
    try {
      const idle = await session.all(`SELECT customer_id FROM read_parquet('${join(run, 'features.parquet')}') WHERE COALESCE(orders_90d, 0) = 0 AND (days_since_last_session IS NULL OR days_since_last_session >= 90)`);
      expect(idle.length).toBeGreaterThan(300);
      for (const row of idle) expect(scored.get(String(row.customer_id)), String(row.customer_id)).toBeLessThanOrEqual(-15);
    } finally {
      session.close();
    }
  }, 120_000);

  it('names every segment in both languages, whatever language the last report was in', async () => {
    const before = bundleAt(join(run, 'rules', 'segments.v1.json'));
    const french = await seglab(['-q', 'report', run, '--locale', 'fr', '--no-pdf']);
    expect(french.code, french.stderr).toBe(0);
    // The French personas (personas.fr.json once the report writes editions side by side, personas.json until then).
    const frFile = existsSync(join(run, 'personas.fr.json')) ? 'personas.fr.json' : 'personas.json';
    const personas = JSON.parse(readFileSync(join(run, frFile), 'utf8')) as { locale: string; segments: { id: number; name: string; suppressed: boolean }[] };
    expect(personas.locale).toBe('fr');
    const r = await seglab(['-q', 'export', run]);
    expect(r.code, r.stderr).toBe(0);
    const after = bundleAt(r.stdout.split('\n')[0]!);
    expect(after.schemaVersion).toBe(2);
    // Stable ids, English names as before the French report, French names from the French personas.
    expect(after.segments.map((s) => [s.id, s.names.en])).toEqual(before.segments.map((s) => [s.id, s.names.en]));
    for (const s of after.segments) {
      const fr = personas.segments.find((p) => p.id === s.id)!;
      expect(s.names.fr).toBe(fr.name);
    }
    expect(after.segments.some((s) => s.names.fr !== s.names.en)).toBe(true);
    expect(after.fallback!.names).toEqual(after.segments.find((s) => s.id === after.fallback!.id)!.names);
    const back = await seglab(['-q', 'report', run, '--no-pdf']); // the English edition again for the other tests
    expect(back.code, back.stderr).toBe(0);
  }, 180_000);

  it('diff-rules: exit 1 when bundles differ, conditions in words, customers who would move; refuses bundles of different kinds', async () => {
    const v1 = join(run, 'rules', 'segments.v1.json');
    const deeper = await seglab(['-q', 'export', run, '--max-depth', '2']);
    expect(deeper.code, deeper.stderr).toBe(0);
    const other = deeper.stdout.split('\n')[0]!;
    const d = await seglab(['diff-rules', v1, other, '--input', join(run, 'features.parquet')]);
    expect(d.code, d.stderr).toBe(1);
    expect(d.stdout).toMatch(/condition\n    was .* (≤|>|≥|<) /);
    expect(d.stdout).not.toContain('{"var"');
    expect(d.stdout).toMatch(/customers in .*features\.parquet: [\d,]+ of 3,000 would move\n    \d+ ".+" → \d+ ".+": [\d,]+/);
    const same = await seglab(['diff-rules', v1, v1, '--input', join(run, 'features.parquet')]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/no change in segments.*\ncustomers in .*: none of 3,000 would move/);
    const lead = join(run, 'rules', 'lead-scoring.v1.json');
    const kinds = await seglab(['diff-rules', v1, lead]);
    expect(kinds.code).toBe(2);
    expect(kinds.stderr).toMatch(/Cannot compare a segments bundle .* with a score bundle/);
  }, 120_000);
});


// Real data (../shared/datasets): Telco's default run once gave 11 segments, 3 of them (about 20% of the
// customers) without any rule, and every check passed. Whatever k the clustering chooses, every segment now
// has a rule or a failed check that names it, and sizes and coverage count customers by the first rule they match.
describe.skipIf(!existsSync(join(DATASETS, 'Telco-Customer-Churn.csv.gz')))('seglab export on Telco', () => {
  let run: string;
  beforeAll(async () => {
    const r = await seglab(['-q', 'run', '--config', 'data/configs/telco.yaml', '--data', join(DATASETS, 'Telco-Customer-Churn.csv.gz'), '--out', tempDir(), '--stages', 'features,cluster']);
    expect(r.code, r.stderr).toBe(0);
    run = r.stdout.trim();
  }, 300_000);

  it('every segment has a rule, or the gate fails naming it; sizes and coverage come from the first matching rule', async () => {
    const r = await seglab(['-q', 'export', run]);
    expect(r.code, r.stderr).toBe(0);
    const b = bundleAt(r.stdout.split('\n')[0]!);
    const cluster = JSON.parse(readFileSync(join(run, 'cluster.json'), 'utf8')) as { segments: { id: number; size: number }[]; rows: number };
    const withRule = new Set(b.segments.map((s) => s.id));
    for (const seg of cluster.segments) {
      if (withRule.has(seg.id)) continue;
      const check = b.validation.checks.find((c) => c.name === `rule:${seg.id}`);
      expect(check, `segment ${seg.id} has neither a rule nor a failed check`).toBeDefined();
      expect(check!.passed).toBe(false);
      expect(b.validation.status).toBe('draft');
    }
    // Score the customers with the bundle: every size the gate saw is the count of customers whose first
    // matching rule is that segment's (the fallback segment also gets the customers no rule matches), and
    // the coverage is their total share.
    const out = join(tempDir(), 'telco.csv');
    expect((await seglab(['score', '--rules', r.stdout.split('\n')[0]!, '--input', join(run, 'features.parquet'), '--out', out])).code).toBe(0);
    const scored = new Map<number, number>();
    for (const line of readFileSync(out, 'utf8').trim().split('\n').slice(1)) {
      const id = Number(line.split(',')[1]);
      scored.set(id, (scored.get(id) ?? 0) + 1);
    }
    const sizes = b.validation.checks.filter((c) => c.name.startsWith('min-size:'));
    const total = sizes.reduce((a, c) => a + c.value!, 0);
    expect(total).toBeLessThanOrEqual(cluster.rows);
    for (const c of sizes) {
      const id = Number(c.name.split(':')[1]);
      expect(scored.get(id) ?? 0, c.name).toBe(c.value! + (id === b.fallback!.id ? cluster.rows - total : 0));
    }
    expect(b.validation.checks.find((c) => c.name === 'coverage')!.value).toBeCloseTo(total / cluster.rows, 12);
  }, 120_000);
});
