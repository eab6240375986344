import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { averagePrecision } from '../../../src/models/evaluation/averagePrecision';
import { bootstrapInterval } from '../../../src/models/evaluation/bootstrapInterval';
import { logLoss } from '../../../src/models/evaluation/logLoss';
import { rocAuc } from '../../../src/models/evaluation/rocAuc';

/** n rows, about 30% ones, probabilities that rank them fairly well, rounded so that scores tie. */
function data(n: number, seed: number): { y: Uint8Array; p: Float64Array } {
  const rng = new Rng(seed);
  const y = new Uint8Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.bernoulli(0.3) ? 1 : 0;
    p[i] = Math.round(100 / (1 + Math.exp(-(y[i]! - 0.5) * 1.5 - rng.normal(0, 1)))) / 100;
  }
  return { y, p };
}

/** The same resamples drawn the slow way: materialise each resample's rows and call the public metric. */
function naiveInterval(y: Uint8Array, p: Float64Array, metric: (y: number[], p: number[]) => number, resamples: number, seed: number): number[] {
  const rng = Rng.derive(seed, 'bootstrapInterval');
  // The class members in score order (highest first, ties by row), drawn as bootstrapInterval draws: one uint32 per pick.
  const sorted = [...y.keys()].sort((a, b) => p[b]! - p[a]! || a - b);
  const pos = sorted.filter((i) => y[i] === 1);
  const neg = sorted.filter((i) => y[i] === 0);
  const pick = (from: number[]): number => from[Math.floor((rng.nextUint32() * from.length) / 4294967296)]!;
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const rows = [...pos.map(() => pick(pos)), ...neg.map(() => pick(neg))];
    values.push(metric(rows.map((i) => y[i]!), rows.map((i) => p[i]!)));
  }
  return values.sort((a, b) => a - b);
}

describe('bootstrapInterval', () => {
  const { y, p } = data(300, 5);

  it('equals a bootstrap that materialises every stratified resample (AUC, average precision, log loss)', () => {
    const cases = [
      ['roc-auc', rocAuc],
      ['average-precision', averagePrecision],
      ['log-loss', logLoss],
    ] as const;
    for (const [name, fn] of cases) {
      const ci = bootstrapInterval(y, p, name, { resamples: 200, seed: 9 });
      const values = naiveInterval(y, p, (a, b) => fn(a, b), 200, 9);
      // 95%: numpy's linear percentiles 2.5 and 97.5 of 200 values: positions 4.975 and 194.025
      expect(ci.estimate).toBeCloseTo(fn(y, p), 14);
      expect(ci.low).toBeCloseTo(values[4]! + 0.975 * (values[5]! - values[4]!), 12);
      expect(ci.high).toBeCloseTo(values[194]! + 0.025 * (values[195]! - values[194]!), 12);
      expect(ci.low).toBeLessThan(ci.estimate);
      expect(ci.high).toBeGreaterThan(ci.estimate);
    }
  });

  it('is seeded: the same seed gives the same interval, another seed another one; the result says level and resamples', () => {
    const a = bootstrapInterval(y, p, 'roc-auc', { resamples: 300, seed: 1 });
    expect(bootstrapInterval(y, p, 'roc-auc', { resamples: 300, seed: 1 })).toEqual(a);
    expect(bootstrapInterval(y, p, 'roc-auc', { resamples: 300, seed: 2 }).low).not.toBe(a.low);
    expect([a.level, a.resamples]).toEqual([0.95, 300]);
    const narrow = bootstrapInterval(y, p, 'roc-auc', { resamples: 300, seed: 1, level: 0.5 });
    expect(narrow.high - narrow.low).toBeLessThan(a.high - a.low);
  });

  it('covers the true AUC about 95% of the time (40 fresh samples of one population)', () => {
    const truth = rocAuc(...Object.values(data(200_000, 77)) as [Uint8Array, Float64Array]);
    let covered = 0;
    for (let s = 0; s < 40; s++) {
      const d = data(400, 1000 + s);
      const ci = bootstrapInterval(d.y, d.p, 'roc-auc', { resamples: 400, seed: s });
      if (ci.low <= truth && truth <= ci.high) covered++;
    }
    // Binomial(40, 0.95): 34 or more with probability > 0.99
    expect(covered).toBeGreaterThanOrEqual(34);
  });

  it('takes a metric function that honours the weights (here: share of 1s in the top 30%)', () => {
    const ci = bootstrapInterval(y, p, (yy, pp, w, order) => {
      let total = 0;
      for (let i = 0; i < yy.length; i++) total += w === null ? 1 : w[i]!;
      let seen = 0;
      let ones = 0;
      for (let k = 0; k < order.length && seen < 0.3 * total; k++) {
        const wi = w === null ? 1 : w[order[k]!]!;
        seen += wi;
        ones += wi * yy[order[k]!]!;
      }
      return ones / seen;
    }, { resamples: 100 });
    expect(ci.low).toBeLessThanOrEqual(ci.estimate);
    expect(ci.high).toBeGreaterThanOrEqual(ci.estimate);
    expect(ci.estimate).toBeGreaterThan(0.3);
  });

  it('refuses bad params and one-class data', () => {
    expect(() => bootstrapInterval(y, p, 'auc' as never)).toThrow(/Invalid bootstrapInterval metric: got "auc", expected one of roc-auc, average-precision, log-loss, brier, ece/);
    expect(() => bootstrapInterval(y, p, 'roc-auc', { resamples: 0 })).toThrow(/Invalid bootstrapInterval resamples/);
    expect(() => bootstrapInterval(y, p, 'roc-auc', { level: 95 })).toThrow(/Invalid bootstrapInterval level: got 95/);
    expect(() => bootstrapInterval(y, p, 'roc-auc', { seed: -1 })).toThrow(/Invalid bootstrapInterval seed/);
    expect(() => bootstrapInterval([1, 1], [0.2, 0.4], 'brier')).toThrow(/single class: 1/);
  });
});
