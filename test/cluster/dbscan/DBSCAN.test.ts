import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOISE } from '../../../src/cluster/ClusterModel';
import { DBSCAN } from '../../../src/cluster/dbscan/DBSCAN';
import { DBSCANModel } from '../../../src/cluster/dbscan/DBSCANModel';
import { suggestEps } from '../../../src/cluster/dbscan/suggestEps';
import { InputError, UsageError } from '../../../src/core/errors';
import { Matrix } from '../../../src/core/Matrix';
import type { Progress } from '../../../src/core/progress';
import { Rng } from '../../../src/core/rng';

const col = (values: number[]) => Matrix.fromColumns({ x: values });
const roundTrip = (model: DBSCANModel) => DBSCANModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));

/**
 * The scikit-learn reference fixture: 4 square blobs of 70 points (two of them 0.3 apart, so some
 * border points are contested) and 80 uniform noise points, on a 0.1 grid (many exact ties at eps),
 * shuffled. Park–Miller LCG so Python reproduces it bit for bit (integers / 10 are the same doubles).
 */
function fixture(): Matrix {
  let s = 20240601;
  const next = () => (s = (s * 48271) % 2147483647);
  const pts: [number, number][] = [];
  for (const [cx, cy] of [[0, 0], [32, 8], [15, 45], [60, 60]] as const) {
    for (let t = 0; t < 70; t++) pts.push([cx + (next() % 31) - 15, cy + (next() % 31) - 15]);
  }
  for (let t = 0; t < 80; t++) pts.push([(next() % 101) - 20, (next() % 101) - 20]);
  for (let i = pts.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [pts[i], pts[j]] = [pts[j]!, pts[i]!];
  }
  return Matrix.fromRows(pts.map(([x, y]) => [x / 10, y / 10]), ['x', 'y']);
}
/** Weights 0, 0.5, 1, 1.5, 2 (exact in binary, so no summation-order effects). */
const fixtureWeights = (n: number) => Float64Array.from({ length: n }, (_, i) => ((i * 7) % 5) * 0.5);

/*
 * Reference labels: scikit-learn 1.2.1 (Debian python3-sklearn), default algorithm ('auto' → kd_tree).
 * Encoding: one character per row, label + 1 in base 36 ('0' = noise). Core rows: '1'.
 *
 *   import numpy as np, string
 *   from sklearn.cluster import DBSCAN
 *   def fixture():                      # same generator as fixture() above
 *       s = 20240601
 *       def nxt():
 *           nonlocal s; s = s * 48271 % 2147483647; return s
 *       pts = []
 *       for cx, cy in [(0, 0), (32, 8), (15, 45), (60, 60)]:
 *           for _ in range(70): pts.append((cx + nxt() % 31 - 15, cy + nxt() % 31 - 15))
 *       for _ in range(80): pts.append((nxt() % 101 - 20, nxt() % 101 - 20))
 *       for i in range(len(pts) - 1, 0, -1):
 *           j = nxt() % (i + 1); pts[i], pts[j] = pts[j], pts[i]
 *       return np.array(pts, dtype=float) / 10
 *   X = fixture(); w = np.array([(i * 7 % 5) * 0.5 for i in range(len(X))])
 *   enc = lambda l: ''.join((string.digits + string.ascii_lowercase)[v + 1] for v in l)
 *   for eps, ms, sw in [(0.5, 5, None), (0.6, 6, None), (0.5, 5, w)]:
 *       m = DBSCAN(eps=eps, min_samples=ms).fit(X, sample_weight=sw)
 *       core = np.zeros(len(X), int); core[m.core_sample_indices_] = 1
 *       print(enc(m.labels_)); print(''.join(map(str, core)))
 *
 * With algorithm='brute' scikit-learn gives different labels for (0.5, 5) and (0.6, 6): its
 * dot-product distances round differently at the many exact ties; the tree compares Σ(xi-yi)² <= eps².
 */
