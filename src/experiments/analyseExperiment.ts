import { checkParam, usageError } from '../core/errors';
import { checkSeed, DEFAULT_SEED } from '../core/seedParam';
import { studentTPpf } from '../stats/distributionTails';
import { type Alternative, ALTERNATIVES } from './Alternative';
import { adjustPValues, P_VALUE_CORRECTIONS, type PValueCorrection } from './adjustPValues';
import { bootstrapMeanDifference } from './bootstrapMeanDifference';
import { chiSquare2x2 } from '../stats/chiSquare2x2';
import { checkLevel } from './checkCounts';
import { cuped } from './cuped';
import { effectHeterogeneity } from './effectHeterogeneity';
import type { ArmSummary, EffectEstimate, ExperimentMetric, ExperimentResult, Verdict } from './ExperimentResult';
import { EXPERIMENT_TESTS } from './experimentTests';
import { newcombe } from '../stats/newcombeInterval';
import { planExperiment } from './planExperiment';
import { riskRatio } from './riskRatioInterval';
import { sampleMoments } from './sampleMoments';
import { sampleRatioMismatch } from './sampleRatioMismatch';
import { welch } from './welchTTest';
import { wilson } from '../stats/wilsonInterval';

/** One customer of the experiment: the variant, the segment (optional) and the outcome measured after assignment. */
export interface ExperimentUnit {
  variant: string;
  segment?: string;
  /** conversion: 0 or 1. revenue: the amount (0 for no purchase). */
  outcome: number;
  /** The same measure over a period before assignment (CUPED); optional. */
  pre?: number;
}

export interface ExperimentSettings {
  experiment?: string;
  metric: ExperimentMetric;
  control: string;
  treatment: string;
  alpha?: number;
  alternative?: Alternative;
  correction?: PValueCorrection;
  /** A segment with fewer customers than this in either variant is not tested (default 200: the smallest test users run). */
  minPerVariant?: number;
  /** The size per variant the plan asked for: reading earlier is peeking, and the result says so. */
  plannedPerVariant?: number;
  /** The smallest effect worth acting on (absolute): sizes a too-small segment would need; default the overall estimate. */
  minimumEffect?: number;
  /** Planned share of customers in the treatment (default 0.5): the sample-ratio check tests against it. */
  treatmentShare?: number;
  seed?: number;
  bootstrapResamples?: number;
}

/**
 * The analysis of a two-variant test, overall and in every segment: the difference with its interval, the
 * relative lift, the primary test (z-test, or Fisher's exact test when an expected count is below 5; Welch's
 * test for revenue) with secondary checks (chi-square, Mann–Whitney, a seeded bootstrap, CUPED when a
 * pre-period value is given), per-segment p-values corrected over segments, a test that the effect differs
 * between segments, the sample-ratio check, and a verdict in words (roll out / stop / keep testing).
 */
