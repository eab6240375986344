import { describe, expect, it } from 'vitest';
import { CategoricalMatrix, MISSING_LEVEL, mixedMatrix, type MixedMatrix } from '../../../src/cluster/CategoricalMatrix';
import { KPrototypes, KPROTOTYPES_INITS } from '../../../src/cluster/kprototypes/KPrototypes';
import { KPrototypesModel } from '../../../src/cluster/kprototypes/KPrototypesModel';
import { InputError, UsageError } from '../../../src/core/errors';
import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';
import { DEFAULT_SEED } from '../../../src/core/seedParam';

const mixed = (numeric: Record<string, number[]>, categorical: Record<string, (string | null)[]>): MixedMatrix =>
  mixedMatrix(Matrix.fromColumns(numeric), CategoricalMatrix.fromColumns(categorical));
const roundTrip = (m: KPrototypesModel) => KPrototypesModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

/** 3 planted clusters: numeric centres (0,0), (4,0), (0,4) with sd 1; each favours its own categories 80% of the time. */
function planted(n = 600, seed = 1): { X: MixedMatrix; truth: number[] } {
  const rng = new Rng(seed);
  const truth: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const colour: string[] = [];
  const channel: string[] = [];
  const centres = [[0, 0], [4, 0], [0, 4]];
  const fav = [['red', 'web'], ['green', 'shop'], ['blue', 'web']];
  for (let i = 0; i < n; i++) {
    const t = i % 3;
    truth.push(t);
    a.push(rng.normal(centres[t]![0]!, 1));
    b.push(rng.normal(centres[t]![1]!, 1));
    colour.push(rng.bernoulli(0.8) ? fav[t]![0]! : rng.pick(['red', 'green', 'blue']));
    channel.push(rng.bernoulli(0.8) ? fav[t]![1]! : rng.pick(['web', 'shop']));
  }
  return { X: mixed({ a, b }, { colour, channel }), truth };
}

/** Share of rows whose cluster is the majority cluster of their true group, with distinct majorities. */
function recovery(labels: Int32Array, truth: number[], k: number): number {
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  truth.forEach((t, i) => counts[t]![labels[i]!]!++);
  const majority = counts.map((row) => row.indexOf(Math.max(...row)));
  expect(new Set(majority).size).toBe(k);
  return counts.reduce((s, row, t) => s + row[majority[t]!]!, 0) / truth.length;
}

describe('CategoricalMatrix', () => {
  it('codes index sorted levels, independent of row order', () => {
    const C = CategoricalMatrix.fromColumns({ city: ['Paris', 'Berlin', 'Paris', 'Athens'], tier: ['b', 'a', 'a', 'b'] });
    expect(C.levels).toEqual([['Athens', 'Berlin', 'Paris'], ['a', 'b']]);
    expect(Array.from(C.codes)).toEqual([2, 1, 1, 0, 2, 0, 0, 1]);
    expect(C.value(3, 0)).toBe('Athens');
    expect(C.code(0, 1)).toBe(1);
    expect(C.column(0)).toEqual(['Paris', 'Berlin', 'Paris', 'Athens']);
    expect([C.rows, C.cols, C.columns]).toEqual([4, 2, ['city', 'tier']]);
  });

  it('missing values: a clear error by default, or the level "(missing)" on request', () => {
    const err = errorOf(() => CategoricalMatrix.fromColumns({ ok: ['a', 'b', 'c'], city: ['a', null, null] })) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/column "city" has a missing value \(null\) at row 2/);
    expect(err.problems[0]).toMatchObject({ check: 'missing-category', location: { column: 'city', row: 2 }, count: 2, sampleRows: [2, 3] });
    const C = CategoricalMatrix.fromColumns({ city: ['b', null, 'a'] }, { missing: 'level' });
    expect(C.levels[0]).toEqual([MISSING_LEVEL, 'a', 'b']);
    expect(C.column(0)).toEqual(['b', '(missing)', 'a']);
  });

  it('rejects malformed input', () => {
    expect(() => CategoricalMatrix.fromColumns({ a: ['x', 'y'], b: ['x'] })).toThrow(/column "b" has 1 values, expected 2/);
    expect(() => CategoricalMatrix.fromColumns({ a: ['x', 3 as never] })).toThrow(/column "a" row 2 holds 3 \(number\); expected a string or null/);
    expect(() => CategoricalMatrix.fromColumns({ a: ['x'] }, { missing: 'drop' as never })).toThrow(/missing: got "drop"/);
    expect(() => new CategoricalMatrix(Int32Array.from([0, 2]), 2, 1, ['a'], [['x', 'y']])).toThrow(/code 2 at row 2, column "a" is not a level index \(0\.\.1\)/);
    expect(() => new CategoricalMatrix(Int32Array.from([0]), 1, 1, ['a'], [['x', 'x']])).toThrow(/lists a level twice/);
    expect(() => new CategoricalMatrix(Int32Array.from([0, 0]), 1, 2, ['a', 'a'], [['x'], ['x']])).toThrow(/column "a" appears twice/);
    expect(() => mixedMatrix(Matrix.fromColumns({ x: [1, 2, 3] }), CategoricalMatrix.fromColumns({ c: ['a', 'b'] }))).toThrow(
      /numeric has 3 rows but categorical has 2/,
    );
    expect(() => mixedMatrix(Matrix.fromColumns({ x: [1] }), CategoricalMatrix.fromColumns({ x: ['a'] }))).toThrow(/"x" appear in both/);
  });
});

