import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';
import { DecisionTree, extractRules, niceCandidates, roundThresholds, surrogateRules, type Condition, type RuleSet } from '../../../src/rules';

function oneFeature(a: number[], b: number[]) {
  const X = Matrix.fromColumns({ recency_days: [...a, ...b] });
  const y = [...a.map(() => 0), ...b.map(() => 1)];
  const model = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 }).fit(X, y);
  return { X, y, rules: extractRules(model, { featureNames: ['recency_days'] }) };
}

describe('roundThresholds', () => {
  it('rounds 29.6 days to 30 when it costs nothing', () => {
    const { X, y, rules } = oneFeature([5, 12, 28.2], [31, 45, 60]); // cut (28.2 + 31) / 2 = 29.6
    expect(rules.segments[0]!.condition).toEqual({ '<=': [{ var: 'recency_days' }, 29.6] });
    const out = roundThresholds(rules, X, y, { tolerance: 0, units: { recency_days: 'days' } });
    expect(out.rules.segments.map((s) => s.condition)).toEqual([{ '<=': [{ var: 'recency_days' }, 30] }, { '>': [{ var: 'recency_days' }, 30] }]);
    expect(out.log).toEqual([{ field: 'recency_days', from: 29.6, to: 30, kind: 'days', accuracyBefore: 1, accuracyAfter: 1 }]);
    expect(out.kept).toEqual([]);
    expect(rules.segments[0]!.condition).toEqual({ '<=': [{ var: 'recency_days' }, 29.6] }); // input untouched
  });

  it('keeps 29.6 when every friendlier value costs accuracy', () => {
    const { X, y, rules } = oneFeature([5, 12, 29.2], [30, 45, 60]); // cut 29.6 again, but 30 and 29.2 are data
    const out = roundThresholds(rules, X, y, { units: { recency_days: 'days' } }); // default tolerance 0.01 < 1/6
    expect(out.log).toEqual([]);
    expect(out.rules.segments[0]!.condition).toEqual({ '<=': [{ var: 'recency_days' }, 29.6] });
    expect(out.kept).toEqual([
      {
        field: 'recency_days',
        value: 29.6,
        kind: 'days',
        tried: [30, 28, 25, 35, 29].map((to) => ({ to, accuracy: 5 / 6 })),
      },
    ]);
    // With a tolerance of a whole row the cheapest friendly value (30) is accepted.
    const loose = roundThresholds(rules, X, y, { tolerance: 0.2, units: { recency_days: 'days' } });
    expect(loose.log.map((c) => [c.from, c.to, c.accuracyAfter])).toEqual([[29.6, 30, 5 / 6]]);
  });

  it('friendly candidates per unit', () => {
    expect(niceCandidates(29.6, 'days')).toEqual([30, 28, 25, 35, 29]);
    expect(niceCandidates(115, 'currency')).toEqual([100, 120, 110]); // 1 digit, then 2 digits nearest, then its other neighbour
    expect(niceCandidates(1460, 'currency')[0]).toBe(1500);
    expect(niceCandidates(0.437, 'share')).toEqual([0.45, 0.4]);
    expect(niceCandidates(2.5, 'count')).toEqual([2, 3]);
    expect(niceCandidates(3, 'count')).toEqual([]);
  });

  it('rounds every occurrence of a threshold together (units from the feature layer)', () => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (const r of [5, 10, 20, 28, 40, 60, 90])
      for (const s of [20, 50, 80, 150, 200, 300]) {
        rows.push([r, s]);
        y.push(r > 30 ? 2 : s > 100 ? 0 : 1);
      }
    const X = Matrix.fromRows(rows, ['recency_days', 'spend']);
    const rules = extractRules(new DecisionTree({ maxDepth: 2, minSamplesLeaf: 1 }).fit(X, y), { featureNames: ['recency_days', 'spend'] });
    const out = roundThresholds(rules, X, y, { tolerance: 0, units: { recency_days: 'days', spend: 'currency per order' } });
    const r = { var: 'recency_days' };
    const s = { var: 'spend' };
    expect(out.rules.segments.map((x) => x.condition)).toEqual([
      { '>': [r, 35] },
      { and: [{ '<=': [r, 35] }, { '>': [s, 100] }] },
      { and: [{ '<=': [r, 35] }, { '<=': [s, 100] }] },
    ]);
    expect(out.log.map((c) => `${c.field} ${c.from}→${c.to}`)).toEqual(['recency_days 34→35', 'spend 115→100']);
    expect(out.accuracyAfter).toBe(1);
  });
});