export function analyseExperiment(units: readonly ExperimentUnit[], settings: ExperimentSettings): ExperimentResult {
  const s = checkSettings(settings);
  const treatment: ExperimentUnit[] = [];
  const control: ExperimentUnit[] = [];
  const other = new Map<string, number>();
  units.forEach((u, i) => {
    if (u.variant === s.treatment) treatment.push(u);
    else if (u.variant === s.control) control.push(u);
    else other.set(u.variant, (other.get(u.variant) ?? 0) + 1);
    checkParam(Number.isFinite(u.outcome), `units[${i}].outcome`, u.outcome, 'a finite number');
    if (s.metric === 'conversion') checkParam(u.outcome === 0 || u.outcome === 1, `units[${i}].outcome`, u.outcome, '0 or 1 for a conversion metric');
    if (u.pre !== undefined) checkParam(Number.isFinite(u.pre), `units[${i}].pre`, u.pre, 'a finite number (or leave it out)');
  });
  for (const [variant, n] of [[s.treatment, treatment.length], [s.control, control.length]] as const) {
    if (n === 0) throw usageError('analyseExperiment', `variant "${variant}" has no customers${other.size ? ` (variants found: ${[...other.keys(), s.treatment, s.control].filter((v, i, a) => a.indexOf(v) === i).join(', ')})` : ''}`, 'check the control and treatment names against the assignment file');
  }
  const warnings: string[] = [];
  if (other.size) warnings.push(`Variants other than "${s.treatment}" and "${s.control}" were left out: ${[...other].map(([v, n]) => `${v} (${n})`).join(', ')}.`);
  const srm = sampleRatioMismatch([treatment.length, control.length], [s.treatmentShare, 1 - s.treatmentShare]);
  if (srm.mismatch) warnings.push(`Sample ratio mismatch: ${treatment.length} vs ${control.length} customers where the plan said ${Math.round(s.treatmentShare * 100)}/${Math.round((1 - s.treatmentShare) * 100)} (chi-square p = ${srm.pValue.toExponential(2)}). Randomisation or logging is broken: do not trust the result until it is explained.`);
  if (s.plannedPerVariant !== undefined) {
    const smaller = Math.min(treatment.length, control.length);
    if (smaller < s.plannedPerVariant) warnings.push(`Read before the planned size: ${smaller} of ${s.plannedPerVariant} customers per variant. A p-value read early and again later overstates significance (peeking); wait for the planned size or treat this as an interim look.`);
  }
  const overall = estimate(null, treatment, control, s, s.seed);
  // Segments: the same analysis in every segment with enough customers, then corrected over those tested.
  const bySegment = new Map<string, { t: ExperimentUnit[]; c: ExperimentUnit[] }>();
  for (const [list, key] of [[treatment, 't'], [control, 'c']] as const) {
    for (const u of list) {
      if (u.segment === undefined) continue;
      let g = bySegment.get(u.segment);
      if (!g) bySegment.set(u.segment, (g = { t: [], c: [] }));
      g[key].push(u);
    }
  }
  const segments: EffectEstimate[] = [];
  const names = [...bySegment.keys()].sort();
  names.forEach((name, i) => {
    const g = bySegment.get(name)!;
    if (g.t.length < s.minPerVariant || g.c.length < s.minPerVariant) {
      segments.push(tooSmall(name, g.t, g.c, s, overall));
      return;
    }
    segments.push(estimate(name, g.t, g.c, s, (s.seed + i + 1) >>> 0));
  });
  const tested = segments.filter((e) => e.verdict !== 'too-small');
  const adjusted = adjustPValues(tested.map((e) => e.pValue), s.correction);
  tested.forEach((e, i) => {
    e.adjustedPValue = adjusted[i];
    e.significant = adjusted[i] < s.alpha;
    e.verdict = verdict(e, s);
  });
  let heterogeneity: ExperimentResult['heterogeneity'];
  if (tested.length >= 2) {
    const variances = tested.map((e) => variance(e, s.metric));
    if (variances.every((v) => v > 0)) heterogeneity = effectHeterogeneity(tested.map((e) => e.difference), variances);
  }
  const significantSegments = tested.filter((e) => e.significant);
  if (significantSegments.length > 0 && significantSegments.length < tested.length && heterogeneity && heterogeneity.pValue >= s.alpha) {
    warnings.push(`Significant in ${significantSegments.map((e) => e.segment).join(', ')} only, but the effect does not differ between segments (heterogeneity p = ${heterogeneity.pValue.toFixed(3)}): read it as one effect everywhere, not "it works there only".`);
  }
  return {
    experiment: settings.experiment ?? 'experiment',
    metric: s.metric,
    control: s.control,
    treatment: s.treatment,
    alpha: s.alpha,
    alternative: s.alternative,
    correction: s.correction,
    minPerVariant: s.minPerVariant,
    ...(s.plannedPerVariant !== undefined && { plannedPerVariant: s.plannedPerVariant }),
    srm,
    overall,
    segments,
    ...(heterogeneity && { heterogeneity }),
    warnings,
    seed: s.seed,
  };
}

type Checked = Required<Omit<ExperimentSettings, 'experiment' | 'plannedPerVariant' | 'minimumEffect'>> & Pick<ExperimentSettings, 'plannedPerVariant' | 'minimumEffect'>;

