import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors';
import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';
import { DecisionTree, DecisionTreeModel } from '../../../src/rules';

// Hand-computed fixture: x0 = 1..6, y = 0 0 1 0 1 1, x1 a copy of x0.
// Weighted child Gini of each root split on x0: t=1.5 → 0.4, 2.5 → 4/6·0.375 = 0.25, 3.5 → 4/9,
// 4.5 → 0.25, 5.5 → 0.4. Best 0.25 is tied between 2.5 and 4.5 (and between x0 and x1): the lowest
// feature, then the lowest threshold wins → x0 <= 2.5, impurity decrease 0.5 − 0.25 = 0.25.
// Right child (x0 = 3..6, y = 1 0 1 1): 3.5 → 3/4·4/9 = 1/3, 4.5 → 2/4·0.5 = 0.25, 5.5 → 1/3 → x0 <= 4.5,
// whose left leaf {1, 0} is a tie predicted as the lower label 0.
const x = [1, 2, 3, 4, 5, 6];
const X = Matrix.fromColumns({ x0: x, x1: x });
const y = [0, 0, 1, 0, 1, 1];

describe('DecisionTree', () => {
  it('finds the hand-computed best split with deterministic ties (depth 1)', () => {
    const m = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 }).fit(X, y);
    expect(Array.from(m.tree.feature)).toEqual([0, -1, -1]);
    expect(m.tree.threshold[0]).toBe(2.5);
    expect(m.tree.impurity[0]).toBeCloseTo(0.5, 12);
    expect(Array.from(m.predict(X))).toEqual([0, 0, 1, 1, 1, 1]);
    expect(Array.from(m.featureImportances)).toEqual([1, 0]);
    const leaves = m.leaves();
    expect(leaves.map((l) => [l.label, l.nSamples, l.path.map((s) => `${s.featureName}${s.op}${s.threshold}`).join(' & ')])).toEqual([
      [0, 2, 'x0<=2.5'],
      [1, 4, 'x0>2.5'],
    ]);
    expect(leaves[1]!.purity).toBe(0.75);
  });

  it('grows the hand-computed second level', () => {
    const m = new DecisionTree({ maxDepth: 2, minSamplesLeaf: 1 }).fit(X, y);
    expect(Array.from(m.tree.feature)).toEqual([0, -1, 0, -1, -1]);
    expect(Array.from(m.tree.threshold.filter((_, t) => m.tree.feature[t]! >= 0))).toEqual([2.5, 4.5]);
    expect(Array.from(m.predict(X))).toEqual([0, 0, 0, 0, 1, 1]);
    expect(m.depth).toBe(2);
  });

  it('keeps labels as given (segment ids need not start at 0)', () => {
    const m = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 }).fit(X, y.map((v) => (v ? 7 : 3)));
    expect(Array.from(m.classes)).toEqual([3, 7]);
    expect(Array.from(m.predict(X))).toEqual([3, 3, 7, 7, 7, 7]);
  });

  it('reads NaN as 0, in fit and in predict', () => {
    const withNaN = Matrix.fromColumns({ a: [NaN, 1, 2, NaN, 5, 6, -1, 0] });
    const withZero = Matrix.fromColumns({ a: [0, 1, 2, 0, 5, 6, -1, 0] });
    const labels = [0, 0, 1, 0, 1, 1, 2, 0];
    const p = { maxDepth: 3, minSamplesLeaf: 1 };
    const m1 = new DecisionTree(p).fit(withNaN, labels);
    const m2 = new DecisionTree(p).fit(withZero, labels);
    expect(m1.toJSON()).toEqual({ ...m2.toJSON(), featureNames: ['a'] });
    expect(Array.from(m1.predict(withNaN))).toEqual(Array.from(m2.predict(withZero)));
  });

  it('defaults minSamplesLeaf to max(20, 1% of rows): 30 rows give a single leaf', () => {
    const n = 30;
    const Xs = Matrix.fromColumns({ a: Array.from({ length: n }, (_, i) => i) });
    const m = new DecisionTree().fit(Xs, Array.from({ length: n }, (_, i) => (i < 15 ? 0 : 1)));
    expect(m.params.minSamplesLeaf).toBe(20);
    expect(m.nodeCount).toBe(1);
    expect(Array.from(m.featureImportances)).toEqual([0]);
  });

  it('respects minImpurityDecrease and sample weights', () => {
    expect(new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1, minImpurityDecrease: 0.26 }).fit(X, y).nodeCount).toBe(1);
    expect(new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1, minImpurityDecrease: 0.25 }).fit(X, y).nodeCount).toBe(3);
    // Uniform weights change nothing; a heavy row 4 (label 0) moves the root split to 4.5.
    const base = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 }).fit(X, y).toJSON();
    const twice = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 }).fit(X, y, { sampleWeight: [2, 2, 2, 2, 2, 2] }).toJSON();
    expect(twice.nodes.threshold).toEqual(base.nodes.threshold);
    const heavy = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 }).fit(X, y, { sampleWeight: [1, 1, 1, 5, 1, 1] });
    expect(heavy.tree.threshold[0]).toBe(4.5);
  });

  it('round-trips through toJSON / fromJSON (object and text)', () => {
    const rng = new Rng(3);
    const n = 400;
    const cols = { a: new Float64Array(n), b: new Float64Array(n), c: new Float64Array(n) };
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      cols.a[i] = rng.normal();
      cols.b[i] = rng.int(10);
      cols.c[i] = rng.bernoulli(0.1) ? NaN : rng.uniform(-3, 3);
      labels[i] = (cols.a[i]! > 0 ? 1 : 0) + (cols.b[i]! > 6 ? 2 : 0);
    }
    const Xr = Matrix.fromColumns(cols);
    const m = new DecisionTree({ maxDepth: 4, minSamplesLeaf: 5 }).fit(Xr, labels);
    const text = JSON.stringify(m);
    const back = DecisionTreeModel.fromJSON(text);
    expect(back.toJSON()).toEqual(m.toJSON());
    expect(DecisionTreeModel.fromJSON(m.toJSON()).predict(Xr)).toEqual(m.predict(Xr));
    expect(() => DecisionTreeModel.fromJSON({ ...m.toJSON(), schemaVersion: 2 })).toThrow(/schemaVersion/);
    const broken = m.toJSON();
    broken.nodes.left[0] = 0;
    expect(() => DecisionTreeModel.fromJSON(broken)).toThrow(/node 0 has children/);
  });

  it('bins more than 100,000 rows at quantiles, deterministically per seed', () => {
    const rng = new Rng(11);
    const n = 120_000;
    const a = new Float64Array(n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = rng.lognormal(3, 1);
      labels[i] = a[i]! > 20 ? 1 : 0;
    }
    const Xq = Matrix.fromColumns({ a });
    const fit = (seed: number) => new DecisionTree({ maxDepth: 1, maxThresholds: 16, seed }).fit(Xq, labels);
    const m = fit(5);
    expect(fit(5).toJSON()).toEqual(m.toJSON());
    // 16 quantile cut points cannot land exactly on 20; the chosen one is the nearest candidate, so accuracy stays high.
    let ok = 0;
    const p = m.predict(Xq);
    for (let i = 0; i < n; i++) if (p[i] === labels[i]) ok++;
    expect(ok / n).toBeGreaterThan(0.95);
  });

  it('validates its input and parameters', () => {
    expect(() => new DecisionTree({ maxDepth: -1 })).toThrow(/maxDepth/);
    expect(() => new DecisionTree({ maxThresholds: 0 })).toThrow(/maxThresholds/);
    expect(() => new DecisionTree({ maxThresholds: 0 })).toThrow('Invalid DecisionTree maxThresholds: got 0, expected a whole number from 1 to 65535.');
    // Params are declared once (decisionTreeParamsSchema): a misspelt one is refused, not ignored.
    expect(() => new DecisionTree({ max_depth: 2 } as never)).toThrow(/Invalid DecisionTree params: unknown key "max_depth"; DecisionTree takes maxDepth, minSamplesLeaf/);
    expect(() => new DecisionTree().fit(X, [0, 1])).toThrow(/y has 2 labels/);
    expect(() => new DecisionTree().fit(X, [0, 1, 0.5, 0, 0, 0])).toThrow(/whole numbers/);
    expect(() => new DecisionTree().fit(Matrix.fromColumns({ a: [1, Infinity] }), [0, 1])).toThrow(/Infinity/);
    const m = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 }).fit(X, y);
    expect(() => m.predict(Matrix.fromColumns({ x1: x, x0: x }))).toThrow('DecisionTreeModel.predict: X does not have the columns the model was fitted on (column 1 is "x1", expected "x0"). Fitted on: x0, x1.');
  });

  it('reads NaN as +Infinity in the columns of missingAsInfinity (fields in days), and saves that', () => {
    const Xd = Matrix.fromColumns({ days: [1, 2, 3, NaN, NaN, 10, 11], other: [0, 0, 0, 0, 0, 0, 0] });
    const yd = [0, 0, 0, 1, 1, 1, 1];
    const m = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1, missingAsInfinity: ['days'] }).fit(Xd, yd);
    expect(m.tree.threshold[0]).toBe(6.5);
    expect(Array.from(m.predict(Xd))).toEqual(yd);
    const back = DecisionTreeModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.params.missingAsInfinity).toEqual(['days']);
    expect(Array.from(back.predict(Matrix.fromColumns({ days: [NaN, 2], other: [0, 0] })))).toEqual([1, 0]);
    // Only missing values above the largest value: the threshold is that value, never Infinity.
    const only = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1, missingAsInfinity: ['days'] }).fit(Matrix.fromColumns({ days: [1, NaN, NaN], other: [0, 0, 0] }), [0, 1, 1]);
    expect(only.tree.threshold[0]).toBe(1);
    expect(Array.from(only.predict(Matrix.fromColumns({ days: [NaN, 1, 5], other: [0, 0, 0] })))).toEqual([1, 0, 1]);
    // Without it NaN reads as 0 (and saved trees without the field still load).
    const plain = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 }).fit(Xd, yd);
    expect(plain.toJSON().params).not.toHaveProperty('missingAsInfinity');
    expect(() => new DecisionTree({ missingAsInfinity: ['nope'] }).fit(Xd, yd)).toThrow(/missingAsInfinity names "nope"/);
  });

  it('with distinctiveWithin, prefers among near-equal splits the feature that sets the separated segments apart', () => {
    // Both columns separate the two segments perfectly (the same Gini gain). spread has a wide spread inside
    // each segment (|standardised difference| 0.87); flag is the segments' defining trait (1.0).
    const n = 100;
    const spread = Array.from({ length: n }, (_, i) => i);
    const flag = Array.from({ length: n }, (_, i) => (i < 50 ? 0 : 1));
    const labels = flag.slice();
    const X2 = Matrix.fromColumns({ spread, flag });
    const plain = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 }).fit(X2, labels);
    expect(plain.featureNames[plain.tree.feature[0]!]).toBe('spread'); // ties go to the first column
    const preferring = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1, distinctiveWithin: 0.01 }).fit(X2, labels);
    expect(preferring.featureNames[preferring.tree.feature[0]!]).toBe('flag');
    expect(Array.from(preferring.predict(X2))).toEqual(labels);
    expect(DecisionTreeModel.fromJSON(preferring.toJSON()).params.distinctiveWithin).toBe(0.01);
    // A split more than the tolerance worse is never taken for its features: one row of flag moved across.
    const noisy = flag.slice();
    noisy[10] = 1;
    const worse = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1, distinctiveWithin: 0.01 }).fit(Matrix.fromColumns({ spread, flag: noisy }), labels);
    expect(worse.featureNames[worse.tree.feature[0]!]).toBe('spread');
    expect(() => new DecisionTree({ distinctiveWithin: 1 })).toThrow(/distinctiveWithin/);
  });

  it('refuses ±Infinity at predict and apply as fit does, naming the row and column', () => {
    const m = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 }).fit(X, y);
    const bad = Matrix.fromColumns({ x0: [1, 2, 3], x1: [1, -Infinity, 3] });
    expect(() => m.predict(bad)).toThrow(InputError);
    expect(() => m.predict(bad)).toThrow(/column "x1" row 2 is -Infinity/);
    expect(() => m.apply(Matrix.fromColumns({ x0: [Infinity], x1: [0] }))).toThrow(/column "x0" row 1 is Infinity/);
    expect(Array.from(m.predict(Matrix.fromColumns({ x0: [NaN, 6], x1: [0, 0] })))).toEqual([0, 1]);
  });
});
