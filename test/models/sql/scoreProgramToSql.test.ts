// The compiled score equals the in-process score: random linear programs and random tree ensembles (numeric
// and category splits, learned missing directions) on random rows with missing values, on DuckDB and on
// PostgreSQL, to 1e-9; and a hand-computed case.
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Matrix, Rng } from '../../../src';
import { DuckSession } from '../../../src/data/DuckSession';
import { evaluateScoreProgram, logistic, programProbability } from '../../../src/models/sql/evaluateScoreProgram';
import type { ScoreProgram, TreeNode } from '../../../src/models/sql/ScoreProgram';
import { scoreProgramToSql } from '../../../src/models/sql/scoreProgramToSql';
import type { SqlDialect } from '../../../src/rules';
import { SKIP_POSTGRES, startPostgres } from '../../rules/sql/postgres';

const COLS = 4; // x0..x2 numeric, x3 a level code 0..4

function randomRows(rng: Rng, n: number, missing: boolean): Matrix {
  const data = new Float64Array(n * COLS);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) data[i * COLS + j] = missing && rng.bernoulli(0.15) ? NaN : Math.round(rng.normal(0, 3) * 1000) / 1000;
    data[i * COLS + 3] = missing && rng.bernoulli(0.1) ? NaN : Math.floor(rng.uniform(0, 5));
  }
  return new Matrix(data, n, COLS, ['x0', 'x1', 'x2', 'x3']);
}

function randomTree(rng: Rng, depth: number): TreeNode {
  if (depth === 0 || rng.bernoulli(0.2)) return { leaf: rng.normal(0, 0.7) };
  const missingLeft = rng.bernoulli(0.5);
  if (rng.bernoulli(0.25)) {
    // Sometimes code 4 is a level the tree never saw: it goes the missing way.
    const knownCodes = rng.bernoulli(0.5) ? [0, 1, 2, 3] : undefined;
    const leftCodes = (knownCodes ?? [0, 1, 2, 3, 4]).filter(() => rng.bernoulli(0.4));
    return { feature: 3, leftCodes, ...(knownCodes && { knownCodes }), missingLeft, left: randomTree(rng, depth - 1), right: randomTree(rng, depth - 1) };
  }
  return { feature: Math.floor(rng.uniform(0, 3)), threshold: rng.normal(0, 2), missingLeft, left: randomTree(rng, depth - 1), right: randomTree(rng, depth - 1) };
}

function programs(rng: Rng): ScoreProgram[] {
  const plain: ScoreProgram[] = [
    { kind: 'linear', intercept: rng.normal(0, 1), terms: [0, 1, 2, 3].map((feature) => ({ feature, coef: rng.normal(0, 1.5) })) },
    { kind: 'trees', combine: 'sum', base: rng.normal(-1, 0.5), trees: Array.from({ length: 12 }, () => randomTree(rng, 5)) },
    { kind: 'trees', combine: 'mean', base: 0, epsilon: 1e-12, trees: Array.from({ length: 9 }, () => mapLeaves(randomTree(rng, 4), (v) => logistic(v))) },
  ];
  // Each also calibrated (models.calibration): Platt, and isotonic with points inside the raw scores' range (so both clips are hit).
  const calibrated = plain.flatMap((program): ScoreProgram[] => [
    { ...program, calibration: { kind: 'platt', slope: rng.uniform(0.3, 1.5), intercept: rng.normal(0, 1) } },
    { ...program, calibration: randomIsotonic(rng) },
  ]);
  return [...plain, ...calibrated];
}

/** Increasing points in [-3, 3] with non-decreasing probabilities (some flat steps). */
function randomIsotonic(rng: Rng): { kind: 'isotonic'; x: number[]; y: number[] } {
  const m = 2 + Math.floor(rng.uniform(0, 12));
  const x = Array.from({ length: m }, () => rng.uniform(-3, 3)).sort((a, b) => a - b);
  const y = Array.from({ length: m }, () => (rng.bernoulli(0.2) ? 0.5 : rng.uniform(0, 1))).sort((a, b) => a - b);
  return { kind: 'isotonic', x, y };
}

function mapLeaves(node: TreeNode, f: (v: number) => number): TreeNode {
  if ('leaf' in node) return { leaf: f(node.leaf) };
  return { ...node, left: mapLeaves(node.left, f), right: mapLeaves(node.right, f) };
}