describe('roundThresholds never ships an empty condition', () => {
  // Bank Marketing: two thresholds of one path both rounded to 200 gave `pdays > 200 and pdays <= 200`.
  const pdays = { var: 'pdays' };
  const age = { var: 'age' };
  function data() {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 100; i++) rows.push([i * 1.9, 30]), y.push(2);
    for (let i = 0; i < 98; i++) rows.push([300 + i, 30]), y.push(3);
    rows.push([200, 50], [250, 95]);
    y.push(1, 1);
    return { X: Matrix.fromRows(rows, ['pdays', 'age']), y };
  }
  const narrow: Condition = { and: [{ '>': [pdays, 195.5] }, { '<=': [pdays, 204.5] }, { '>': [age, 44] }] };

  it('a path left empty by rounding is simplified away', () => {
    const { X, y } = data();
    const rules: RuleSet = { segments: [{ id: 1, names: { en: 'a', fr: 'a' }, condition: { or: [narrow, { '>': [age, 90] }] } }, { id: 2, names: { en: 'b', fr: 'b' }, condition: { '<=': [pdays, 195.5] } }], fallback: { id: 3, names: { en: 'c', fr: 'c' } } };
    const out = roundThresholds(rules, X, y);
    expect(out.log.map((c) => `${c.from}→${c.to}`)).toEqual(['195.5→200', '204.5→200', '44→40']);
    expect(out.rules.segments[0]!.condition).toEqual({ '>': [age, 90] });
    expect(JSON.stringify(out.rules)).not.toMatch(/"pdays"\},200\].*"pdays"\},200\]/);
  });

  it('a candidate that would leave a segment without any customer-matching rule is not taken', () => {
    const { X, y } = data();
    const rules: RuleSet = { segments: [{ id: 1, names: { en: 'a', fr: 'a' }, condition: narrow }, { id: 2, names: { en: 'b', fr: 'b' }, condition: { '<=': [pdays, 195.5] } }], fallback: { id: 3, names: { en: 'c', fr: 'c' } } };
    const out = roundThresholds(rules, X, y);
    const first = out.rules.segments[0]!.condition;
    expect(first).not.toBe(false);
    expect(out.log.find((c) => c.from === 204.5)!.to).toBe(210);
    expect(first).toEqual({ and: [{ '>': [pdays, 200] }, { '<=': [pdays, 210] }, { '>': [age, 40] }] });
  });
});

describe('surrogateRules', () => {
  it('fits on a stratified train split, rounds on train and reports holdout fidelity before and after rounding', () => {
    const rng = new Rng(7);
    const n = 2000;
    const rec = new Float64Array(n);
    const spend = new Float64Array(n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      rec[i] = Math.round(rng.uniform(0, 365));
      spend[i] = Math.round(rng.lognormal(4, 1) * 100) / 100;
      labels[i] = rec[i]! > 90 ? 2 : spend[i]! > 120 ? 0 : 1;
      if (rng.bernoulli(0.02)) labels[i] = rng.int(3); // a little noise
    }
    const X = Matrix.fromColumns({ recency_days: rec, spend });
    const params = { seed: 3, maxDepth: 3, units: { recency_days: 'days', spend: 'currency' } };
    const out = surrogateRules(X, labels, params);
    expect(out.holdoutRows).toBe(500);
    expect(out.trainRows).toBe(1500);
    expect(out.fidelity.holdoutUnrounded.accuracy).toBeGreaterThan(0.95);
    expect(out.fidelity.holdout.accuracy).toBeGreaterThan(0.95);
    expect(out.fidelity.holdoutUnrounded.coverage).toBe(1);
    expect(out.rounding!.accuracyAfter).toBeGreaterThanOrEqual(out.rounding!.accuracyBefore - 0.01 - 1e-12);
    const thresholds = JSON.stringify(out.rules.segments).match(/-?\d+(\.\d+)?(?=\])/g)!.map(Number);
    expect(thresholds).toContain(90);
    // spend > 120 became spend > 100: the rows between 100 and 120 cost less than the 1-point tolerance.
    expect(thresholds).toContain(100);
    expect(out.rounding!.log.map((c) => c.to)).toEqual(expect.arrayContaining([90, 100]));
    // Same seed, same everything.
    expect(JSON.stringify(surrogateRules(X, labels, params))).toBe(JSON.stringify(out));
    // The split is stratified: each label keeps its share in the holdout, ±1 row.
    const counts = [0, 1, 2].map((k) => labels.filter((v) => v === k).length);
    counts.forEach((c, k) => expect(Math.abs(out.fidelity.holdout.perSegment.find((p) => p.id === k)!.support - c / 4)).toBeLessThanOrEqual(1));
  });

  it('reads a missing value of a field in days as longer than any window (tree, rounding and rules)', () => {
    const rng = new Rng(11);
    const n = 2000;
    const rec = new Float64Array(n);
    const spend = new Float64Array(n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const never = rng.bernoulli(0.15); // never ordered: lapsed, whatever their spend column says
      rec[i] = never ? NaN : Math.round(rng.uniform(0, 365));
      spend[i] = Math.round(rng.lognormal(4, 1) * 100) / 100;
      labels[i] = never || rec[i]! > 90 ? 2 : spend[i]! > 120 ? 0 : 1;
    }
    const X = Matrix.fromColumns({ recency_days: rec, spend });
    const out = surrogateRules(X, labels, { seed: 3, maxDepth: 3, units: { recency_days: 'days', spend: 'currency' }, missingAsInfinity: ['recency_days'] });
    expect(out.model.params.missingAsInfinity).toEqual(['recency_days']);
    expect(out.fidelity.holdout.accuracy).toBeGreaterThan(0.97);
    const lapsed = out.rules.segments.find((s) => s.id === 2)!.condition;
    expect(lapsed).toEqual({ or: [{ '==': [{ var: 'recency_days' }, null] }, { '>': [{ var: 'recency_days' }, expect.any(Number)] }] });
    expect(Math.abs((lapsed as { or: { '>': [unknown, number] }[] }).or[1]!['>'][1] - 90)).toBeLessThanOrEqual(2);
    // Read as 0 (the old semantics), the never-buyers land among the most recent customers.
    const plain = surrogateRules(X, labels, { seed: 3, maxDepth: 3, units: { recency_days: 'days', spend: 'currency' } });
    expect(plain.fidelity.holdout.accuracy).toBeLessThan(out.fidelity.holdout.accuracy);
    expect(() => surrogateRules(X, labels, { missingAsInfinity: ['nope'] })).toThrow(/missingAsInfinity names "nope"/);
  });
});