describe('KPrototypes: hand-computed fixtures', () => {
  // x: 0, 1 | 10, 11 and c: a, a | b, c. With gamma 2 the best split is {0,1} / {10,11}:
  // prototypes (0.5, 'a') and (10.5, 'b') — b and c tie once each in the second cluster, the lower code (b) wins.
  // cost = 4 × 0.5² (numeric) + 2 × 1 (row 4's 'c' differs from mode 'b') = 1 + 2 = 3.
  const X = mixed({ x: [0, 1, 10, 11] }, { c: ['a', 'a', 'b', 'c'] });

  it('cost, centroids and modes by hand', () => {
    const m = new KPrototypes({ k: 2, gamma: 2 }).fit(X);
    expect(m.cost).toBe(3);
    expect(m.gamma).toBe(2);
    const left = m.labels[0]!;
    const right = m.labels[2]!;
    expect(Array.from(m.labels)).toEqual([left, left, right, right]);
    expect(m.centroids.get(left, 0)).toBe(0.5);
    expect(m.centroids.get(right, 0)).toBe(10.5);
    expect(m.modes[left]).toEqual(['a']);
    expect(m.modes[right]).toEqual(['b']);
    expect(m.kind).toBe('kprototypes');
    expect(m.k).toBe(2);
    expect(m.columns).toEqual(['x', 'c']);
    expect(m.converged).toBe(true);
  });

  it("gamma 'huang' = 0.5 × mean population sd of the numeric columns", () => {
    // a: mean 1, deviations ±1 → sd 1. b: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, /8 = 4 → sd 2.
    // gamma = 0.5 × (1 + 2) / 2 = 0.75.
    const Y = mixed({ a: [0, 2, 0, 2, 0, 2, 0, 2], b: [2, 4, 4, 4, 5, 5, 7, 9] }, { c: ['u', 'u', 'v', 'v', 'u', 'u', 'v', 'v'] });
    expect(KPrototypes.huangGamma(Y.numeric)).toBe(0.75);
    const m = new KPrototypes({ k: 2, gamma: 'huang' }).fit(Y);
    expect([m.gamma, m.gammaRule]).toEqual([0.75, 'huang']);
    // For the fixture above: sd of 0, 1, 10, 11 is √25.25.
    expect(new KPrototypes({ k: 2, gamma: 'huang' }).fit(X).gamma).toBeCloseTo(0.5 * Math.sqrt(25.25), 14);
  });

  it("default gamma 'balanced': both parts weigh the same in one cluster of all rows", () => {
    // Same Y: numeric squared deviations 8 (a) + 32 (b) = 40; c has 4 u and 4 v, so 4 mismatches to
    // its mode. gamma = 40 / 4 = 10, and the one-cluster cost is 40 in each part.
    const Y = mixed({ a: [0, 2, 0, 2, 0, 2, 0, 2], b: [2, 4, 4, 4, 5, 5, 7, 9] }, { c: ['u', 'u', 'v', 'v', 'u', 'u', 'v', 'v'] });
    const m = new KPrototypes({ k: 2 }).fit(Y);
    expect([m.gamma, m.gammaRule]).toEqual([10, 'balanced']);
    expect(m.oneClusterCost).toEqual({ numeric: 40, categorical: 40 });
    // Weighted: weight 3 on the first row (a 0, b 2, u). The numeric part from the definition (weighted
    // means and squared deviations); u now weighs 6 and v 4, so 4 weighted mismatches to the mode u.
    const w = [3, 1, 1, 1, 1, 1, 1, 1];
    const mw = new KPrototypes({ k: 2 }).fit(Y, { sampleWeight: w });
    const mean = (xs: number[]) => xs.reduce((s, x, i) => s + w[i]! * x, 0) / 10;
    const ss = (xs: number[]) => xs.reduce((s, x, i) => s + w[i]! * (x - mean(xs)) ** 2, 0);
    const numeric = ss([0, 2, 0, 2, 0, 2, 0, 2]) + ss([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mw.gamma).toBeCloseTo(numeric / 4, 12);
    expect(mw.oneClusterCost.numeric).toBeCloseTo(numeric, 12);
    // Categorical columns with one value each: 'balanced' has nothing to balance; a number still works.
    const flat = mixed({ a: [0, 1, 5, 6] }, { c: ['u', 'u', 'u', 'u'] });
    expect(() => new KPrototypes({ k: 2 }).fit(flat)).toThrow(/gamma 'balanced' needs categorical columns with more than one value, but "c" hold one value each/);
    expect(new KPrototypes({ k: 2, gamma: 1 }).fit(flat).gammaRule).toBe('given');
  });

  it('the cost in its two parts, the one-cluster cost and the rows the categories moved', () => {
    // Fixture X with gamma 2: numeric 4 × 0.25 = 1, categorical 2 × 1 mismatch = 2 (the cost 3 above).
    // One cluster: Σ (x − 5.5)² = 30.25 + 20.25 + 20.25 + 30.25 = 101; mode 'a' leaves 2 mismatches → 4.
    const m = new KPrototypes({ k: 2, gamma: 2 }).fit(X);
    expect(m.costParts).toEqual({ numeric: 1, categorical: 2 });
    expect(m.costShare).toEqual({ numeric: 1 / 3, categorical: 2 / 3 });
    expect(m.oneClusterCost).toEqual({ numeric: 101, categorical: 4 });
    // Every row sits at its numerically nearest prototype: the categories moved none.
    expect(m.movedByCategorical).toBe(0);
    // Ten rows (0, a), ten (10, b) and one (4, b). With gamma 30 the last joins the b rows: prototypes
    // (0, a) and (104/11, b); its cost there is (4 − 104/11)² ≈ 29.8 against 16 + 30 = 46 on the left.
    // On the numbers alone it is nearer the left prototype (16 < 29.8): the categories moved it.
    const Y = mixed({ x: [...Array(10).fill(0), ...Array(10).fill(10), 4] }, { c: [...Array(10).fill('a'), ...Array(11).fill('b')] });
    const moved = new KPrototypes({ k: 2, gamma: 30 }).fit(Y);
    expect(moved.labels[20]).toBe(moved.labels[10]);
    expect(moved.centroids.get(moved.labels[20]!, 0)).toBeCloseTo(104 / 11, 12);
    expect(moved.movedByCategorical).toBe(1);
  });

  it('sample weights: weighted mean, weighted mode and weighted cost', () => {
    // k = 1. Weights 3, 1: centroid (3·0 + 1·10) / 4 = 2.5, mode 'a' (3 vs 1);
    // cost = 3 · 2.5² + 1 · (7.5² + gamma · 1) = 18.75 + 56.25 + 1 = 76 with gamma 1.
    const Y = mixed({ x: [0, 10] }, { c: ['a', 'b'] });
    const m = new KPrototypes({ k: 1, gamma: 1 }).fit(Y, { sampleWeight: [3, 1] });
    expect(m.centroids.get(0, 0)).toBe(2.5);
    expect(m.modes[0]).toEqual(['a']);
    expect(m.cost).toBe(76);
    const flipped = new KPrototypes({ k: 1, gamma: 1 }).fit(Y, { sampleWeight: [1, 3] });
    expect(flipped.centroids.get(0, 0)).toBe(7.5);
    expect(flipped.modes[0]).toEqual(['b']);
  });

  it('gamma weighs the categories: with a large gamma they separate groups the numbers cannot', () => {
    // Two groups with the same numeric distribution, told apart only by two categorical columns.
    // Split by category: numeric cost ≈ n·1, no mismatches. Split at x = 0: numeric ≈ n(1 - 2/π) ≈ 0.36n
    // plus half the rows mismatching both columns: 0.5n · 2 · gamma. With gamma 2 the category split wins.
    const rng = new Rng(9);
    const n = 400;
    const x = Array.from({ length: n }, () => rng.normal(0, 1));
    const group = Array.from({ length: n }, (_, i) => i % 2);
    const Y = mixed({ x, y: x.map(() => rng.normal(0, 1)) }, { u: group.map((g) => (g ? 'u1' : 'u0')), v: group.map((g) => (g ? 'v1' : 'v0')) });
    const m = new KPrototypes({ k: 2, gamma: 2 }).fit(Y);
    expect(recovery(m.labels, group, 2)).toBe(1);
    // With gamma 0 only the numbers count: the groups are mixed in every cluster.
    const m0 = new KPrototypes({ k: 2, gamma: 0 }).fit(Y);
    const share = m0.labels.reduce((s, l, i) => s + (l === m0.labels[0] && group[i] === 1 ? 1 : 0), 0) / n;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.35);
  });

  it('no empty clusters: more clusters than distinct rows are filled by repair', () => {
    const Y = mixed({ x: [0, 0, 0, 5, 5, 5] }, { c: ['a', 'a', 'a', 'b', 'b', 'b'] });
    expect(KPROTOTYPES_INITS.length).toBeGreaterThan(0);
    for (const init of KPROTOTYPES_INITS) {
      const m = new KPrototypes({ k: 4, init, gamma: 1 }).fit(Y);
      expect(new Set(m.labels).size, init).toBe(4);
      expect(m.cost, init).toBe(0);
    }
  });
});