interface Db {
  dialect: SqlDialect;
  /** raw and probability per row id of table m (x0..x3, NULL for NaN). */
  score(X: Matrix, program: ScoreProgram): Promise<{ raw: (number | null)[]; p: (number | null)[] }>;
}

const FEATURES = ['x0', 'x1', 'x2', 'x3'];

async function agree(db: Db, seed: number, missing: boolean): Promise<void> {
  const rng = new Rng(seed);
  const X = randomRows(rng, 300, missing);
  for (const program of programs(rng)) {
    const { raw, p } = await db.score(X, program);
    const expectedRaw = evaluateScoreProgram(program, X);
    const expectedP = programProbability(program, X);
    for (let i = 0; i < X.rows; i++) {
      const rowHasNaN = [0, 1, 2, 3].some((j) => Number.isNaN(X.get(i, j)));
      if (program.kind === 'linear' && rowHasNaN) {
        // The linear score of a row with a missing input is NULL, never a number.
        expect(raw[i], `row ${i}`).toBeNull();
        expect(p[i], `row ${i}`).toBeNull();
        continue;
      }
      expect(Math.abs(raw[i]! - expectedRaw[i]!), `${program.kind} raw, row ${i}`).toBeLessThan(1e-9);
      expect(Math.abs(p[i]! - expectedP[i]!), `${program.kind} probability, row ${i}`).toBeLessThan(1e-9);
    }
  }
}

describe('scoreProgramToSql on DuckDB', () => {
  let session: DuckSession;
  let db: Db;
  beforeAll(async () => {
    session = await DuckSession.open({ threads: 1 });
    db = {
      dialect: 'duckdb',
      async score(X, program) {
        await session.run('CREATE OR REPLACE TABLE m (id INTEGER, x0 DOUBLE, x1 DOUBLE, x2 DOUBLE, x3 DOUBLE)');
        const values = Array.from({ length: X.rows }, (_, i) => `(${i}, ${[0, 1, 2, 3].map((j) => (Number.isNaN(X.get(i, j)) ? 'NULL' : `${X.get(i, j)}::DOUBLE`)).join(', ')})`);
        await session.run(`INSERT INTO m VALUES ${values.join(', ')}`);
        const sql = scoreProgramToSql(program, { dialect: 'duckdb', featureSql: FEATURES.map((f) => `"${f}"`) });
        const rows = await session.all(`SELECT ${sql.raw} AS raw, ${sql.probability} AS p FROM m ORDER BY id`);
        return { raw: rows.map((r) => (r.raw === null ? null : Number(r.raw))), p: rows.map((r) => (r.p === null ? null : Number(r.p))) };
      },
    };
  });
  afterAll(() => session?.close());

  it('a hand-computed program: 0.5 + 2·x0 − x1, and a stump with NULL going left', async () => {
    const X = Matrix.fromRows([[1, 3, 0, 0], [NaN, 0, 0, 0]], FEATURES);
    const { raw, p } = await db.score(X, { kind: 'linear', intercept: 0.5, terms: [{ feature: 0, coef: 2 }, { feature: 1, coef: -1 }] });
    expect(raw).toEqual([-0.5, null]);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(0.5)), 15);
    const stump: ScoreProgram = { kind: 'trees', combine: 'sum', base: 0.25, trees: [{ feature: 0, threshold: 0.5, missingLeft: true, left: { leaf: 1 }, right: { leaf: -1 } }] };
    expect((await db.score(X, stump)).raw).toEqual([-0.75, 1.25]);
  });

  it('random programs agree with the in-process score to 1e-9, with and without missing values', async () => {
    for (const seed of [1, 2, 3]) await agree(db, seed, seed !== 1);
  });

  it('a hand-computed calibration: isotonic interpolates between its points and clips beyond them; Platt is a logistic of an affine map', async () => {
    const X = Matrix.fromRows([[-5, 0, 0, 0], [-1, 0, 0, 0], [0, 0, 0, 0], [1.5, 0, 0, 0], [9, 0, 0, 0], [NaN, 0, 0, 0]], FEATURES);
    const linear: ScoreProgram = { kind: 'linear', intercept: 0, terms: [{ feature: 0, coef: 1 }] };
    const iso = await db.score(X, { ...linear, calibration: { kind: 'isotonic', x: [-1, 1, 2], y: [0.1, 0.5, 0.9] } });
    const expected = [0.1, 0.1, 0.3, 0.7, 0.9, null];
    iso.p.forEach((p, i) => (expected[i] === null ? expect(p).toBeNull() : expect(p).toBeCloseTo(expected[i]!, 15)));
    const platt = await db.score(X, { ...linear, calibration: { kind: 'platt', slope: 2, intercept: -1 } });
    expect(platt.p[2]).toBeCloseTo(1 / (1 + Math.exp(1)), 15);
    expect(platt.p[3]).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(platt.p[5]).toBeNull();
  });

  it('an extreme linear score is clamped for exp() and gives probability 0 or 1, not an error', async () => {
    const X = Matrix.fromRows([[1e6, 0, 0, 0], [-1e6, 0, 0, 0]], FEATURES);
    const { p } = await db.score(X, { kind: 'linear', intercept: 0, terms: [{ feature: 0, coef: 1 }] });
    expect(p[0]).toBe(1);
    expect(p[1]).toBeLessThan(1e-300);
  });

  it('a program using a design column the SQL does not have is a clear error', () => {
    expect(() => scoreProgramToSql({ kind: 'linear', intercept: 0, terms: [{ feature: 7, coef: 1 }] }, { dialect: 'duckdb', featureSql: FEATURES })).toThrow(/design column 7, but featureSql has 4/);
  });

  it('depth costs text linearly: a full tree of depth 12 compiles to < 2 MB', () => {
    const full = (d: number): TreeNode => (d === 0 ? { leaf: 0.125 } : { feature: 0, threshold: 1, missingLeft: true, left: full(d - 1), right: full(d - 1) });
    const sql = scoreProgramToSql({ kind: 'trees', combine: 'sum', base: 0, trees: [full(12)] }, { dialect: 'postgres', featureSql: FEATURES.map((f) => `"${f}"`) });
    expect(sql.raw.length).toBeLessThan(2_000_000);
  });
});

