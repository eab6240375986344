import { z } from 'zod';
import { checkParam, paramError } from '../core/errors';
import { Registry, type RegistryEntry } from '../core/Registry';
import { chiSquareDriftCounts } from './chiSquareDrift';
import type { DriftColumnKind, DriftStatisticKind, DriftTestName } from './DriftResult';
import { jensenShannonOfShares } from './jensenShannonDistance';
import { ksTestSorted } from './ksTest';
import { countLevels, levelCountsOf, type LevelCounts } from './levelCounts';
import { psiOfShares } from './psi';
import { quantileBins } from './quantileBins';
import { wassersteinNormedSorted } from './wassersteinNormed';
import { zTestDriftCounts } from './zTestDrift';

/**
 * One column's values in one period, missing values dropped: numbers sorted ascending and finite (numeric
 * and 0/1 columns), or levels (categorical columns). The public entries build it; the tests trust it.
 */
export type DriftSample = { kind: 'numeric' | 'binary'; values: Float64Array } | { kind: 'categorical'; values: ReadonlyArray<string> };

/** What a drift test gives: its statistic, a p-value (p-value tests) and, for distances, their sampling error. */
export interface DriftTestOutcome {
  statistic: number;
  pValue: number | null;
  /**
   * Distances only: the statistic's standard error at its value and these row counts (large-sample
   * approximations, see each entry). A distance drifts only when statistic − 1.96 × samplingError exceeds the
   * threshold: a distance exactly at the threshold is called drift about 2.5–5% of the time, not half of it.
   */
  samplingError: number | null;
}

/** A registered per-feature drift test with what it takes and how to read it. */
export interface DriftTestEntry<N extends DriftTestName = DriftTestName, P extends z.AnyZodObject = z.AnyZodObject> extends RegistryEntry<N, P, string> {
  /** Kinds of column it accepts (`accepts` says the same in words). */
  readonly kinds: readonly DriftColumnKind[];
  readonly statisticKind: DriftStatisticKind;
  /** p-value tests: drift when p < threshold; distances: drift when the distance exceeds it beyond its sampling error. */
  readonly defaultThreshold: number;
  /** One sentence: what the number means. */
  readonly meaning: string;
  run(reference: DriftSample, current: DriftSample, params: z.infer<P>): DriftTestOutcome;
}

const none = z.object({}).strict();
const binsParams = z.object({ bins: z.number().int().min(2).max(1000).default(10).describe('a whole number of reference-quantile bins from 2 to 1000 (numeric columns)') }).strict();

const sampleCounts = new WeakMap<DriftSample, Map<string, number>>();

/** Counts per level of a sample, counted once per sample object (a column's test, effect size and chart share them). */
function countsOf(s: DriftSample): Map<string, number> {
  let counts = sampleCounts.get(s);
  if (!counts) {
    counts = countLevels(s.values);
    sampleCounts.set(s, counts);
  }
  return counts;
}

/** Both samples' counts per level: categories as they are, numbers (few-valued or 0/1 columns) by their text. */
export function sampleLevelCounts(reference: DriftSample, current: DriftSample): LevelCounts {
  return levelCountsOf(countsOf(reference), countsOf(current), reference.values.length, current.values.length);
}

/** Whether a sorted sample has more than `cap` distinct values. */
function moreDistinctThan(sorted: Float64Array, cap: number): boolean {
  let d = 0;
  for (let i = 0; i < sorted.length; i++) if ((i === 0 || sorted[i] !== sorted[i - 1]) && ++d > cap) return true;
  return false;
}

/**
 * Shares of both samples on one set of bins: reference quantile bins for numbers with more distinct reference
 * values than bins, levels otherwise (categories, flags, few-valued numbers: as Evidently bins them, so a value
 * new in the current period is a level of its own instead of hiding in the top bin).
 */
function binnedShares(reference: DriftSample, current: DriftSample, bins: number): { reference: ArrayLike<number>; current: ArrayLike<number>; k: number } {
  if (reference.kind === 'numeric' && current.kind === 'numeric' && moreDistinctThan(reference.values, bins)) {
    const b = quantileBins(reference.values, current.values, bins);
    return { reference: b.reference, current: b.current, k: b.labels.length };
  }
  const c = sampleLevelCounts(reference, current);
  return { reference: c.reference.map((v) => v / c.referenceTotal), current: c.current.map((v) => v / c.currentTotal), k: c.levels.length };
}

/** Effective sample size of a two-sample comparison: n·m/(n+m). */
const nEff = (n: number, m: number): number => (n * m) / (n + m);