describe('KPrototypes: planted mixed clusters', () => {
  const { X, truth } = planted();

  for (const init of KPROTOTYPES_INITS) {
    it(`init '${init}' recovers them`, () => {
      const m = new KPrototypes({ k: 3, init }).fit(X);
      expect(recovery(m.labels, truth, 3)).toBeGreaterThan(0.9);
      const modes = new Set(m.modes.map((r) => r.join('/')));
      expect(modes).toEqual(new Set(['red/web', 'green/shop', 'blue/web']));
    });
  }

  it('at convergence prototypes are the (weighted) means and modes of their rows; labels = predict', () => {
    const rng = new Rng(4);
    const w = Float64Array.from({ length: X.numeric.rows }, () => rng.uniform(0.2, 3));
    // tol 0: run to a fixed point, where no row moves.
    const m = new KPrototypes({ k: 3, tol: 0 }).fit(X, { sampleWeight: w });
    expect(m.converged).toBe(true);
    for (let c = 0; c < 3; c++) {
      let sw = 0;
      const sums = [0, 0];
      const freq = [new Map<string, number>(), new Map<string, number>()];
      for (let i = 0; i < X.numeric.rows; i++) {
        if (m.labels[i] !== c) continue;
        sw += w[i]!;
        for (let j = 0; j < 2; j++) {
          sums[j]! += w[i]! * X.numeric.get(i, j);
          const v = X.categorical.value(i, j);
          freq[j]!.set(v, (freq[j]!.get(v) ?? 0) + w[i]!);
        }
      }
      for (let j = 0; j < 2; j++) {
        expect(m.centroids.get(c, j)).toBeCloseTo(sums[j]! / sw, 9);
        const top = [...freq[j]!.entries()].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))[0]![0];
        expect(m.modes[c]![j]).toBe(top);
      }
    }
    expect(Array.from(m.predict(X))).toEqual(Array.from(m.labels));
    // Cost = Σ w · (squared distance + gamma · mismatches) to the own prototype.
    let cost = 0;
    for (let i = 0; i < X.numeric.rows; i++) {
      const c = m.labels[i]!;
      let d = 0;
      for (let j = 0; j < 2; j++) d += (X.numeric.get(i, j) - m.centroids.get(c, j)) ** 2;
      for (let j = 0; j < 2; j++) if (X.categorical.value(i, j) !== m.modes[c]![j]) d += m.gamma;
      cost += w[i]! * d;
    }
    expect(m.cost).toBeCloseTo(cost, 8);
  });

  it('same seed ⇒ identical result; the best of nInit restarts is no worse than one', () => {
    const a = new KPrototypes({ k: 4, seed: 42, nInit: 3 }).fit(X);
    const b = new KPrototypes({ k: 4, seed: 42, nInit: 3 }).fit(X);
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(b.cost).toBe(a.cost);
    expect(Array.from(b.centroids.data)).toEqual(Array.from(a.centroids.data));
    expect(b.modes).toEqual(a.modes);
    const one = new KPrototypes({ k: 4, seed: 42, nInit: 1 }).fit(X);
    expect(a.cost).toBeLessThanOrEqual(one.cost);
  });

  it("'cao' is deterministic: one run whatever nInit and seed", () => {
    let restarts = '';
    const a = new KPrototypes({ k: 3, init: 'cao', nInit: 5, seed: 1 }).fit(X, { progress: { start: (s) => (restarts = s), update() {}, end() {}, note() {} } });
    const b = new KPrototypes({ k: 3, init: 'cao', seed: 2 }).fit(X);
    expect(restarts).toBe('k-prototypes (k=3, 1 restart)');
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.cost).toBe(b.cost);
  });

  it('reports progress per restart', () => {
    const updates: number[] = [];
    let started = '';
    new KPrototypes({ k: 3, nInit: 4 }).fit(X, { progress: { start: (s) => (started = s), update: (d) => updates.push(d), end() {}, note() {} } });
    expect(started).toBe('k-prototypes (k=3, 4 restarts)');
    expect(updates).toEqual([1, 2, 3, 4]);
  });
});

