import { checkParam } from '../core/errors';
import { chiSquareSf } from '../stats/distributionTails';

export interface SampleRatioResult {
  statistic: number;
  df: number;
  pValue: number;
  /** Expected counts under the planned split. */
  expected: number[];
  /** True when p < threshold (default 0.001, the industry's usual SRM alarm): the assignment itself is broken. */
  mismatch: boolean;
}

/**
 * The sample-ratio-mismatch check: a chi-square goodness-of-fit of the assignment counts against the planned
 * shares (scipy's chisquare(observed, expected)). A mismatch means broken randomisation or logging, and the
 * result of the test cannot be trusted whatever its p-value. Alarm at p < 0.001, not 0.05: it runs on every
 * experiment and must not cry wolf.
 */
export function sampleRatioMismatch(counts: readonly number[], plannedShares?: readonly number[], threshold = 0.001): SampleRatioResult {
  checkParam(counts.length >= 2, 'sampleRatioMismatch counts', counts, 'at least two variants');
  counts.forEach((c, i) => checkParam(Number.isInteger(c) && c >= 0, `sampleRatioMismatch counts[${i}]`, c, 'a whole number ≥ 0'));
  const shares = plannedShares ?? counts.map(() => 1 / counts.length);
  checkParam(shares.length === counts.length, 'sampleRatioMismatch plannedShares', shares, `${counts.length} shares, one per variant`);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  checkParam(shares.every((s) => s > 0) && Math.abs(shareSum - 1) < 1e-9, 'sampleRatioMismatch plannedShares', shares, 'positive shares that add up to 1');
  const total = counts.reduce((a, b) => a + b, 0);
  checkParam(total > 0, 'sampleRatioMismatch counts', counts, 'at least one assigned customer');
  const expected = shares.map((s) => s * total);
  let statistic = 0;
  counts.forEach((c, i) => {
    statistic += (c - expected[i]) ** 2 / expected[i];
  });
  const df = counts.length - 1;
  const pValue = chiSquareSf(statistic, df);
  return { statistic, df, pValue, expected, mismatch: pValue < threshold };
}
