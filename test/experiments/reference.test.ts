import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Alternative } from '../../src/experiments/Alternative';
import { adjustPValues } from '../../src/experiments/adjustPValues';
import { chiSquare2x2 } from '../../src/stats/chiSquare2x2';
import { fisherExact } from '../../src/experiments/fisherExact';
import { mannWhitneyU } from '../../src/experiments/mannWhitneyU';
import { newcombeInterval } from '../../src/stats/newcombeInterval';
import { planExperiment } from '../../src/experiments/planExperiment';
import { normalIndPower, tTestIndPower } from '../../src/experiments/power';
import { proportionsZTest } from '../../src/experiments/proportionsZTest';
import { riskRatioInterval } from '../../src/experiments/riskRatioInterval';
import { sampleRatioMismatch } from '../../src/experiments/sampleRatioMismatch';
import { welchTTest } from '../../src/experiments/welchTTest';
import { wilsonInterval } from '../../src/stats/wilsonInterval';
import { chiSquareSf, noncentralTCdf, normalSf, studentTSf } from '../../src/stats/distributionTails';

/*
 * Every statistic against scipy 1.10 / statsmodels 0.13 (Debian), stored by fixtures/make_reference.py so the
 * tests need no Python. Bar: 1e-9 (relative for p-values, which span many decades).
 */
const ref = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'reference.json'), 'utf8'));
const ALTS: Alternative[] = ['two-sided', 'larger', 'smaller'];

function close(actual: number, expected: number, tol = 1e-9): void {
  if (!Number.isFinite(expected)) {
    expect(actual).toBe(expected);
    return;
  }
  const scale = Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected) / scale).toBeLessThanOrEqual(tol);
}
/** p-values: relative 1e-9 (absolute below 1e-300). */
function closeP(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(expected, 1e-300) + 1e-300);
}

describe('distribution tails = scipy', () => {
  it.each(ref.tails as { kind: string; x: number; df?: number; sf: number }[])('$kind sf($x)', (row) => {
    const got = row.kind === 'chi2' ? chiSquareSf(row.x, row.df as number) : row.kind === 't' ? studentTSf(row.x, row.df as number) : normalSf(row.x);
    closeP(got, row.sf);
  });
  it.each(ref.nct as { t: number; df: number; nc: number; cdf: number }[])('noncentral t cdf(t=$t, df=$df, nc=$nc)', (row) => {
    close(noncentralTCdf(row.t, row.df, row.nc), row.cdf, 1e-10);
  });
});

describe('conversion tests = statsmodels / scipy', () => {
  for (const row of ref.proportions) {
    const { count1: c1, nobs1: n1, count2: c2, nobs2: n2 } = row;
    it(`${c1}/${n1} vs ${c2}/${n2}`, () => {
      for (const alt of ALTS) {
        const [z, p] = row[`z_${alt}`];
        const zt = proportionsZTest(c1, n1, c2, n2, alt);
        if (Number.isNaN(z)) expect(zt.pValue).toBe(1);
        else {
          close(zt.z, z);
          closeP(zt.pValue, p);
        }
        const [odds, fp] = row[`fisher_${alt}`];
        const f = fisherExact(c1, n1, c2, n2, alt);
        if (Number.isFinite(odds)) close(f.oddsRatio, odds);
        closeP(f.pValue, fp);
      }
      const w = wilsonInterval(c1, n1);
      close(w.low, row.wilson1[0]);
      close(w.high, row.wilson1[1]);
      const w90 = wilsonInterval(c2, n2, 0.9);
      close(w90.low, row.wilson2_90[0]);
      close(w90.high, row.wilson2_90[1]);
      const nc = newcombeInterval(c1, n1, c2, n2);
      close(nc.low, row.newcombe[0]);
      close(nc.high, row.newcombe[1]);
      const rr = riskRatioInterval(c1, n1, c2, n2);
      close(rr.low, row.ratio[0]);
      close(rr.high, row.ratio[1]);
      if (row.chi2) {
        const chi = chiSquare2x2(c1, n1 - c1, c2, n2 - c2, true);
        close(chi.chi2, row.chi2[0]);
        closeP(chi.pValue, row.chi2[1]);
      }
    });
  }
});

describe('revenue tests = scipy', () => {
  ref.means.forEach((row: Record<string, number[]>, i: number) => {
    it(`sample pair ${i} (${row.x.length} vs ${row.y.length})`, () => {
      for (const alt of ALTS) {
        const [t, p] = row[`welch_${alt}`];
        const w = welchTTest(row.x, row.y, alt);
        close(w.t, t);
        closeP(w.pValue, p);
        const [u, up] = row[`mwu_${alt}`];
        const m = mannWhitneyU(row.x, row.y, alt);
        close(m.u, u);
        closeP(m.pValue, up);
      }
      const ci = welchTTest(row.x, row.y).interval;
      close(ci.low, row.welch_ci[0]);
      close(ci.high, row.welch_ci[1]);
    });
  });
});

describe('corrections, sample ratio, power = statsmodels / scipy', () => {
  it('Holm and Benjamini-Hochberg', () => {
    const { p, holm, fdr_bh } = ref.multipletests;
    adjustPValues(p, 'holm').forEach((v, i) => close(v, holm[i], 1e-15));
    adjustPValues(p, 'benjamini-hochberg').forEach((v, i) => close(v, fdr_bh[i], 1e-15));
  });
  it.each(ref.srm as { counts: number[]; shares: number[] | null; stat: number; p: number }[])('sample ratio $counts', (row) => {
    const r = sampleRatioMismatch(row.counts, row.shares ?? undefined);
    close(r.statistic, row.stat);
    closeP(r.pValue, row.p);
  });
  it.each(ref.power as Record<string, number | string>[])('power $kind $alternative', (row) => {
    const alt = row.alternative as Alternative;
    if (row.kind === 'normal') {
      close(normalIndPower(row.h as number, 400, 0.05, row.ratio as number, alt), row.power_at_400 as number);
      const plan = planExperiment({ metric: 'proportion', baseline: row.p2 as number, minimumEffect: (row.p1 as number) - (row.p2 as number), ratio: row.ratio as number, alternative: alt });
      // statsmodels solves with brentq; its own tolerance, not ours, limits the agreement.
      close(plan.nobs1Exact, row.nobs1 as number, 1e-7);
      expect(plan.treatment).toBe(Math.ceil(row.nobs1 as number));
    } else {
      close(tTestIndPower(row.d as number, 30, 0.05, row.ratio as number, alt), row.power_at_30 as number);
      const plan = planExperiment({ metric: 'mean', baseline: 100, sd: 10, minimumEffect: (row.d as number) * 10, ratio: row.ratio as number, alternative: alt });
      close(plan.nobs1Exact, row.nobs1 as number, 1e-7);
    }
  });
});