describe('KPrototypes: the default gamma lets the categories count', () => {
  // As on the synthetic shop: 10 standardised behaviour columns with 4 segments, and a device column
  // (60% mobile, 30% desktop, 10% tablet) that has nothing to do with them. With Huang's 0.5 a mismatch
  // is tiny next to a squared distance over 10 columns: every prototype's mode is "mobile" and the
  // categories move no row, i.e. the result is k-means. The default ('balanced') gives the device as
  // much weight as the 10 columns together before clustering, so it shapes the clusters.
  const rng = new Rng(11);
  const n = 1200;
  const p = 10;
  const centres = Array.from({ length: 4 }, () => Array.from({ length: p }, () => rng.normal(0, 1.2)));
  const cols: Record<string, number[]> = {};
  for (let j = 0; j < p; j++) cols[`f${j}`] = [];
  const device: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = centres[i % 4]!;
    for (let j = 0; j < p; j++) cols[`f${j}`]!.push(c[j]! + rng.normal(0, 1));
    const u = rng.next();
    device.push(u < 0.6 ? 'mobile' : u < 0.9 ? 'desktop' : 'tablet');
  }
  // Standardise, as the cluster stage does.
  for (const v of Object.values(cols)) {
    const mean = v.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    v.forEach((x, i) => (v[i] = (x - mean) / sd));
  }
  const X = mixed(cols, { device });

  it("Huang's gamma: the categories change nothing, and fit says so", () => {
    const notes: string[] = [];
    const m = new KPrototypes({ k: 4, gamma: 'huang', seed: 1 }).fit(X, { progress: { start() {}, update() {}, end() {}, note: (s) => notes.push(s) } });
    expect(m.gamma).toBeCloseTo(0.5, 12);
    expect(m.modes.map((r) => r[0])).toEqual(['mobile', 'mobile', 'mobile', 'mobile']);
    expect(m.movedByCategorical).toBe(0);
    expect(notes).toEqual([expect.stringMatching(/^k-prototypes: the categorical part moved no row \(gamma 0\.500\).*raise gamma or leave the categorical columns out$/)]);
  });

  it('the default gamma: modes differ between clusters, rows move, both parts carry cost', () => {
    const notes: string[] = [];
    const m = new KPrototypes({ k: 4, seed: 1 }).fit(X, { progress: { start() {}, update() {}, end() {}, note: (s) => notes.push(s) } });
    expect(m.gammaRule).toBe('balanced');
    expect(m.oneClusterCost.categorical).toBeCloseTo(m.oneClusterCost.numeric, 6);
    expect(new Set(m.modes.map((r) => r[0])).size).toBeGreaterThan(1);
    expect(m.movedByCategorical).toBeGreaterThan(0.05 * n);
    expect(m.costShare.categorical).toBeGreaterThan(0.2);
    expect(m.costShare.numeric).toBeGreaterThan(0.2);
    expect(m.costShare.numeric + m.costShare.categorical).toBeCloseTo(1, 12);
    expect(m.costParts.numeric + m.costParts.categorical).toBeCloseTo(m.cost, 6);
    expect(notes).toEqual([]);
  });
});