const ks: DriftTestEntry<'ks', typeof none> = {
  name: 'ks',
  description: "Two-sample Kolmogorov-Smirnov test (scipy's ks_2samp, method 'auto': exact p-value up to 10,000 rows a side, asymptotic beyond): the default for numeric columns with a small reference.",
  params: none,
  accepts: 'numeric',
  kinds: ['numeric'],
  statisticKind: 'p-value',
  defaultThreshold: 0.05,
  meaning: 'D is the largest gap between the two cumulative distributions (0 to 1); p is the chance of a gap this large if nothing changed.',
  run(reference, current) {
    const r = ksTestSorted(reference.values as Float64Array, current.values as Float64Array, 'auto');
    return { statistic: r.statistic, pValue: r.pValue, samplingError: null };
  },
};

const chiSquare: DriftTestEntry<'chi-square', typeof none> = {
  name: 'chi-square',
  description: "Chi-square test of homogeneity of the levels × period table (scipy's chi2_contingency without correction), levels expected below 5 pooled into \"other\": the default for categorical and few-valued columns with a small reference.",
  params: none,
  accepts: 'categorical, binary, numeric (as levels)',
  kinds: ['categorical', 'binary', 'numeric'],
  statisticKind: 'p-value',
  defaultThreshold: 0.05,
  meaning: 'Chi-square grows with the difference between the two periods\' level shares; p is the chance of a difference this large if nothing changed.',
  run(reference, current) {
    const r = chiSquareDriftCounts(sampleLevelCounts(reference, current));
    return { statistic: r.chi2, pValue: r.pValue, samplingError: null };
  },
};

const zTest: DriftTestEntry<'z-test', typeof none> = {
  name: 'z-test',
  description: "Two-proportion z-test with the pooled rate (statsmodels' proportions_ztest), two-sided: the default for 0/1 columns with a small reference.",
  params: none,
  accepts: 'binary',
  kinds: ['binary'],
  statisticKind: 'p-value',
  defaultThreshold: 0.05,
  meaning: "z is the change in the share of 1s in standard errors; p is the chance of a change this large if nothing changed.",
  run(reference, current) {
    const ones = (v: Float64Array): number => {
      let c = 0;
      for (let i = 0; i < v.length; i++) c += v[i]!;
      return c;
    };
    const a = reference.values as Float64Array;
    const b = current.values as Float64Array;
    const r = zTestDriftCounts(ones(a), a.length, ones(b), b.length);
    return { statistic: r.z, pValue: r.pValue, samplingError: null };
  },
};

const psiEntry: DriftTestEntry<'psi', typeof binsParams> = {
  name: 'psi',
  description: 'Population stability index on the reference\'s quantile bins (numbers) or levels (categories), empty bins floored at 1e-4.',
  params: binsParams,
  accepts: 'numeric, categorical, binary',
  kinds: ['numeric', 'categorical', 'binary'],
  statisticKind: 'distance',
  defaultThreshold: 0.1,
  meaning: 'Σ (current − reference share)·ln(current / reference share) over bins: below 0.1 stable, 0.1–0.25 a moderate shift, above 0.25 a major one.',
  run(reference, current, params) {
    const s = binnedShares(reference, current, params.bins);
    const psi = psiOfShares(s.reference, s.current);
    // PSI·N is about a noncentral chi-square with k − 1 df and noncentrality N·PSI (N = n·m/(n+m)): variance 2(k − 1) + 4·N·PSI.
    const N = nEff(reference.values.length, current.values.length);
    return { statistic: psi, pValue: null, samplingError: Math.sqrt(2 * Math.max(s.k - 1, 0) + 4 * N * psi) / N };
  },
};

const jensenShannon: DriftTestEntry<'jensen-shannon', typeof binsParams> = {
  name: 'jensen-shannon',
  description: "Jensen-Shannon distance (scipy's jensenshannon, natural log) of the two periods' shares on levels or reference quantile bins: the default for categorical and 0/1 columns with a large reference.",
  params: binsParams,
  accepts: 'categorical, binary, numeric',
  kinds: ['categorical', 'binary', 'numeric'],
  statisticKind: 'distance',
  defaultThreshold: 0.1,
  meaning: 'How different the two share distributions are, from 0 (same) to 0.83 (no level in common); 0.1 is a clear change.',
  run(reference, current, params) {
    const s = binnedShares(reference, current, params.bins);
    const d = jensenShannonOfShares(s.reference, s.current);
    // 8·N·D² is about a noncentral chi-square with k − 1 df and noncentrality 8·N·D² (N = n·m/(n+m)); by the delta
    // method SE(D) = sqrt(2(k − 1) + 32·N·D²) / (16·N·D), D kept at least at the size sampling alone gives, sqrt((k − 1)/(8N)).
    const N = nEff(reference.values.length, current.values.length);
    const df = Math.max(s.k - 1, 0);
    const err = Math.sqrt(2 * df + 32 * N * d * d) / (16 * N * Math.max(d, Math.sqrt(Math.max(df, 1) / (8 * N))));
    return { statistic: d, pValue: null, samplingError: err };
  },
};