describe.skipIf(SKIP_POSTGRES)('scoreProgramToSql on PostgreSQL', () => {
  let client: Client;
  let db: Db;
  beforeAll(async () => {
    client = await startPostgres();
    db = {
      dialect: 'postgres',
      async score(X, program) {
        await client.query('DROP TABLE IF EXISTS pg_temp.m; CREATE TEMP TABLE m (id integer, x0 double precision, x1 double precision, x2 double precision, x3 double precision)');
        const params: (number | null)[] = [];
        const values = Array.from({ length: X.rows }, (_, i) => {
          const row = [i, ...[0, 1, 2, 3].map((j) => (Number.isNaN(X.get(i, j)) ? null : X.get(i, j)))];
          params.push(...row);
          return `(${row.map((_, k) => `$${i * 5 + k + 1}`).join(', ')})`;
        });
        await client.query(`INSERT INTO m VALUES ${values.join(', ')}`, params);
        const sql = scoreProgramToSql(program, { dialect: 'postgres', featureSql: FEATURES.map((f) => `"${f}"`) });
        const rows = (await client.query(`SELECT ${sql.raw} AS raw, ${sql.probability} AS p FROM m ORDER BY id`)).rows as { raw: unknown; p: unknown }[];
        return { raw: rows.map((r) => (r.raw === null ? null : Number(r.raw))), p: rows.map((r) => (r.p === null ? null : Number(r.p))) };
      },
    };
  });
  afterAll(async () => {
    await client?.end();
  });

  it('random programs agree with the in-process score to 1e-9, with and without missing values', async () => {
    for (const seed of [1, 2, 3]) await agree(db, seed, seed !== 1);
  });

  it('an extreme linear score gives probability 0 or 1 instead of an overflow error', async () => {
    const X = Matrix.fromRows([[1e6, 0, 0, 0], [-1e6, 0, 0, 0]], FEATURES);
    const { p } = await db.score(X, { kind: 'linear', intercept: 0, terms: [{ feature: 0, coef: 1 }] });
    expect(p[0]).toBe(1);
    expect(p[1]).toBeLessThan(1e-300);
  });
});