function checkSettings(settings: ExperimentSettings): Checked {
  const s: Checked = {
    metric: settings.metric,
    control: settings.control,
    treatment: settings.treatment,
    alpha: settings.alpha ?? 0.05,
    alternative: settings.alternative ?? 'two-sided',
    correction: settings.correction ?? 'holm',
    minPerVariant: settings.minPerVariant ?? 200,
    treatmentShare: settings.treatmentShare ?? 0.5,
    seed: settings.seed ?? DEFAULT_SEED,
    bootstrapResamples: settings.bootstrapResamples ?? 2000,
    ...(settings.plannedPerVariant !== undefined && { plannedPerVariant: settings.plannedPerVariant }),
    ...(settings.minimumEffect !== undefined && { minimumEffect: settings.minimumEffect }),
  };
  checkParam(s.metric === 'conversion' || s.metric === 'revenue', 'experiment metric', s.metric, '"conversion" or "revenue"');
  checkParam(typeof s.control === 'string' && s.control.length > 0, 'experiment control', s.control, 'the name of the control variant');
  checkParam(typeof s.treatment === 'string' && s.treatment.length > 0 && s.treatment !== s.control, 'experiment treatment', s.treatment, 'the name of the treatment variant, not the control\'s');
  checkLevel(s.alpha, 'experiment alpha');
  checkParam(ALTERNATIVES.includes(s.alternative), 'experiment alternative', s.alternative, ALTERNATIVES.map((a) => `"${a}"`).join(', '));
  checkParam(P_VALUE_CORRECTIONS.includes(s.correction), 'experiment correction', s.correction, P_VALUE_CORRECTIONS.map((a) => `"${a}"`).join(', '));
  checkParam(Number.isInteger(s.minPerVariant) && s.minPerVariant >= 2, 'experiment minPerVariant', s.minPerVariant, 'a whole number ≥ 2');
  checkParam(s.treatmentShare > 0 && s.treatmentShare < 1, 'experiment treatmentShare', s.treatmentShare, 'a share between 0 and 1');
  if (s.plannedPerVariant !== undefined) checkParam(Number.isInteger(s.plannedPerVariant) && s.plannedPerVariant >= 2, 'experiment plannedPerVariant', s.plannedPerVariant, 'a whole number ≥ 2');
  if (s.minimumEffect !== undefined) checkParam(Number.isFinite(s.minimumEffect) && s.minimumEffect !== 0, 'experiment minimumEffect', s.minimumEffect, 'a non-zero difference');
  checkSeed(s.seed, 'experiment seed');
  return s;
}

function arm(variant: string, units: readonly ExperimentUnit[], metric: ExperimentMetric, level: number): ArmSummary {
  if (metric === 'conversion') {
    let conversions = 0;
    for (const u of units) conversions += u.outcome;
    return { variant, customers: units.length, conversions, rate: conversions / units.length, rateInterval: wilson(conversions, units.length, level) };
  }
  const m = sampleMoments(units.map((u) => u.outcome));
  return { variant, customers: units.length, mean: m.mean, sd: Math.sqrt(m.variance) };
}

function estimate(segment: string | null, t: readonly ExperimentUnit[], c: readonly ExperimentUnit[], s: Checked, seed: number): EffectEstimate {
  const level = 1 - s.alpha;
  const ta = arm(s.treatment, t, s.metric, level);
  const ca = arm(s.control, c, s.metric, level);
  let e: EffectEstimate;
  if (s.metric === 'conversion') {
    const c1 = ta.conversions!;
    const c2 = ca.conversions!;
    const n1 = t.length;
    const n2 = c.length;
    const tv = Float64Array.from(t, (u) => u.outcome);
    const cv = Float64Array.from(c, (u) => u.outcome);
    const chi = chiSquare2x2(c1, n1 - c1, c2, n2 - c2, true);
    // Fisher's exact test where the chi-square / z approximation is doubtful (an expected count below 5).
    const exact = chi.minExpected < 5;
    const pValue = EXPERIMENT_TESTS.lookup(exact ? 'fisher-exact' : 'z-test').run(tv, cv, s.alternative, {}).pValue;
    const rr = riskRatio(c1, n1, c2, n2, level);
    e = {
      segment,
      treatment: ta,
      control: ca,
      difference: ta.rate! - ca.rate!,
      interval: newcombe(c1, n1, c2, n2, level),
      relativeLift: ca.rate! > 0 ? ta.rate! / ca.rate! - 1 : NaN,
      liftInterval: { low: rr.low - 1, high: rr.high - 1, level },
      test: exact ? 'fisher-exact' : 'z-test',
      pValue,
      adjustedPValue: pValue,
      significant: pValue < s.alpha,
      chiSquare: { statistic: chi.chi2, pValue: chi.pValue },
      verdict: 'keep-testing',
    };
  } else {
    const x = Float64Array.from(t, (u) => u.outcome);
    const y = Float64Array.from(c, (u) => u.outcome);
    const w = welch(x, y, s.alternative, level);
    const mw = EXPERIMENT_TESTS.lookup('mann-whitney').run(x, y, s.alternative, {});
    const boot = bootstrapMeanDifference(x, y, { seed, level, resamples: s.bootstrapResamples });
    const base = ca.mean!;
    // Lift interval by the delta method on the ratio of means (the control mean's own noise included).
    const ratio = ta.mean! / base;
    const seRatio = Math.abs(ratio) * Math.sqrt((ta.sd! / ta.mean!) ** 2 / t.length + (ca.sd! / base) ** 2 / c.length);
    const tq = Number.isFinite(w.df) ? studentTPpf(1 - s.alpha / 2, w.df) : 0;
    e = {
      segment,
      treatment: ta,
      control: ca,
      difference: w.difference,
      interval: w.interval,
      relativeLift: base !== 0 ? ratio - 1 : NaN,
      liftInterval: { low: ratio - 1 - tq * seRatio, high: ratio - 1 + tq * seRatio, level },
      test: 'welch',
      pValue: w.pValue,
      adjustedPValue: w.pValue,
      significant: w.pValue < s.alpha,
      mannWhitney: { u: mw.statistic, pValue: mw.pValue },
      bootstrap: { low: boot.low, high: boot.high, level },
      verdict: 'keep-testing',
    };
    const withPre = t.every((u) => u.pre !== undefined) && c.every((u) => u.pre !== undefined);
    if (withPre && t.length >= 2 && c.length >= 2) {
      const r = cuped(x, Float64Array.from(t, (u) => u.pre!), y, Float64Array.from(c, (u) => u.pre!), s.alternative, level);
      e.cuped = { theta: r.theta, varianceReduction: r.varianceReduction, difference: r.adjusted.difference, interval: r.adjusted.interval, pValue: r.adjusted.pValue };
    }
  }
  e.verdict = verdict(e, s);
  return e;
}