describe('KPrototypesModel.predict', () => {
  const X = mixed({ x: [0, 1, 10, 11] }, { c: ['a', 'a', 'b', 'c'] });
  const m = new KPrototypes({ k: 2, gamma: 2 }).fit(X);
  const A = m.modes.findIndex((r) => r[0] === 'a');
  const B = 1 - A;

  it('matches categories by name; an unknown level counts as a mismatch', () => {
    // x = 5.45: (x - 0.5)² = 24.5025, (x - 10.5)² = 25.5025 — 1 closer to A, less than gamma = 2.
    // 'a' → A (0 vs 1 + 2); 'b' → B (0 + 2 vs 1 + 0); 'c' and 'zzz' match neither mode → numbers decide → A.
    // x = 5.55 is 1 closer to B: 'zzz' → B (a mismatch with both), 'a' → A (1 + 0 vs 0 + 2).
    const Y = mixed({ x: [5.45, 5.45, 5.45, 5.45, 5.55, 5.55] }, { c: ['a', 'b', 'c', 'zzz', 'zzz', 'a'] });
    expect(Array.from(m.predict(Y))).toEqual([A, B, A, A, B, A]);
    // Same values with the levels listed in another order (different codes): same predictions.
    const reordered = new CategoricalMatrix(Int32Array.from([3, 2, 1, 0, 0, 3]), 6, 1, ['c'], [['zzz', 'c', 'b', 'a']]);
    expect(Array.from(m.predict(mixedMatrix(Y.numeric, reordered)))).toEqual([A, B, A, A, B, A]);
    expect(Array.from(m.predict(X))).toEqual(Array.from(m.labels));
    expect(m.predict(mixed({ x: [] }, { c: [] })).length).toBe(0);
  });

  it('checks the columns of both parts and the values', () => {
    expect(() => m.predict(mixed({ y: [1] }, { c: ['a'] }))).toThrow(/numeric part .*column 1 is "y", expected "x"/);
    expect(() => m.predict(mixed({ x: [1] }, { d: ['a'] }))).toThrow(/categorical part .*column 1 is "d", expected "c"/);
    expect(() => m.predict(mixed({ x: [1, NaN] }, { c: ['a', 'a'] }))).toThrow(/row 2, column "x"/);
    expect(() => m.predict({ numeric: Matrix.fromColumns({ x: [1, 2] }), categorical: CategoricalMatrix.fromColumns({ c: ['a'] }) })).toThrow(
      /numeric has 2 rows but categorical has 1/,
    );
    expect(() => m.predict(null as never)).toThrow(UsageError);
  });
});

