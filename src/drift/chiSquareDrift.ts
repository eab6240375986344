import { checkParam } from '../core/errors';
import { chiSquareSf } from '../stats/distributionTails';
import { levelCounts, type LevelCounts } from './levelCounts';

export interface ChiSquareDriftResult {
  chi2: number;
  degreesOfFreedom: number;
  pValue: number;
  /** The levels tested after pooling (rare ones as "other"). */
  levels: string[];
  /** How many levels were pooled into "other" because an expected count was below 5. */
  pooledLevels: number;
}

/** The level that pools rare levels. */
export const OTHER_LEVEL = 'other';

/**
 * Chi-square test of homogeneity of a categorical column between the periods: the k × 2 table (levels ×
 * reference/current), as scipy.stats.chi2_contingency(table, correction=False) computes it, after pooling
 * every level whose smaller expected count is below 5 into "other" (the usual rule for the approximation to
 * hold). Fewer than two levels left: nothing to compare, chi² = 0 and p = 1.
 */
export function chiSquareDriftCounts(counts: LevelCounts, minExpected = 5): ChiSquareDriftResult {
  const { reference, current, referenceTotal: nr, currentTotal: nc } = counts;
  const n = nr + nc;
  const keep: number[] = [];
  let otherRef = 0;
  let otherCur = 0;
  let pooledLevels = 0;
  for (let i = 0; i < counts.levels.length; i++) {
    const row = reference[i]! + current[i]!;
    if (row === 0) continue;
    if ((row * Math.min(nr, nc)) / n < minExpected) {
      otherRef += reference[i]!;
      otherCur += current[i]!;
      pooledLevels++;
    } else keep.push(i);
  }
  const rows: Array<[string, number, number]> = keep.map((i) => [counts.levels[i]!, reference[i]!, current[i]!]);
  if (pooledLevels > 0) rows.push([OTHER_LEVEL, otherRef, otherCur]);
  const levels = rows.map((r) => r[0]);
  if (rows.length < 2 || nr === 0 || nc === 0) return { chi2: 0, degreesOfFreedom: Math.max(rows.length - 1, 0), pValue: 1, levels, pooledLevels };
  let chi2 = 0;
  for (const [, r, c] of rows) {
    const er = ((r + c) * nr) / n;
    const ec = ((r + c) * nc) / n;
    chi2 += ((r - er) * (r - er)) / er + ((c - ec) * (c - ec)) / ec;
  }
  const degreesOfFreedom = rows.length - 1;
  return { chi2, degreesOfFreedom, pValue: chiSquareSf(chi2, degreesOfFreedom), levels, pooledLevels };
}

/** chiSquareDriftCounts on two samples of levels (missing values dropped by the caller); each needs a value. */
export function chiSquareDrift(reference: ReadonlyArray<string>, current: ReadonlyArray<string>): ChiSquareDriftResult {
  checkParam(reference.length >= 1, 'chiSquareDrift reference', `${reference.length} values`, 'at least 1 value');
  checkParam(current.length >= 1, 'chiSquareDrift current', `${current.length} values`, 'at least 1 value');
  return chiSquareDriftCounts(levelCounts(reference, current));
}