const SKLEARN: { eps: number; minSamples: number; weighted: boolean; labels: string; core: string }[] = [
  {
    eps: 0.5,
    minSamples: 5,
    weighted: false,
    labels:
      '1121111303111b11131335213411b05655113101313030164246637061010110621731661c1331002033113403301001112601013413701311ab1171169140371431836193116631418116332610136a46a3616711210090b1111111311111140141136021316131131816316001043116133161c1061703323369013181111111031047113341101360461031031366111431a10041c140167941418170330311100103011364319953c1161013a11031031640',
    core:
      '111001110011100011011001111100000111110111101011111111001101011011111101100111000011101001101001111100010011101101001001110100101111111110111111010111111010101110101111110100101011111111111111011011101111011111000011100101111111111011011101110011010111111110011011110110101110101011011111111111010010011011110110111011010110010101111010110101111011011011010100',
  },
  {
    eps: 0.6,
    minSamples: 6,
    weighted: false,
    labels:
      '112111120211101112122121231100131111210121202213323332303101011232142133101221022022112322201001112301012312401211301141133132231321123132113321311113222310123333323134112102301111111121111113113112302121312112111321300123211312213111031402222233112111111111021034112231101230331021021233111321310131013013433131114022021110010201123321331201131212311021021330',
    core:
      '111011110111101111011011111100010111110111101111011111001101011011111101101111000011111101101001111100011011101111101111110110101111111111111111110111111110101111111111111100100111111111111111011111101111111111001111100101111111111101011101111111011101011111011011110111101110111011011111111111110011011011110110011011010110010101111111110101111011111011011100',
  },
  {
    eps: 0.5,
    minSamples: 5,
    weighted: true,
    labels:
      '03122234043330322434401346320006002245054540403601666470620303346137436630344200104422460440200333160002403478343270257336926047364324639133a6456323264416202b6766746367231380900333232342333336236334601243654334522643600306433624b3620206370441446903b52333233304206733b460003460663842043466235643730062036036796203237044043320030402346642990402363024732042042600',
    core:
      '001011110111100111111001101100000011110111101010011011001101011011111101100110001010101101101001111100011011110111101010111000010111111110111110110111111010001100101111110110100011111111011101011011101110111111010111100101111111111001011100111111010111111100011011110110001110001101011111111111100011010011110100111011010010000101011010110101111001011011011100',
  },
];
const decodeLabels = (s: string) => Array.from(s, (ch) => parseInt(ch, 36) - 1);

/** scikit-learn's algorithm written the obvious way: all neighbourhoods by brute force, then dbscan_inner's stack. */
function naiveDbscan(X: Matrix, eps: number, minSamples: number, weight?: Float64Array): { labels: number[]; core: boolean[] } {
  const { rows: n, cols: d, data } = X;
  const nb: number[][] = [];
  for (let i = 0; i < n; i++) {
    nb.push([]);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (data[i * d + t]! - data[j * d + t]!) ** 2;
      if (s <= eps * eps) nb[i]!.push(j);
    }
  }
  const core = nb.map((list) => list.reduce((a, j) => a + (weight ? weight[j]! : 1), 0) >= minSamples);
  const labels = new Array<number>(n).fill(-1);
  let k = 0;
  for (let i0 = 0; i0 < n; i0++) {
    if (labels[i0] !== -1 || !core[i0]) continue;
    const stack: number[] = [];
    let i = i0;
    for (;;) {
      if (labels[i] === -1) {
        labels[i] = k;
        if (core[i]) for (const v of nb[i]!) if (labels[v] === -1) stack.push(v);
      }
      if (!stack.length) break;
      i = stack.pop()!;
    }
    k++;
  }
  return { labels, core };
}

