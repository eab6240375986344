import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { DecisionTree } from '../../../src/rules/tree/DecisionTree';
import { surrogateRules } from '../../../src/rules/extract/surrogateRules';

describe('surrogateRules: every segment gets a rule', () => {
  // Segment 2 (100 customers) lives where y >= 7, but segment 0 has about 270 customers there too: no leaf of
  // the plain tree has a majority of segment 2, so it gets no rule (Bank Marketing lost a 4.5% segment so).
  const n = 1900;
  const data = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const seg = i < 900 ? 0 : i < 1800 ? 1 : 2;
    labels[i] = seg;
    data[2 * i] = seg === 1 ? 10 + (i % 7) : i % 7;
    data[2 * i + 1] = seg === 2 ? 7 + (i % 3) : seg === 0 ? i % 10 : i % 5;
  }
  const X = new Matrix(data, n, 2, ['x', 'y']);

  it('the plain tree leaves the small segment without a leaf', () => {
    const model = new DecisionTree({ maxDepth: 2, seed: 0 }).fit(X, labels);
    expect(new Set(Array.from(model.predict(X)))).not.toContain(2);
  });

  it('so it is weighted up until it has a rule, and says so; the others keep weight 1', () => {
    const r = surrogateRules(X, labels, { maxDepth: 2, tolerance: false, holdout: 0 });
    expect(r.rules.segments.map((s) => s.id).sort()).toEqual([0, 1, 2]);
    expect(r.segmentWeights).toHaveLength(1);
    expect(r.segmentWeights[0]!.segment).toBe(2);
    expect(r.segmentWeights[0]!.weight).toBeGreaterThanOrEqual(2);
    // Fidelity is still measured unweighted, on every customer.
    expect(r.fidelity.holdout.accuracy).toBeGreaterThan(0.8);
  });

  it('a tree that already gives every segment a leaf is left alone', () => {
    const easy = Int32Array.from(labels, (l, i) => (l === 2 ? 2 : l));
    const Y = new Matrix(Float64Array.from(data, (v, k) => (k % 2 === 1 && easy[(k - 1) / 2] === 0 ? v % 7 : v)), n, 2, ['x', 'y']);
    expect(surrogateRules(Y, easy, { maxDepth: 2, tolerance: false, holdout: 0 }).segmentWeights).toEqual([]);
  });
});
