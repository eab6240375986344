import { z } from 'zod';
import { checkParam } from '../core/errors';
import { Registry, type RegistryEntry } from '../core/Registry';
import { chiSquare2x2 } from '../stats/chiSquare2x2';
import type { Alternative } from './Alternative';
import type { ExperimentMetric } from './ExperimentResult';
import { fisherExact } from './fisherExact';
import { mannWhitneyU } from './mannWhitneyU';
import { proportionsZTest } from './proportionsZTest';
import { welch } from './welchTTest';

/** What every two-sample test gives: its statistic and the p-value under the alternative. */
export interface TwoSampleTestResult {
  statistic: number;
  pValue: number;
}

/**
 * A registered two-sample test of treatment against control: what data it takes (conversion flags or amounts per
 * customer) and how to run it on the two arms. The analysis picks its primary and secondary tests from here.
 */
export interface ExperimentTestEntry<N extends string = string, P extends z.AnyZodObject = z.AnyZodObject> extends RegistryEntry<N, P, ExperimentMetric> {
  /** What the statistic is, for readers. */
  readonly statisticName: string;
  run(treatment: ArrayLike<number>, control: ArrayLike<number>, alternative: Alternative, params: z.infer<P>): TwoSampleTestResult;
}

const none = z.object({}).strict();

/** Conversions and customers of an arm of 0/1 flags (trusted: the public entry checks them). */
function counts(arm: ArrayLike<number>): { count: number; nobs: number } {
  let count = 0;
  for (let i = 0; i < arm.length; i++) count += arm[i];
  return { count, nobs: arm.length };
}

/** A conversion test: the arms' 0/1 flags counted, then the test on (conversions, customers) of each arm. */
function conversionTest<N extends string, P extends z.AnyZodObject>(
  name: N,
  description: string,
  statisticName: string,
  params: P,
  test: (c1: number, n1: number, c2: number, n2: number, alternative: Alternative, params: z.infer<P>) => TwoSampleTestResult,
): ExperimentTestEntry<N, P> {
  return {
    name,
    description,
    params,
    accepts: 'conversion',
    statisticName,
    run(t, c, alternative, p) {
      const a = counts(t);
      const b = counts(c);
      return test(a.count, a.nobs, b.count, b.nobs, alternative, p);
    },
  };
}

const zTest = conversionTest('z-test', "Two-proportion z-test with the pooled rate under H0 (statsmodels' proportions_ztest): the default for conversion.", 'z', none, (c1, n1, c2, n2, alt) => {
  const r = proportionsZTest(c1, n1, c2, n2, alt);
  return { statistic: r.z, pValue: r.pValue };
});

const fisher = conversionTest('fisher-exact', "Fisher's exact test of the 2 × 2 table (scipy's fisher_exact): used for conversion when an expected count is below 5.", 'odds ratio', none, (c1, n1, c2, n2, alt) => {
  const r = fisherExact(c1, n1, c2, n2, alt);
  return { statistic: r.oddsRatio, pValue: r.pValue };
});

const chiParams = z.object({ correction: z.boolean().default(true).describe("Yates' continuity correction (scipy's default for 2 × 2 tables)") }).strict();
const chiSquare = conversionTest('chi-square', "Pearson's chi-square test of the 2 × 2 table (scipy's chi2_contingency): two-sided only, shown beside the z-test.", 'chi-square', chiParams, (c1, n1, c2, n2, alt, params) => {
  checkParam(alt === 'two-sided', 'chi-square alternative', alt, '"two-sided" (a chi-square test has no direction)');
  const r = chiSquare2x2(c1, n1 - c1, c2, n2 - c2, params.correction);
  return { statistic: r.chi2, pValue: r.pValue };
});

const welchTest: ExperimentTestEntry<'welch', typeof none> = {
  name: 'welch',
  description: "Welch's t-test of the difference in means without equal variances (scipy's ttest_ind(equal_var=False)): the default for revenue.",
  params: none,
  accepts: 'revenue',
  statisticName: 't',
  run(t, c, alternative) {
    const r = welch(t, c, alternative, 0.95);
    return { statistic: r.t, pValue: r.pValue };
  },
};

const mannWhitney: ExperimentTestEntry<'mann-whitney', typeof none> = {
  name: 'mann-whitney',
  description: "Mann–Whitney U (scipy's mannwhitneyu): compares whole distributions, so a few big spenders do not drive it; shown beside Welch.",
  params: none,
  accepts: 'revenue',
  statisticName: 'U',
  run(t, c, alternative) {
    const r = mannWhitneyU(t, c, alternative);
    return { statistic: r.u, pValue: r.pValue };
  },
};

/** Every two-sample test the experiment analysis can run, by name. */
export const EXPERIMENT_TESTS: Registry<ExperimentTestEntry> = new Registry('experiment test', [zTest, fisher, chiSquare, welchTest, mannWhitney] as unknown as ExperimentTestEntry[]);

export type ExperimentTestName = 'z-test' | 'fisher-exact' | 'chi-square' | 'welch' | 'mann-whitney';

/**
 * Run a registered test on two arms (public entry: names, data and params checked). Conversion tests take 0/1 per
 * customer, revenue tests any finite amount; every arm needs a customer (two for the t-test).
 */
export function runExperimentTest(name: ExperimentTestName, treatment: ArrayLike<number>, control: ArrayLike<number>, alternative: Alternative = 'two-sided', params: Record<string, unknown> = {}): TwoSampleTestResult {
  const entry = EXPERIMENT_TESTS.lookup(name, 'experiment test');
  for (const [arm, values] of [['treatment', treatment], ['control', control]] as const) {
    checkParam(values.length >= (entry.name === 'welch' ? 2 : 1), `${entry.name} ${arm}`, `${values.length} customers`, `${entry.name === 'welch' ? 'at least 2 customers' : 'at least 1 customer'} in the ${arm} arm`);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (entry.accepts === 'conversion') checkParam(v === 0 || v === 1, `${entry.name} ${arm}[${i}]`, v, '0 or 1 (a conversion flag)');
      else checkParam(Number.isFinite(v), `${entry.name} ${arm}[${i}]`, v, 'a finite amount');
    }
  }
  const parsed = entry.params.safeParse(params);
  if (!parsed.success) checkParam(false, `${entry.name} params`, params, parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; '));
  return entry.run(treatment, control, alternative, parsed.success ? parsed.data : {});
}
