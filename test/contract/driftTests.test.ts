// The contract of every registered drift test, on every kind of column it takes: identical samples are no drift,
// a clear shift is, same input ⇒ same output, and bad input (an empty sample, NaN or ±Infinity, a value a
// binary column cannot hold, a kind it does not take, unknown params) is a clear error naming the sample.
import { describe, expect, it } from 'vitest';
import { DRIFT_TESTS, Rng, runDriftTest, type DriftColumnKind, type DriftTestEntry, type DriftTestName } from '../../src';
import { FIXTURES } from './fixtures';

const rng = new Rng(16);
// Numbers on a grid of halves: continuous enough for KS and Wasserstein (about 15 values), levels chi-square can count.
const numbers = (n: number, shift: number) => Float64Array.from({ length: n }, () => Math.round(rng.normal(shift, 1) * 2) / 2);
const flags = (n: number, p: number) => Float64Array.from({ length: n }, () => (rng.next() < p ? 1 : 0));
const levels = (n: number, p: number[]) =>
  Array.from({ length: n }, () => {
    let u = rng.next();
    for (let k = 0; k < p.length; k++) if ((u -= p[k]!) < 0) return 'abcd'[k]!;
    return 'd';
  });
const DATA: Record<DriftColumnKind, { same: ArrayLike<number> | string[]; shifted: ArrayLike<number> | string[] }> = {
  numeric: { same: numbers(400, 0), shifted: numbers(400, 1) },
  binary: { same: flags(400, 0.2), shifted: flags(400, 0.6) },
  categorical: { same: levels(400, [0.4, 0.3, 0.2, 0.1]), shifted: levels(400, [0.1, 0.2, 0.3, 0.4]) },
};
const ALL_KINDS: DriftColumnKind[] = ['numeric', 'binary', 'categorical'];

describe.each(DRIFT_TESTS.list().map((e) => [e.name, e as DriftTestEntry] as const))('drift test %s', (name, entry) => {
  const params = FIXTURES['drift test']![name]!.params;
  const run = (kind: DriftColumnKind, a: ArrayLike<number> | string[], b: ArrayLike<number> | string[]) => runDriftTest(name as DriftTestName, kind, a, b, params);

  it('declares its kinds, statistic kind, default threshold and meaning', () => {
    expect(entry.kinds.length).toBeGreaterThan(0);
    expect(['p-value', 'distance']).toContain(entry.statisticKind);
    expect(entry.defaultThreshold).toBeGreaterThan(0);
    expect(entry.meaning.length).toBeGreaterThan(20);
  });
  it.each(entry.kinds.map((k) => [k] as const))('on %s columns: identical samples are no drift, a clear shift is; deterministic', (kind) => {
    const d = DATA[kind];
    const same = run(kind, d.same, d.same);
    expect(same.drifted).toBe(false);
    if (entry.statisticKind === 'p-value') expect(same.pValue).toBe(1);
    else expect(same.statistic).toBe(0);
    const shifted = run(kind, d.same, d.shifted);
    expect(shifted.drifted).toBe(true);
    expect(Number.isFinite(shifted.statistic)).toBe(true);
    expect(run(kind, d.same, d.shifted)).toEqual(shifted);
  });
  it('bad input: an empty sample, NaN, Infinity, a kind it does not take, unknown params', () => {
    const kind = entry.kinds[0]!;
    const d = DATA[kind];
    expect(() => run(kind, kind === 'categorical' ? [] : new Float64Array(0), d.same)).toThrow(new RegExp(`Invalid ${name} reference: got "0 values", expected at least 1 value`));
    if (kind === 'categorical') expect(() => run(kind, d.same, ['a', null as never])).toThrow(new RegExp(`Invalid ${name} current\\[1\\]: got null`));
    for (const kindN of entry.kinds.filter((k) => k !== 'categorical')) {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const v = Float64Array.from(DATA[kindN].same as ArrayLike<number>);
        v[3] = bad;
        expect(() => run(kindN, DATA[kindN].same, v)).toThrow(new RegExp(`Invalid ${name} current\\[3\\]: got ${bad}`));
      }
    }
    if (entry.kinds.includes('binary')) expect(() => run('binary', [0, 1, 2], [0, 1])).toThrow(new RegExp(`Invalid ${name} reference\\[2\\]: got 2, expected 0 or 1`));
    for (const other of ALL_KINDS.filter((k) => !entry.kinds.includes(k))) expect(() => run(other, DATA[other].same, DATA[other].same)).toThrow(new RegExp(`Invalid ${name} kind: got "${other}"`));
    expect(() => runDriftTest(name as DriftTestName, kind, d.same, d.same, { colour: 1 })).toThrow(/Unrecognized key/);
  });
});

describe('distances at their threshold: drift only beyond the statistic\'s standard error', () => {
  // 100,000 rows a side, 0/1 columns with exact rates (no sampling noise in the data): the decision is the margin's.
  const flagsAt = (ones: number) => Float64Array.from({ length: 100_000 }, (_, i) => (i < ones ? 1 : 0));
  it('Jensen-Shannon 0.106 over 10 levels on 100,000 rows a side is drift (its standard error there is 0.0016)', () => {
    // Ten levels of 10% each; this period 6.3 points moved from "a" to "b".
    const levels = (counts: number[]) => counts.flatMap((c, i) => Array<string>(c).fill('abcdefghij'[i]!));
    const r = runDriftTest('jensen-shannon', 'categorical', levels(Array(10).fill(10_000)), levels([3_700, 16_300, ...Array(8).fill(10_000)]));
    expect(r.statistic).toBeGreaterThan(0.105);
    expect(r.statistic).toBeLessThan(0.107);
    expect(r.samplingError).toBeCloseTo(0.0016, 4);
    expect(r.drifted).toBe(true);
  });
  it('PSI 0.102 on 100,000 rows a side is not drift (its standard error there is 0.0029)', () => {
    const r = runDriftTest('psi', 'binary', flagsAt(20_000), flagsAt(34_050));
    expect(r.statistic).toBeGreaterThan(0.1);
    expect(r.statistic).toBeLessThan(0.104);
    expect(r.samplingError).toBeCloseTo(0.0029, 4);
    expect(r.drifted).toBe(false);
  });
});