/** Same partition up to renumbering (noise must stay noise). */
function expectSamePartition(a: ArrayLike<number>, b: ArrayLike<number>, rows?: readonly number[]): void {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (const i of rows ?? Array.from({ length: a.length }, (_, i) => i)) {
    const x = a[i]!, y = b[i]!;
    expect(x === NOISE, `row ${i}: noise in one labelling only`).toBe(y === NOISE);
    if (ab.has(x)) expect(ab.get(x), `row ${i}`).toBe(y);
    else ab.set(x, y);
    if (ba.has(y)) expect(ba.get(y), `row ${i}`).toBe(x);
    else ba.set(y, x);
  }
}

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('DBSCAN: hand-computed fixtures', () => {
  it('1-D, eps 1.5, minSamples 3: core / border / noise listed by hand', () => {
    // Neighbours within 1.5 (itself included):
    //  0: {0,1} 2 → border of 1     1: {0,1,2} 3 → core     2: {1,2,3.5} 3 → core (3.5-2 = 1.5 exactly: inclusive)
    //  3.5: {2,3.5} 2 → border      10: {10,11} → border    11: {10,11,12} → core    12: {11,12,13.4} → core
    //  13.4: {12,13.4} → border     20: {20} → noise
    const X = col([0, 1, 2, 3.5, 10, 11, 12, 13.4, 20]);
    const model = new DBSCAN({ eps: 1.5, minSamples: 3 }).fit(X);
    expect(Array.from(model.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, NOISE]);
    expect(Array.from(model.coreSampleIndices)).toEqual([1, 2, 5, 6]);
    expect(model.components.toRows()).toEqual([[1], [2], [11], [12]]);
    expect(model.k).toBe(2);
    expect(model.noiseCount).toBe(1);
    expect(model.kind).toBe('dbscan');
    expect(model.columns).toEqual(['x']);
  });

  it('a border point reachable from two clusters joins the one whose first core row comes first', () => {
    // eps 1, minSamples 4. A = {0, .3, .6, 1} (all core), B = {3, 3.4, 3.7, 4} (all core);
    // 2 has {1, 2, 3} → 3 neighbours: border, within eps of core 1 (A) and core 3 (B).
    const bFirst = [3.4, 2, 0, 0.3, 0.6, 1, 3, 3.7, 4];
    const m1 = new DBSCAN({ eps: 1, minSamples: 4 }).fit(col(bFirst));
    expect(Array.from(m1.labels)).toEqual([0, 0, 1, 1, 1, 1, 0, 0, 0]);
    expect(Array.from(m1.coreSampleIndices)).toEqual([0, 2, 3, 4, 5, 6, 7, 8]);
    const aFirst = [0, 2, 0.3, 0.6, 1, 3, 3.4, 3.7, 4];
    const m2 = new DBSCAN({ eps: 1, minSamples: 4 }).fit(col(aFirst));
    expect(Array.from(m2.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('sample weights: the weighted count decides; a heavy row is a core point on its own', () => {
    // 0 has weight 5 >= minSamples: core alone. 10 and 10.5 reach only 2.
    const m = new DBSCAN({ eps: 1, minSamples: 5 }).fit(col([0, 10, 10.5]), { sampleWeight: [5, 1, 1] });
    expect(Array.from(m.labels)).toEqual([0, NOISE, NOISE]);
    expect(Array.from(m.coreSampleIndices)).toEqual([0]);
    // A zero weight does not count as a neighbour: 0.5 reaches 0+0.5+1 with weights 1+0+1 = 2 < 3.
    const X = col([0, 0.5, 1]);
    expect(Array.from(new DBSCAN({ eps: 1, minSamples: 3 }).fit(X, { sampleWeight: [1, 0, 1] }).labels)).toEqual([NOISE, NOISE, NOISE]);
    expect(Array.from(new DBSCAN({ eps: 1, minSamples: 3 }).fit(X, { sampleWeight: [1, 1, 1] }).labels)).toEqual([0, 0, 0]);
    // Fractional weights, eps 0.6: only 0.5 reaches both others, 0.75 + 0.5 + 0.75 = 2 = minSamples; the ends reach 1.25.
    expect(Array.from(new DBSCAN({ eps: 0.6, minSamples: 2 }).fit(X, { sampleWeight: [0.75, 0.5, 0.75] }).coreSampleIndices)).toEqual([1]);
  });

  it('all noise gives k = 0 and predict returns noise everywhere', () => {
    const m = new DBSCAN({ eps: 0.1, minSamples: 2 }).fit(col([0, 1, 2]));
    expect(m.k).toBe(0);
    expect(Array.from(m.labels)).toEqual([NOISE, NOISE, NOISE]);
    expect(m.components.rows).toBe(0);
    expect(Array.from(m.predict(col([0, 1.05])))).toEqual([NOISE, NOISE]);
    expect(Array.from(roundTrip(m).predict(col([0])))).toEqual([NOISE]);
  });
});

describe('DBSCAN equals scikit-learn', () => {
  const X = fixture();
  for (const ref of SKLEARN) {
    it(`fixture of ${X.rows} rows, eps ${ref.eps}, minSamples ${ref.minSamples}${ref.weighted ? ', sample weights' : ''}: identical labels and core samples`, () => {
      const model = new DBSCAN({ eps: ref.eps, minSamples: ref.minSamples }).fit(X, ref.weighted ? { sampleWeight: fixtureWeights(X.rows) } : {});
      expect(Array.from(model.labels)).toEqual(decodeLabels(ref.labels));
      const core = Array.from(ref.core).flatMap((c, i) => (c === '1' ? [i] : []));
      expect(Array.from(model.coreSampleIndices)).toEqual(core);
      expect(model.k).toBe(Math.max(...decodeLabels(ref.labels)) + 1);
    });
  }

  it('equals the brute-force reference algorithm on random data (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 120, maxLength: 120 })),
        (d, raw, epsTenths, minSamples, w) => {
          // Integer grid / 10: many exact distance ties at eps.
          const rows = raw.map((r) => r.slice(0, d).map((v) => v / 10));
          const X = Matrix.fromRows(rows);
          const weight = w ? Float64Array.from(rows, (_, i) => w[i]! * 0.5) : undefined;
          if (weight && weight.every((v) => v === 0)) weight[0] = 1;
          const eps = epsTenths / 10;
          const fit = (() => {
            try {
              return new DBSCAN({ eps, minSamples }).fit(X, weight ? { sampleWeight: weight } : {});
            } catch (e) {
              // Constant columns are rejected by the shared input check; nothing to compare then.
              if (e instanceof InputError && /constant/.test(e.message)) return null;
              throw e;
            }
          })();
          if (!fit) return;
          const ref = naiveDbscan(X, eps, minSamples, weight);
          expect(Array.from(fit.labels)).toEqual(ref.labels);
          expect(Array.from(fit.coreSampleIndices)).toEqual(ref.core.flatMap((c, i) => (c ? [i] : [])));
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe('DBSCAN: row order', () => {
  it('shuffling rows keeps the partition (renumbered); only contested border rows may switch, to another adjacent cluster', () => {
    const X = fixture();
    const eps = 0.5;
    const base = new DBSCAN({ eps, minSamples: 5 }).fit(X);
    const core = new Uint8Array(X.rows);
    base.coreSampleIndices.forEach((i) => (core[i] = 1));
    const dist2 = (i: number, j: number) => (X.get(i, 0) - X.get(j, 0)) ** 2 + (X.get(i, 1) - X.get(j, 1)) ** 2;
    // Clusters of the cores within eps of each non-core row: more than one = contested.
    const adjacent = Array.from({ length: X.rows }, (_, i) => new Set(base.coreSampleIndices.filter((c) => dist2(i, c) <= eps * eps).map((c) => base.labels[c]!)));
    const settled = Array.from({ length: X.rows }, (_, i) => i).filter((i) => core[i] || adjacent[i]!.size <= 1);
    const contested = Array.from({ length: X.rows }, (_, i) => i).filter((i) => !core[i] && adjacent[i]!.size > 1);
    expect(contested.length).toBeGreaterThan(0);
    for (const seed of [1, 2, 3, 4, 5]) {
      const order = new Rng(seed).shuffle(Array.from({ length: X.rows }, (_, i) => i));
      const shuffled = Matrix.fromRows(order.map((i) => Array.from(X.row(i))), X.columns);
      const m = new DBSCAN({ eps, minSamples: 5 }).fit(shuffled);
      // Back to the original row order.
      const labels = new Int32Array(X.rows);
      order.forEach((orig, pos) => (labels[orig] = m.labels[pos]!));
      expectSamePartition(base.labels, labels, settled);
      expect(m.k).toBe(base.k);
      expect(m.coreSampleIndices.length).toBe(base.coreSampleIndices.length);
      // A contested row joins a cluster one of its core neighbours belongs to.
      for (const i of contested) {
        const own = new Set(base.coreSampleIndices.filter((c) => dist2(i, c) <= eps * eps).map((c) => labels[c]!));
        expect(own.has(labels[i]!)).toBe(true);
      }
    }
  });
});

describe('DBSCANModel.predict', () => {
  it('nearest core point within eps (inclusive), else noise; ties go to the lower training row', () => {
    // Same data as the contested-border fixture: cores 3.4, 0, .3, .6, 1 (A = 1), 3, 3.7, 4 (B = 0).
    const m = new DBSCAN({ eps: 1, minSamples: 4 }).fit(col([3.4, 2, 0, 0.3, 0.6, 1, 3, 3.7, 4]));
    // 2.6 → core 3 (0.4); -1 → core 0 at exactly eps; 5.5 → nearest core 4 is 1.5 away: noise;
    // 2 → cores 1 (row 5) and 3 (row 6) both at distance 1: the lower row wins, so A (1) although its training label is 0.
    expect(Array.from(m.predict(col([2.6, -1, 5.5, 2])))).toEqual([0, 1, NOISE, 1]);
    expect(m.labels[1]).toBe(0);
  });

  it('predicting training rows returns their labels except contested border rows', () => {
    const X = fixture();
    const m = new DBSCAN({ eps: 0.6, minSamples: 6 }).fit(X);
    const p = m.predict(X);
    let differ = 0;
    for (let i = 0; i < X.rows; i++) if (p[i] !== m.labels[i]) differ++;
    m.coreSampleIndices.forEach((i) => expect(p[i]).toBe(m.labels[i]));
    expect(differ).toBeLessThanOrEqual(2); // scikit-learn listed 2 contested border rows for this setting
  });

  it('checks columns and values', () => {
    const m = new DBSCAN({ eps: 1.5, minSamples: 3 }).fit(col([0, 1, 2]));
    expect(() => m.predict(Matrix.fromColumns({ y: [1] }))).toThrow(/column 1 is "y", expected "x"/);
    expect(() => m.predict(Matrix.fromColumns({ x: [1], y: [2] }))).toThrow(/2 columns, expected 1/);
    expect(() => m.predict(col([1, NaN]))).toThrow(/column "x".*row 2|row 2.*column "x"/s);
    expect(m.predict(Matrix.fromRows([], ['x'])).length).toBe(0);
    expect(Array.from(m.predict(col([5, 5])))).toEqual([NOISE, NOISE]); // a constant batch is fine
  });
});

describe('DBSCANModel JSON', () => {
  it('round trip keeps labels, core samples and predictions', () => {
    const X = fixture();
    const m = new DBSCAN({ eps: 0.5, minSamples: 5 }).fit(X);
    const json = m.toJSON();
    expect(json).toMatchObject({ schemaVersion: 1, kind: 'dbscan', params: { eps: 0.5, minSamples: 5 }, columns: ['x', 'y'], k: m.k });
    const loaded = roundTrip(m);
    expect(Array.from(loaded.labels)).toEqual(Array.from(m.labels));
    expect(Array.from(loaded.coreSampleIndices)).toEqual(Array.from(m.coreSampleIndices));
    const rng = new Rng(3);
    const fresh = Matrix.fromRows(Array.from({ length: 500 }, () => [rng.uniform(-2, 8), rng.uniform(-2, 8)]), ['x', 'y']);
    const before = m.predict(fresh);
    expect(Array.from(loaded.predict(fresh))).toEqual(Array.from(before));
    expect(new Set(before).size).toBeGreaterThan(3);
    expect(DBSCANModel.fromJSON(JSON.stringify(json)).k).toBe(m.k);
  });

  it('fromJSON names the bad field', () => {
    const good = new DBSCAN({ eps: 1.5, minSamples: 3 }).fit(col([0, 1, 2, 3.5, 10, 11, 12, 13.4, 20])).toJSON();
    expect(() => DBSCANModel.fromJSON({ ...good, params: { eps: -1, minSamples: 3 } })).toThrow(/Invalid DBSCAN JSON: params\.eps/);
    expect(() => DBSCANModel.fromJSON({ ...good, kind: 'kmeans' })).toThrow(/kind/);
    expect(() => DBSCANModel.fromJSON({ ...good, labels: [...good.labels.slice(0, 8), 5] })).toThrow(/labels\.8 is 5/);
    expect(() => DBSCANModel.fromJSON({ ...good, components: [[1], [2], [11]] })).toThrow(/components has 3 rows/);
    expect(() => DBSCANModel.fromJSON({ ...good, components: [[1], [2], [11], [12, 0]] })).toThrow(/components\.3 has 2 values/);
    expect(() => DBSCANModel.fromJSON({ ...good, coreSampleIndices: [1, 2, 5, 8] })).toThrow(/core sample 8 .* noise/);
    expect(() => DBSCANModel.fromJSON({ ...good, k: 3 })).toThrow(/no core sample is labelled 2/);
    expect(() => DBSCANModel.fromJSON({ ...good, coreSampleIndices: [1, 2], components: [[1], [2]] })).toThrow(/no core sample is labelled 1/);
    expect(() => DBSCANModel.fromJSON('{oops')).toThrow(UsageError);
  });
});

describe('DBSCAN: clear errors', () => {
  it('rejects bad parameters, naming them', () => {
    expect(() => new DBSCAN({ eps: 0 })).toThrow(/Invalid DBSCAN eps: got 0, expected a finite number > 0/);
    expect(() => new DBSCAN({ eps: -0.5 })).toThrow(/DBSCAN eps/);
    expect(() => new DBSCAN({ eps: NaN })).toThrow(/DBSCAN eps/);
    expect(() => new DBSCAN({ eps: 1, minSamples: 0 })).toThrow(/DBSCAN minSamples: got 0, expected a whole number >= 1/);
    expect(() => new DBSCAN({ eps: 1, minSamples: 2.5 })).toThrow(/DBSCAN minSamples/);
    expect(() => new DBSCAN(undefined as never)).toThrow(UsageError);
    expect(new DBSCAN({ eps: 1 }).params).toEqual({ eps: 1, minSamples: 5 });
  });

  it('rejects bad input: 0 rows, NaN named by column and row, bad weights', () => {
    const dbscan = new DBSCAN({ eps: 1 });
    expect(errorOf(() => dbscan.fit(Matrix.fromRows([], ['x'])))).toBeInstanceOf(InputError);
    expect(() => dbscan.fit(Matrix.fromRows([], ['x']))).toThrow(/DBSCAN\.fit: the input has 0 rows/);
    const err = errorOf(() => dbscan.fit(Matrix.fromColumns({ age: [1, 2, 3], spend: [1, NaN, 3] }))) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.problems[0]).toMatchObject({ check: 'non-finite', location: { column: 'spend', row: 2 } });
    expect(err.message).toMatch(/row 2, column "spend"/);
    expect(() => dbscan.fit(col([1, 2]), { sampleWeight: [1] })).toThrow(/sampleWeight has 1 values, expected one per row \(2\)/);
    expect(() => dbscan.fit(col([1, 2]), { sampleWeight: [1, -1] })).toThrow(/sampleWeight at row 2 is -1/);
  });
});

describe('DBSCAN: progress and scale', () => {
  it('reports its two steps', () => {
    const steps: string[] = [];
    const ends: string[] = [];
    const progress: Progress = { start: (s) => steps.push(s), update() {}, end: (d) => ends.push(d ?? ''), note() {} };
    new DBSCAN({ eps: 1.5, minSamples: 3 }).fit(col([0, 1, 2, 3.5, 10, 11, 12, 13.4, 20]), { progress });
    expect(steps).toEqual(['DBSCAN: find core points', 'DBSCAN: grow clusters']);
    expect(ends).toEqual(['4 core points of 9', '2 clusters, 1 noise rows']);
  });

  it('20,000 rows in 3-D: three blobs found, uniform background is noise', () => {
    const rng = new Rng(11);
    const centres = [[0, 0, 0], [6, 0, 0], [0, 6, 6]];
    const rows: number[][] = [];
    const truth: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      if (i % 20 === 19) {
        rows.push([rng.uniform(-10, 16), rng.uniform(-10, 16), rng.uniform(-10, 16)]);
        truth.push(-1);
      } else {
        const t = i % 3;
        rows.push(centres[t]!.map((c) => rng.normal(c, 0.5)));
        truth.push(t);
      }
    }
    const m = new DBSCAN({ eps: 0.4, minSamples: 10 }).fit(Matrix.fromRows(rows));
    expect(m.k).toBe(3);
    // Every blob row far inside (within 1 sd of its centre) is in its blob's cluster.
    const clusterOf = new Map<number, number>();
    rows.forEach((r, i) => {
      const t = truth[i]!;
      if (t < 0 || Math.hypot(...r.map((v, j) => v - centres[t]![j]!)) > 0.5) return;
      if (!clusterOf.has(t)) clusterOf.set(t, m.labels[i]!);
      expect(m.labels[i]).toBe(clusterOf.get(t));
    });
    expect(new Set(clusterOf.values()).size).toBe(3);
    const noiseRows = truth.flatMap((t, i) => (t < 0 ? [i] : []));
    expect(noiseRows.filter((i) => m.labels[i] === NOISE).length / noiseRows.length).toBeGreaterThan(0.9);
  });
});

describe('suggestEps', () => {
  it('k-distances by hand: the minSamples-th nearest row, itself counted first', () => {
    // minSamples 2 → distance to the nearest other row: 0→1, 1→1, 3→2, 6→3, 10→4.
    const s = suggestEps(col([0, 1, 3, 6, 10]), 2);
    expect(Array.from(s.kDistances)).toEqual([1, 1, 2, 3, 4]);
    expect(s.minSamples).toBe(2);
    expect(s.eps).toBe(s.kDistances[s.kneeIndex]);
    // minSamples 3 → the second nearest other row: 0→3, 1→2, 3→3 (2, 3, 3, 7), 6→4 (3, 4, 5, 6), 10→7 (4, 7, ...).
    expect(Array.from(suggestEps(col([0, 1, 3, 6, 10]), 3).kDistances)).toEqual([2, 3, 3, 4, 7]);
  });

  it('on blobs with background noise, eps sits between the blobs and the noise, and DBSCAN with it finds the blobs', () => {
    const rng = new Rng(5);
    const rows: number[][] = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 10 === 9) rows.push([rng.uniform(-20, 30), rng.uniform(-20, 30)]);
      else rows.push([rng.normal((i % 3) * 8, 0.7), rng.normal((i % 3 === 2 ? 8 : 0), 0.7)]);
    }
    const X = Matrix.fromRows(rows);
    const s = suggestEps(X, 8);
    expect(s.method).toBe('max');
    const blobK = [...s.kDistances.subarray(0, 1350)].sort((a, b) => a - b)[675]!; // a typical blob row
    expect(s.eps).toBeGreaterThan(blobK);
    expect(s.eps).toBeLessThan(s.kDistances[s.kDistances.length - 100]!);
    const m = new DBSCAN({ eps: s.eps, minSamples: 8 }).fit(X);
    expect(m.k).toBe(3);
    // kneed's first-knee rule reads the curve from the steep end and stops at the noise tail's own bend.
    const kneed = suggestEps(X, 8, { knee: 'kneed' });
    expect(kneed.method).toBe('kneed');
    expect(kneed.eps).toBeGreaterThan(2);
    expect(() => suggestEps(X, 8, { knee: 'first' as never })).toThrow(/suggestEps knee/);
  });

  it('a constant k-distance curve and duplicate rows', () => {
    expect(suggestEps(col([0, 1, 2, 3, 4, 5]), 2)).toMatchObject({ eps: 1, method: 'constant' });
    // Half the rows are duplicated: their k-distance is 0, which is not a usable eps.
    const s = suggestEps(col([0, 0, 0, 5, 9, 14, 20]), 3);
    expect(s.eps).toBeGreaterThan(0);
    expect(() => suggestEps(col([1, 1, 1, 2, 2, 2]), 3)).toThrow(/every k-distance is 0/);
  });

  it('rejects bad minSamples and too few rows', () => {
    expect(() => suggestEps(col([0, 1, 2]), 1)).toThrow(/suggestEps minSamples: got 1/);
    expect(() => suggestEps(col([0, 1, 2]), 5)).toThrow(/3 rows; the k-distance curve needs at least minSamples=5/);
    expect(() => suggestEps(col([0, NaN, 2]), 2)).toThrow(InputError);
  });
});
