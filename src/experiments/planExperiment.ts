import { assertUnreachable } from '../core/assertUnreachable';
import { checkParam, usageError } from '../core/errors';
import { normalPpf } from '../stats/distributionTails';
import { type Alternative, ALTERNATIVES } from './Alternative';
import { checkLevel } from './checkCounts';
import { normalIndPower, proportionEffectSize, solveIncreasing, tTestIndPower } from './power';

/** What the test compares: conversion rates, or means of a continuous outcome (revenue per customer). */
export type PlanMetric = 'proportion' | 'mean';

export interface PlanSettings {
  metric: PlanMetric;
  /** Control's rate (proportion) or mean (mean). */
  baseline: number;
  /** Standard deviation of the outcome per customer (mean only). */
  sd?: number;
  /** The smallest effect worth detecting, as an absolute difference (0.02 = +2 points, or +2 in money). */
  minimumEffect?: number;
  /** Customers per variant (group 1 = treatment); give this instead of minimumEffect to get the detectable effect. */
  nobsPerVariant?: number;
  alpha?: number;
  power?: number;
  /** Treatment / control size (1 = equal split). */
  ratio?: number;
  alternative?: Alternative;
  /** Eligible customers per day and the share of them put into the test: gives the duration. */
  dailyTraffic?: number;
  trafficShare?: number;
}

export interface ExperimentPlan {
  metric: PlanMetric;
  alpha: number;
  power: number;
  ratio: number;
  alternative: Alternative;
  /** Standardised effect: Cohen's h (proportion) or d (mean). */
  effectSize: number;
  /** Absolute difference the plan detects with the stated power. */
  minimumEffect: number;
  /** minimumEffect / baseline. */
  relativeEffect: number;
  /** Exact solution for the treatment group, and whole customers per group (rounded up). */
  nobs1Exact: number;
  treatment: number;
  control: number;
  total: number;
  /** Days to reach the total, when daily traffic was given. */
  days?: number;
  test: 'z-test (Cohen h)' | 't-test (Cohen d)';
}

/**
 * Sample size, power and minimum detectable effect for a two-variant test (statsmodels' NormalIndPower on
 * Cohen's h for rates, TTestIndPower on Cohen's d for means), and the duration from daily traffic. Give
 * minimumEffect to get the sizes; give nobsPerVariant to get the smallest effect those sizes detect.
 */