/** Roll out on a significant gain, stop on a significant loss or when the planned size showed nothing, else keep testing. */
function verdict(e: EffectEstimate, s: Checked): Verdict {
  if (e.significant) return e.difference > 0 ? 'roll-out' : 'stop';
  const smaller = Math.min(e.treatment.customers, e.control.customers);
  if (s.plannedPerVariant !== undefined && smaller >= s.plannedPerVariant) return 'stop';
  return 'keep-testing';
}

/** A segment too small to test: its arms, and the size per variant the planned (or overall) effect needs. */
function tooSmall(segment: string, t: readonly ExperimentUnit[], c: readonly ExperimentUnit[], s: Checked, overall: EffectEstimate): EffectEstimate {
  const level = 1 - s.alpha;
  const ta = t.length ? arm(s.treatment, t, s.metric, level) : { variant: s.treatment, customers: 0 };
  const ca = c.length ? arm(s.control, c, s.metric, level) : { variant: s.control, customers: 0 };
  const effect = s.minimumEffect ?? overall.difference;
  let neededPerVariant: number | undefined;
  try {
    const plan =
      s.metric === 'conversion'
        ? planExperiment({ metric: 'proportion', baseline: overall.control.rate!, minimumEffect: effect, alpha: s.alpha, alternative: 'two-sided' })
        : planExperiment({ metric: 'mean', baseline: overall.control.mean!, sd: overall.control.sd!, minimumEffect: effect, alpha: s.alpha, alternative: 'two-sided' });
    neededPerVariant = Math.max(s.minPerVariant, plan.treatment);
  } catch {
    // No usable effect to plan for (zero difference, or a rate pushed outside (0, 1)): the minimum size is all we can say.
    neededPerVariant = s.minPerVariant;
  }
  return {
    segment,
    treatment: ta,
    control: ca,
    difference: NaN,
    interval: { low: NaN, high: NaN, level },
    relativeLift: NaN,
    liftInterval: { low: NaN, high: NaN, level },
    test: s.metric === 'conversion' ? 'z-test' : 'welch',
    pValue: NaN,
    adjustedPValue: NaN,
    significant: false,
    verdict: 'too-small',
    neededPerVariant,
  };
}

/** The variance of a segment's difference, for the heterogeneity test (unpooled, as the interval uses). */
function variance(e: EffectEstimate, metric: ExperimentMetric): number {
  if (metric === 'conversion') {
    const p1 = e.treatment.rate!;
    const p2 = e.control.rate!;
    return (p1 * (1 - p1)) / e.treatment.customers + (p2 * (1 - p2)) / e.control.customers;
  }
  return e.treatment.sd! ** 2 / e.treatment.customers + e.control.sd! ** 2 / e.control.customers;
}
