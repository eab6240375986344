import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';
import { DecisionTree, evaluateRules, extractRules, parseCondition, pathBounds, rangeConditions } from '../../../src/rules';

// 3 segments separable by thresholds on a 7 × 6 grid: 2 = recency > 30; 0 = recency <= 30 and
// spend > 100; 1 = the rest. Midpoints between the grid values: recency 34 (28 | 40), spend 115 (80 | 150).
// Root: recency leaves 0.5·24/42 = 0.286 weighted Gini, spend 0.490 → recency first.
const recencies = [5, 10, 20, 28, 40, 60, 90];
const spends = [20, 50, 80, 150, 200, 300];
function grid(): { X: Matrix; y: Int32Array } {
  const rows: number[][] = [];
  const y: number[] = [];
  for (const r of recencies)
    for (const s of spends) {
      rows.push([r, s]);
      y.push(r > 30 ? 2 : s > 100 ? 0 : 1);
    }
  return { X: Matrix.fromRows(rows, ['recency_days', 'spend']), y: Int32Array.from(y) };
}

describe('extractRules', () => {
  it('gives exactly the expected conditions, ordered by size', () => {
    const { X, y } = grid();
    const model = new DecisionTree({ maxDepth: 3, minSamplesLeaf: 1 }).fit(X, y);
    const out = extractRules(model, { featureNames: ['recency_days', 'spend'], segmentNames: { 0: 'VIP', 2: 'Lapsed' } });
    const r = { var: 'recency_days' };
    const s = { var: 'spend' };
    expect(out.segments).toEqual([
      expect.objectContaining({ id: 2, names: { en: 'Lapsed', fr: 'Lapsed' }, condition: { '>': [r, 34] } }),
      expect.objectContaining({ id: 0, names: { en: 'VIP', fr: 'VIP' }, condition: { and: [{ '<=': [r, 34] }, { '>': [s, 115] }] } }),
      expect.objectContaining({ id: 1, names: { en: 'Segment 1', fr: 'Segment 1' }, condition: { and: [{ '<=': [r, 34] }, { '<=': [s, 115] }] } }),
    ]);
    expect(out.stats.map((st) => [st.id, st.rows, st.purity])).toEqual([[2, 18, 1], [0, 12, 1], [1, 12, 1]]);
    expect(out.fallback).toEqual({ id: 2, names: { en: 'Lapsed', fr: 'Lapsed' } });
    expect(out.unmatchedSegments).toEqual([]);
    expect(Array.from(evaluateRules(out.segments, out.fallback.id, X))).toEqual(Array.from(y));
  });

  it('a field in days: the tree and its rules read a missing value as longer than any window', () => {
    // Never-buyers (recency missing) behave like the lapsed: the tree puts them together with recency > 34,
    // and the rule says so explicitly, so that engines reading missing as 0 agree.
    const { X, y } = grid();
    const rows = [...Array(X.rows).keys()].map((i) => X.row(i));
    const extra = [[NaN, 20], [NaN, 50], [NaN, 300]];
    const Xn = Matrix.fromRows([...rows.map((r) => Array.from(r)), ...extra], ['recency_days', 'spend']);
    const yn = Int32Array.from([...y, 2, 2, 2]);
    const model = new DecisionTree({ maxDepth: 3, minSamplesLeaf: 1, missingAsInfinity: ['recency_days'] }).fit(Xn, yn);
    expect(Array.from(model.predict(Xn))).toEqual(Array.from(yn));
    const out = extractRules(model, { featureNames: ['recency_days', 'spend'] });
    const r = { var: 'recency_days' };
    expect(out.segments[0]).toMatchObject({ id: 2, condition: { or: [{ '==': [r, null] }, { '>': [r, 34] }] } });
    expect(out.segments[1]!.condition).toEqual({ and: [{ '!=': [r, null] }, { '<=': [r, 34] }, { '>': [{ var: 'spend' }, 115] }] });
    expect(Array.from(evaluateRules(out.segments, out.fallback.id, Xn))).toEqual(Array.from(yn));
    // Read as 0, the never-buyers sit among the most recent customers: the tree needs extra splits to part them.
    const plain = new DecisionTree({ maxDepth: 3, minSamplesLeaf: 1 }).fit(Xn, yn);
    expect(plain.nodeCount).toBeGreaterThan(model.nodeCount);
  });

  it("orders by purity with priority 'purity'", () => {
    const { X, y } = grid();
    y[0] = 0; // one VIP in the "rest" corner: segment 1's leaf becomes 11/12 pure
    const model = new DecisionTree({ maxDepth: 2, minSamplesLeaf: 1 }).fit(X, y);
    const out = extractRules(model, { featureNames: ['recency_days', 'spend'], priority: 'purity' });
    expect(out.segments.map((s) => s.id)).toEqual([2, 0, 1]);
    expect(out.stats[2]!.purity).toBeCloseTo(11 / 12, 12);
  });

  it('merges repeated bounds on a field to the tightest and names renamed fields', () => {
    const steps = [
      { feature: 0, featureName: 'a', op: '<=' as const, threshold: 10 },
      { feature: 1, featureName: 'b', op: '>' as const, threshold: 1 },
      { feature: 0, featureName: 'a', op: '>' as const, threshold: 2 },
      { feature: 0, featureName: 'a', op: '<=' as const, threshold: 7 },
      { feature: 1, featureName: 'b', op: '>' as const, threshold: 3 },
    ];
    expect(pathBounds(steps, ['A', 'B'])).toEqual([
      { field: 'A', lower: 2, upper: 7 },
      { field: 'B', lower: 3, upper: null },
    ]);
    // a < x <= b has no 3-argument form in the subset: the pair; same strictness on both sides: the 3-argument form.
    expect(rangeConditions('A', 2, false, 7, true)).toEqual([{ '>': [{ var: 'A' }, 2] }, { '<=': [{ var: 'A' }, 7] }]);
    expect(rangeConditions('A', 2, true, 7, true)).toEqual([{ '<=': [2, { var: 'A' }, 7] }]);
    expect(rangeConditions('A', 2, false, 7, false)).toEqual([{ '<': [2, { var: 'A' }, 7] }]);
  });

  it('reports segments no leaf predicts', () => {
    const { X, y } = grid();
    y[41] = 9; // one row of segment 9: never a leaf's majority with leaves of at least 3 rows
    const model = new DecisionTree({ maxDepth: 3, minSamplesLeaf: 3 }).fit(X, y);
    const out = extractRules(model, { featureNames: ['recency_days', 'spend'] });
    expect(out.unmatchedSegments).toEqual([9]);
    expect(out.segments.map((s) => s.id).sort()).toEqual([0, 1, 2]);
  });

  it('a single-leaf tree gives the rule true', () => {
    const { X, y } = grid();
    const model = new DecisionTree({ maxDepth: 0 }).fit(X, y);
    const out = extractRules(model, { featureNames: ['r', 's'] });
    expect(out.segments).toEqual([expect.objectContaining({ id: 2, condition: true })]);
    expect(out.unmatchedSegments).toEqual([0, 1]);
  });

  it('refuses feature names that do not fit the tree', () => {
    const { X, y } = grid();
    const model = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 }).fit(X, y);
    expect(() => extractRules(model, { featureNames: ['only_one'] })).toThrow(/featureNames/);
    expect(() => extractRules(model, { featureNames: ['a', 'a'] })).toThrow(/distinct/);
  });

  it('property: rules reproduce tree.predict exactly on the training data, and every condition parses', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const rng = new Rng(seed);
      const n = 200 + rng.int(400);
      const F = 1 + rng.int(5);
      const K = 2 + rng.int(5);
      const names = Array.from({ length: F }, (_, j) => `f${j}`);
      const data = new Float64Array(n * F);
      const y = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        y[i] = rng.int(K) * 10; // ids 0, 10, 20, …
        for (let j = 0; j < F; j++) {
          const kind = j % 3;
          let v = kind === 0 ? rng.normal(y[i]! / 10, 1) : kind === 1 ? rng.int(6) : rng.lognormal(0, 1) - 1;
          if (rng.bernoulli(0.05)) v = NaN;
          data[i * F + j] = v;
        }
      }
      const X = new Matrix(data, n, F, names);
      // Some columns are days: their missing values read as +Infinity in the tree and in the rules.
      const missingAsInfinity = names.filter(() => rng.bernoulli(0.5));
      const model = new DecisionTree({ maxDepth: 1 + rng.int(5), minSamplesLeaf: 1 + rng.int(10), maxThresholds: 4 + rng.int(40), missingAsInfinity }).fit(X, y);
      for (const priority of ['size', 'purity'] as const) {
        const out = extractRules(model, { featureNames: names, priority });
        out.segments.forEach((s, i) => expect(() => parseCondition(s.condition, out.fields, `segments[${i}]`)).not.toThrow());
        expect(Array.from(evaluateRules(out.segments, out.fallback.id, X)), `seed ${seed}, days ${missingAsInfinity.join(',')}`).toEqual(Array.from(model.predict(X)));
      }
    }
  });
});