describe('KPrototypesModel JSON', () => {
  const { X } = planted(300, 2);
  const m = new KPrototypes({ k: 3, nInit: 2 }).fit(X);

  it('round trip: identical predictions, on new data with a different level order too', () => {
    const json = m.toJSON();
    expect(json).toMatchObject({ schemaVersion: 1, kind: 'kprototypes', numericColumns: ['a', 'b'], categoricalColumns: ['colour', 'channel'], gamma: m.gamma });
    expect(json.params).toEqual({ k: 3, gamma: 'balanced', init: 'huang', nInit: 2, maxIter: 100, tol: 1e-4, seed: DEFAULT_SEED });
    expect(json).toMatchObject({ gammaRule: 'balanced', costParts: m.costParts, oneClusterCost: m.oneClusterCost, movedByCategorical: m.movedByCategorical });
    const loaded = roundTrip(m);
    expect(Array.from(loaded.labels)).toEqual(Array.from(m.labels));
    expect(loaded.modes).toEqual(m.modes);
    expect([loaded.gammaRule, loaded.costParts, loaded.oneClusterCost, loaded.movedByCategorical]).toEqual([m.gammaRule, m.costParts, m.oneClusterCost, m.movedByCategorical]);
    expect(Array.from(loaded.centroids.data)).toEqual(Array.from(m.centroids.data));
    expect(Array.from(loaded.predict(X))).toEqual(Array.from(m.labels));
    const fresh = planted(200, 77).X;
    // The new sample with an unknown colour in some rows: levels differ from the training ones.
    const colours = fresh.categorical.column(0).map((c, i) => (i % 17 === 0 ? 'purple' : c));
    const F = mixedMatrix(fresh.numeric, CategoricalMatrix.fromColumns({ colour: colours, channel: fresh.categorical.column(1) }));
    expect(F.categorical.levels[0]).toEqual(['blue', 'green', 'purple', 'red']);
    expect(Array.from(loaded.predict(F))).toEqual(Array.from(m.predict(F)));
    expect(KPrototypesModel.fromJSON(JSON.stringify(json)).cost).toBe(m.cost);
  });

  it('fromJSON names the bad field', () => {
    const good = m.toJSON();
    expect(() => KPrototypesModel.fromJSON({ ...good, schemaVersion: 2 })).toThrow(/Invalid k-prototypes JSON: schemaVersion/);
    expect(() => KPrototypesModel.fromJSON({ ...good, gamma: -1 })).toThrow(/gamma/);
    expect(() => KPrototypesModel.fromJSON({ ...good, costParts: { numeric: 1 } })).toThrow(/costParts\.categorical/);
    expect(() => KPrototypesModel.fromJSON({ ...good, gammaRule: 'guess' })).toThrow(/gammaRule/);
    expect(() => KPrototypesModel.fromJSON({ ...good, modes: [['red', 'web'], ['green', 'shop'], ['pink', 'web']] })).toThrow(/modes\.2\.0: "pink" is not a level of column "colour"/);
    expect(() => KPrototypesModel.fromJSON({ ...good, centroids: [[0, 0], [1, 1]] })).toThrow(/centroids: 2 rows, expected params\.k = 3/);
    expect(() => KPrototypesModel.fromJSON({ ...good, centroids: [[0, 0], [1, 1], [2]] })).toThrow(/centroids\.2: 1 values/);
    expect(() => KPrototypesModel.fromJSON({ ...good, labels: [0, 1, 3] })).toThrow(/labels\.2: 3, expected a cluster in 0\.\.2/);
    expect(() => KPrototypesModel.fromJSON({ ...good, labels: [0, 1, 1] })).toThrow(/cluster 2 has no row/);
    expect(() => KPrototypesModel.fromJSON({ ...good, extra: 1 })).toThrow(/Unrecognized key/);
  });
});