export function planExperiment(settings: PlanSettings): ExperimentPlan {
  const { metric, baseline } = settings;
  const alpha = settings.alpha ?? 0.05;
  const power = settings.power ?? 0.8;
  const ratio = settings.ratio ?? 1;
  const alternative = settings.alternative ?? 'two-sided';
  checkParam(metric === 'proportion' || metric === 'mean', 'plan metric', metric, '"proportion" or "mean"');
  checkLevel(alpha, 'plan alpha');
  checkLevel(power, 'plan power');
  checkParam(power > alpha, 'plan power', power, `more than alpha (${alpha})`);
  checkParam(Number.isFinite(ratio) && ratio > 0, 'plan ratio', ratio, 'a number > 0 (treatment size / control size)');
  checkParam(ALTERNATIVES.includes(alternative), 'plan alternative', alternative, ALTERNATIVES.map((a) => `"${a}"`).join(', '));
  if (metric === 'proportion') checkParam(Number.isFinite(baseline) && baseline > 0 && baseline < 1, 'plan baseline', baseline, 'a rate between 0 and 1 (e.g. 0.05 for 5% conversion)');
  else {
    checkParam(Number.isFinite(baseline), 'plan baseline', baseline, 'a finite mean');
    checkParam(settings.sd !== undefined && Number.isFinite(settings.sd) && settings.sd > 0, 'plan sd', settings.sd, 'the standard deviation of the outcome per customer (> 0), e.g. from last quarter');
  }
  const givenEffect = settings.minimumEffect !== undefined;
  const givenSize = settings.nobsPerVariant !== undefined;
  if (givenEffect === givenSize) throw usageError('planExperiment', 'give exactly one of minimumEffect (to get sizes) and nobsPerVariant (to get the detectable effect)');
  const sd = settings.sd ?? 1;
  const powerAt = (effect: number, nobs1: number): number =>
    metric === 'proportion' ? normalIndPower(effect, nobs1, alpha, ratio, alternative) : tTestIndPower(effect, nobs1, alpha, ratio, alternative);
  // The effect is taken in the direction the alternative tests ('smaller' detects drops).
  const sign = alternative === 'smaller' ? -1 : 1;
  let effectSize: number;
  let minimumEffect: number;
  let nobs1Exact: number;
  if (givenEffect) {
    minimumEffect = settings.minimumEffect as number;
    checkParam(Number.isFinite(minimumEffect) && minimumEffect !== 0, 'plan minimumEffect', minimumEffect, 'a non-zero difference');
    if (metric === 'proportion') {
      const p2 = baseline + minimumEffect;
      checkParam(p2 > 0 && p2 < 1, 'plan minimumEffect', minimumEffect, `a difference that keeps the rate inside (0, 1): baseline ${baseline} + effect = ${p2}`);
      effectSize = proportionEffectSize(p2, baseline);
    } else effectSize = minimumEffect / sd;
    if (alternative !== 'two-sided') checkParam(sign * minimumEffect > 0, 'plan minimumEffect', minimumEffect, `a ${alternative === 'larger' ? 'positive' : 'negative'} difference: the alternative is "${alternative}"`);
    nobs1Exact = solveIncreasing((n) => powerAt(effectSize, n), power, metric === 'mean' ? 1.5 : 1e-6, 1e12);
  } else {
    nobs1Exact = settings.nobsPerVariant as number;
    checkParam(Number.isInteger(nobs1Exact) && nobs1Exact >= 2, 'plan nobsPerVariant', nobs1Exact, 'a whole number of customers ≥ 2');
    const magnitude = solveIncreasing((h) => powerAt(sign * h, nobs1Exact), power, 0, metric === 'proportion' ? Math.PI : 1e6);
    effectSize = sign * magnitude;
    if (metric === 'proportion') {
      // Invert Cohen's h: p2 = sin²(asin√p1 + h/2).
      const p2 = Math.sin(Math.asin(Math.sqrt(baseline)) + effectSize / 2) ** 2;
      minimumEffect = p2 - baseline;
    } else minimumEffect = effectSize * sd;
  }
  const treatment = Math.ceil(nobs1Exact - 1e-9);
  const control = Math.ceil(nobs1Exact * ratio - 1e-9);
  const total = treatment + control;
  const plan: ExperimentPlan = {
    metric,
    alpha,
    power,
    ratio,
    alternative,
    effectSize,
    minimumEffect,
    relativeEffect: baseline !== 0 ? minimumEffect / baseline : NaN,
    nobs1Exact,
    treatment,
    control,
    total,
    test: testName(metric),
  };
  if (settings.dailyTraffic !== undefined) {
    const share = settings.trafficShare ?? 1;
    checkParam(Number.isFinite(settings.dailyTraffic) && settings.dailyTraffic > 0, 'plan dailyTraffic', settings.dailyTraffic, 'eligible customers per day (> 0)');
    checkParam(Number.isFinite(share) && share > 0 && share <= 1, 'plan trafficShare', share, 'a share in (0, 1]');
    plan.days = Math.ceil(total / (settings.dailyTraffic * share));
  }
  return plan;
}

function testName(metric: PlanMetric): ExperimentPlan['test'] {
  switch (metric) {
    case 'proportion':
      return 'z-test (Cohen h)';
    case 'mean':
      return 't-test (Cohen d)';
    default:
      return assertUnreachable(metric);
  }
}

export interface SurveySize {
  /** Respondents for an infinite population: z² p (1 − p) / e². */
  infinite: number;
  /** With the finite population correction n0 / (1 + (n0 − 1) / N), rounded up. */
  respondents: number;
  margin: number;
  level: number;
  population?: number;
}

/**
 * Respondents needed to estimate a share within ±margin at a confidence level (385 at 95% / ±5% with the
 * worst-case share 0.5), with the finite population correction when the segment is small.
 */
export function surveySampleSize(options: { margin?: number; level?: number; proportion?: number; population?: number } = {}): SurveySize {
  const margin = options.margin ?? 0.05;
  const level = options.level ?? 0.95;
  const p = options.proportion ?? 0.5;
  checkParam(Number.isFinite(margin) && margin > 0 && margin < 1, 'survey margin', margin, 'a margin of error between 0 and 1 (0.05 = ±5 points)');
  checkLevel(level, 'survey level');
  checkParam(Number.isFinite(p) && p > 0 && p < 1, 'survey proportion', p, 'the expected share between 0 and 1 (0.5 when unknown: the largest size)');
  const z = normalPpf(1 - (1 - level) / 2);
  const infinite = (z * z * p * (1 - p)) / (margin * margin);
  let n = infinite;
  if (options.population !== undefined) {
    const N = options.population;
    checkParam(Number.isInteger(N) && N >= 1, 'survey population', N, 'the number of customers in the segment (a whole number ≥ 1)');
    n = infinite / (1 + (infinite - 1) / N);
  }
  return { infinite, respondents: Math.ceil(n - 1e-9), margin, level, ...(options.population !== undefined && { population: options.population }) };
}