const wasserstein: DriftTestEntry<'wasserstein', typeof none> = {
  name: 'wasserstein',
  description: "Wasserstein distance (scipy's wasserstein_distance) over the reference's population standard deviation: the default for numeric columns with a large reference.",
  params: none,
  accepts: 'numeric, binary',
  kinds: ['numeric', 'binary'],
  statisticKind: 'distance',
  defaultThreshold: 0.1,
  meaning: 'How far the values moved, in reference standard deviations (a mean shift of 0.1 SD gives 0.1).',
  run(reference, current) {
    const r = wassersteinNormedSorted(reference.values as Float64Array, current.values as Float64Array);
    // Its standard error near a location shift: that of a mean difference in SD units, sqrt(1/n + 1/m).
    return { statistic: r.normed, pValue: null, samplingError: Math.sqrt(1 / reference.values.length + 1 / current.values.length) };
  },
};

/** Every per-feature drift test, by name. */
export const DRIFT_TESTS: Registry<DriftTestEntry> = new Registry('drift test', [ks, chiSquare, zTest, psiEntry, jensenShannon, wasserstein] as unknown as DriftTestEntry[]);

/** How many standard errors a distance must clear its threshold by to be called drift (one-sided 97.5%). */
export const DISTANCE_MARGIN_Z = 1.96;

/** Whether an outcome is drift at a threshold: p below it, or a distance above it beyond its sampling error. */
export function isDrift(entry: DriftTestEntry, outcome: DriftTestOutcome, threshold: number): boolean {
  if (entry.statisticKind === 'p-value') return outcome.pValue! < threshold;
  return outcome.statistic - DISTANCE_MARGIN_Z * (outcome.samplingError ?? 0) > threshold;
}

/** A sample from caller data: numbers checked finite and sorted (0/1 checked for binary), levels checked strings. */
export function driftSample(kind: DriftColumnKind, values: ArrayLike<number> | ReadonlyArray<string>, name: string): DriftSample {
  checkParam(values.length >= 1, name, `${values.length} values`, 'at least 1 value (after dropping missing ones)');
  if (kind === 'categorical') {
    const v = values as ReadonlyArray<string>;
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') throw paramError(`${name}[${i}]`, v[i], 'a level (string; drop missing values first)');
    return { kind, values: v };
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = (values as ArrayLike<number>)[i]!;
    if (typeof x !== 'number' || !Number.isFinite(x)) throw paramError(`${name}[${i}]`, x, 'a finite number (drop missing values first)', String(x));
    if (kind === 'binary' && x !== 0 && x !== 1) throw paramError(`${name}[${i}]`, x, '0 or 1 (a binary column)', String(x));
    out[i] = x;
  }
  return { kind, values: out.sort() };
}

/**
 * Run one registered drift test on two samples of a column of the given kind (public entry: name, kind,
 * values and params checked; numbers need not be sorted). Returns the outcome and whether it is drift at
 * `threshold` (default: the test's).
 */
export function runDriftTest(name: DriftTestName, kind: DriftColumnKind, reference: ArrayLike<number> | ReadonlyArray<string>, current: ArrayLike<number> | ReadonlyArray<string>, params: Record<string, unknown> = {}, threshold?: number): DriftTestOutcome & { drifted: boolean; threshold: number } {
  const entry = DRIFT_TESTS.lookup(name, 'drift test');
  checkParam(entry.kinds.includes(kind), `${entry.name} kind`, kind, `a kind of column ${entry.name} accepts (${entry.kinds.join(', ')})`);
  const t = threshold ?? entry.defaultThreshold;
  checkParam(Number.isFinite(t) && t > 0 && (entry.statisticKind === 'distance' || t < 1), `${entry.name} threshold`, t, entry.statisticKind === 'p-value' ? 'a p-value threshold between 0 and 1' : 'a positive distance');
  const parsed = entry.params.safeParse(params);
  if (!parsed.success) checkParam(false, `${entry.name} params`, params, parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; '));
  const outcome = entry.run(driftSample(kind, reference, `${entry.name} reference`), driftSample(kind, current, `${entry.name} current`), parsed.success ? parsed.data : {});
  return { ...outcome, drifted: isDrift(entry, outcome, t), threshold: t };
}