describe('KPrototypes: clear errors', () => {
  it('rejects bad parameters, naming them', () => {
    expect(() => new KPrototypes({ k: 0 })).toThrow(/Invalid KPrototypes k: got 0, expected a whole number >= 1/);
    expect(() => new KPrototypes({ k: 2, gamma: -1 })).toThrow(/KPrototypes gamma: got -1, expected a finite number >= 0, or one of balanced, huang/);
    expect(() => new KPrototypes({ k: 2, gamma: 'auto' as never })).toThrow(/KPrototypes gamma: got "auto"/);
    expect(() => new KPrototypes({ k: 2, init: 'kmeans++' as never })).toThrow(/KPrototypes init: got "kmeans\+\+", expected one of huang, cao, random/);
    expect(() => new KPrototypes({ k: 2, nInit: 0 })).toThrow(/KPrototypes nInit/);
    expect(() => new KPrototypes({ k: 2, maxIter: 1.5 })).toThrow(/KPrototypes maxIter/);
    expect(() => new KPrototypes({ k: 2, tol: -1 })).toThrow(/KPrototypes tol: got -1, expected a number in \[0, 1\)/);
    expect(() => new KPrototypes(undefined as never)).toThrow('Invalid KPrototypes params: got undefined, expected an object with at least k.');
    expect(new KPrototypes({ k: 2 }).params).toEqual({ k: 2, gamma: 'balanced', init: 'huang', nInit: 4, maxIter: 100, tol: 1e-4, seed: DEFAULT_SEED });
  });

  it('rejects bad input: 0 rows, NaN by column and row, k > rows, no categorical column, bad weights', () => {
    const kp = new KPrototypes({ k: 8 });
    expect(() => new KPrototypes({ k: 1 }).fit(mixed({ x: [] }, { c: [] }))).toThrow(/KPrototypes\.fit: the input has 0 rows/);
    expect(() => kp.fit(mixed({ x: [1, 2, 3] }, { c: ['a', 'b', 'c'] }))).toThrow(/n_samples=3 should be >= n_clusters=8/);
    const err = errorOf(() => new KPrototypes({ k: 2 }).fit(mixed({ age: [1, 2, 3], spend: [4, 5, NaN] }, { c: ['a', 'b', 'c'] }))) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.problems[0]).toMatchObject({ location: { column: 'spend', row: 3 } });
    const noCat = mixedMatrix(Matrix.fromColumns({ x: [1, 2, 3] }), new CategoricalMatrix(new Int32Array(0), 3, 0, [], []));
    expect(() => new KPrototypes({ k: 2 }).fit(noCat)).toThrow(/categorical part has 0 columns; for numeric data only use KMeans/);
    expect(() => new KPrototypes({ k: 2 }).fit(mixed({ x: [1, 2, 3] }, { c: ['a', 'b', 'c'] }), { sampleWeight: [1, 2] })).toThrow(/sampleWeight has 2 values/);
    expect(() => new KPrototypes({ k: 2 }).fit({ numeric: Matrix.fromColumns({ x: [1, 2, 3] }), categorical: CategoricalMatrix.fromColumns({ c: ['a'] }) })).toThrow(
      /KPrototypes\.fit: numeric has 3 rows but categorical has 1/,
    );
    expect(() => new KPrototypes({ k: 2 }).fit({ numeric: [[1]], categorical: null } as never)).toThrow(/numeric must be a Matrix/);
  });
});
