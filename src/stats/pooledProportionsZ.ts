/**
 * The two-proportion z statistic with the pooled rate under H0 (statsmodels' proportions_ztest): (p1 − p2) / its
 * standard error; null when both groups are all 0 or all 1 (no variance, no evidence either way). Counts are
 * trusted (the public tests check them). Shared by the experiments' z-test and the drift layer's.
 */
export function pooledProportionsZ(count1: number, nobs1: number, count2: number, nobs2: number): number | null {
  const pooled = (count1 + count2) / (nobs1 + nobs2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nobs1 + 1 / nobs2));
  if (se === 0) return null;
  return (count1 / nobs1 - count2 / nobs2) / se;
}
