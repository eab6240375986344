import type { Alternative } from './Alternative';
import type { PValueCorrection } from './adjustPValues';
import type { Interval } from './Interval';
import type { HeterogeneityResult } from './effectHeterogeneity';
import type { SampleRatioResult } from './sampleRatioMismatch';

/** What an experiment measures per customer: converted or not, or a money amount. */
export type ExperimentMetric = 'conversion' | 'revenue';

/** What to do next, in the words the review uses. */
export type Verdict = 'roll-out' | 'stop' | 'keep-testing' | 'too-small';

export interface ArmSummary {
  variant: string;
  customers: number;
  /** conversion: converted customers and the rate with its Wilson interval. */
  conversions?: number;
  rate?: number;
  rateInterval?: Interval;
  /** revenue: mean and standard deviation per customer. */
  mean?: number;
  sd?: number;
}

export interface EffectEstimate {
  /** null = all customers; else the segment's name. */
  segment: string | null;
  treatment: ArmSummary;
  control: ArmSummary;
  /** treatment − control (rate points or money per customer). */
  difference: number;
  interval: Interval;
  /** difference / control's value, and its interval (rate ratio − 1 for conversion). */
  relativeLift: number;
  liftInterval: Interval;
  /** The primary test: z-test, Fisher's exact (small expected counts), or Welch (revenue). */
  test: 'z-test' | 'fisher-exact' | 'welch';
  pValue: number;
  /** After the correction over segments (= pValue for the overall estimate). */
  adjustedPValue: number;
  significant: boolean;
  /** Secondary statistics shown beside the primary one. */
  chiSquare?: { statistic: number; pValue: number };
  mannWhitney?: { u: number; pValue: number };
  bootstrap?: Interval;
  cuped?: { theta: number; varianceReduction: number; difference: number; interval: Interval; pValue: number };
  verdict: Verdict;
  /** For a segment too small to test: customers per variant that the planned effect needs. */
  neededPerVariant?: number;
}

export interface ExperimentResult {
  experiment: string;
  metric: ExperimentMetric;
  control: string;
  treatment: string;
  alpha: number;
  alternative: Alternative;
  correction: PValueCorrection;
  /** Smallest group size per variant a segment needs to be tested. */
  minPerVariant: number;
  plannedPerVariant?: number;
  srm: SampleRatioResult;
  overall: EffectEstimate;
  segments: EffectEstimate[];
  /** Does the effect differ between the tested segments (Cochran's Q)? Absent with fewer than two. */
  heterogeneity?: HeterogeneityResult;
  warnings: string[];
  seed: number;
}
