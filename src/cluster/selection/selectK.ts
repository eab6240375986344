import { assertUnreachable } from '../../core/assertUnreachable';
import { checkParam, usageError } from '../../core/errors';
import { checkSeed, DEFAULT_SEED } from '../../core/seedParam';
import { Matrix } from '../../core/Matrix';
import { parseParams } from '../../core/parseParams';
import { silentProgress, type Progress } from '../../core/progress';
import type { ClusterModel, FitOptions } from '../ClusterModel';
import { checkClusterLabels, encodeClusterLabels } from '../metrics/clusterLabels';
import type { GapReference, GapResult } from '../metrics/gapStatistic';
import type { SilhouetteOptions } from '../metrics/silhouette';
import { validateClusterInput } from '../validateClusterInput';
import { formatMeasure as fmt } from './formatMeasure';
import type { CriterionVote as AnyCriterionVote, KCandidate as AnyKCandidate } from './KCandidate';
import { K_SELECTION_CRITERIA, SELECTION_CRITERIA, selectionCriteria, selectionMetrics, type SelectionCriterion, type SelectionMetric } from './kSelectionCriteria';
import type { CriterionMeasure } from './SelectionCriterionEntry';
import { bootstrapStability, STABILITY_THRESHOLDS, type StabilityResult } from './stability';

export { SELECTION_CRITERIA, type SelectionCriterion, type SelectionMetric };

/** Something that fits a clustering: KMeans, GaussianMixture, … (an unfitted estimator). */
export interface ClusterEstimator<M extends ClusterModel = ClusterModel> {
  fit(X: Matrix, options?: FitOptions): M;
}

/** Makes the estimator for k clusters, e.g. `(k) => new KMeans({ k, seed: 1 })`. */
export type EstimatorFactory<M extends ClusterModel = ClusterModel> = (k: number) => ClusterEstimator<M>;

/** Saved model-selection results start with this; bump it when the shape changes. */
export const MODEL_SELECTION_SCHEMA_VERSION = 2;

/**
 * Business limits of a segmentation marketers can act on: every segment at least 3% of customers, none
 * above half of them (a segment that is most of the base is the base), at most 12 segments; when the data
 * shows no natural groups, look for 4 to 6 (the usual starting point of a segmentation).
 */
export const SELECT_K_DEFAULTS = { minK: 2, maxK: 12, minShare: 0.03, maxShare: 0.5, maxSegments: 12, preferredK: [4, 6] as readonly [number, number] } as const;

/**
 * Below this average silhouette a clustering shows no substantial structure (Kaufman & Rousseeuw 1990:
 * 0.26–0.50 weak and possibly artificial, 0.51–0.70 reasonable, above 0.70 strong).
 */
export const STRUCTURE_MIN_SILHOUETTE = 0.25;

/** How reasons name a criterion (its registered label). */
const criterionName = (criterion: string): string => (K_SELECTION_CRITERIA.has(criterion) ? K_SELECTION_CRITERIA.get(criterion).label : criterion);

/**
 * The decision rule, stated once so the result can carry it:
 * 1. A k is eligible when every segment holds at least minShare and at most maxShare of the customers, k <= maxSegments,
 *    and the model really produced k clusters.
 * 2. Each criterion votes for one eligible k: best silhouette, best Calinski-Harabasz, best Davies-Bouldin,
 *    lowest BIC (only for models with a likelihood) among eligible k; the kneedle elbow of the inertia
 *    curve and Tibshirani's gap rule are read on the whole sweep (a curve's shape needs all its points)
 *    and abstain when they land on an excluded k.
 * 3. The k with the most votes wins; a tie goes to the tied k with the higher silhouette (then the smaller k).
 * Plurality over several imperfect criteria is easy to explain and no single criterion's bias decides
 * alone; the silhouette breaks ties because it is bounded, comparable across k, and the most familiar.
 */
export const SELECTION_RULE =
  'Each criterion votes for one eligible k (every segment >= minShare and <= maxShare of customers, k <= maxSegments): best silhouette, best Calinski-Harabasz, best Davies-Bouldin, lowest BIC; the elbow (kneedle on inertia) and the gap rule are read on the whole sweep and abstain when their k is excluded. The k with most votes wins; ties go to the higher silhouette, then the smaller k.';

/**
 * How the votes become one k. 'vote': plurality (SELECTION_RULE). 'gap-first': the gap statistic decides
 * when it was computed and voted, because it is the one criterion built to estimate the number of clusters
 * (Tibshirani, Walther & Hastie 2001, where it beat Calinski-Harabasz, silhouette-type and other indices in
 * simulations); the other criteria are reported as agreeing or not, and decide by plurality when it abstains.
 */
export const SELECTION_RULES = ['vote', 'gap-first', 'structure-first'] as const;
export type SelectionRuleName = (typeof SELECTION_RULES)[number];

export const GAP_FIRST_RULE =
  'The gap statistic decides when it was computed and its k is eligible (every segment >= minShare and <= maxShare of customers, k <= maxSegments); otherwise the plurality vote: ' +
  SELECTION_RULE;

/**
 * 'structure-first' (the cluster stage's default): natural groups when the data has them, else a partition
 * for action of the size marketers start with. The data has natural groups at k when three independent
 * checks agree: the gap statistic (Tibshirani's rule) picks k >= 2 within the business limits; the average
 * silhouette at k is at least 0.25 (Kaufman & Rousseeuw's "no substantial structure" below); and the
 * clustering at k is stable under bootstrap resampling (Hennig's mean Jaccard >= 0.75). Otherwise the
 * segments are a partition for action: the eligible k within preferredK (default 4–6) with the best
 * silhouette, or, when none there is eligible, the eligible k nearest to that range.
 */
export const STRUCTURE_FIRST_RULE =
  'Natural groups when the data has them: the gap statistic picks k >= 2 within the business limits, the silhouette at that k is at least 0.25 and the segments are stable under bootstrap resampling (mean Jaccard >= 0.75). Otherwise the segments are a partition for action: the eligible k within the preferred range with the best silhouette (or the eligible k nearest to that range).';

/** Why the data does or does not show natural groups (structured, so every language can say it). */
export type StructureCheck =
  | { code: 'found'; k: number; silhouette: number; stability: number }
  | { code: 'gap-not-computed' }
  | { code: 'gap-no-structure' }
  | { code: 'gap-still-growing'; maxK: number }
  | { code: 'gap-excluded'; k: number; exclusions: string[] }
  | { code: 'low-silhouette'; k: number; silhouette: number; threshold: number }
  | { code: 'unstable'; k: number; stability: number; threshold: number };

export interface StructureVerdict {
  /** true: the segments are natural groups; false: a partition for action. */
  found: boolean;
  check: StructureCheck;
  /** One English sentence (cluster.json, CLI); reports translate `check`. */
  text: string;
  /** When no structure: the range the partition's k was taken from, and whether it was met. */
  preferredK: [number, number];
}
export interface SelectKOptions {
  /** 'vote' (default) or 'gap-first' (the gap statistic decides when computed; see SELECTION_RULES). */
  rule?: SelectionRuleName;
  /** Cluster counts to try (default 2..12, capped at rows - 1). */
  ks?: readonly number[];
  /** Every segment must hold at least this share of the customers, 0..1 (default 0.03). */
  minShare?: number;
  /** No segment may hold more than this share of the customers, 0..1 (default 0.5). */
  maxShare?: number;
  /** At most this many segments (default 12). */
  maxSegments?: number;
  /** Rule 'structure-first': where k is taken when the data shows no natural groups (default [4, 6]). */
  preferredK?: readonly [number, number];
  /** Rule 'structure-first': bootstrap stability that confirms the gap's k (default 20 resamples, the gap's seed). */
  stability?: { B?: number; seed?: number };
  /** The silhouette criterion's params: sampling (default: exact up to 10,000 rows, a seeded sample of 10,000 beyond). */
  silhouette?: SilhouetteOptions;
  /** The gap criterion's params, or true for its defaults; it is opt-in: B + 1 fits per k, the costly part (default false). */
  gap?: boolean | { nRefs?: number; seed?: number; reference?: GapReference };
  /** The elbow criterion's kneedle sensitivity (default 1). */
  elbowSensitivity?: number;
  /**
   * Fit each k on these rows (a seeded sample of X with its columns) instead of X; every measure is then
   * taken on X's own rows with the labels the fitted model predicts for them, so the scores are the
   * full data's (default: fit on X).
   */
  fitOn?: Matrix;
  progress?: Progress;
}

/** Everything measured for one k: every registered criterion's measures in `metrics` (see KCandidate). */
export type KCandidate = AnyKCandidate<SelectionMetric>;

/** One registered criterion's vote. */
export type CriterionVote = AnyCriterionVote<SelectionCriterion>;

/** Result of selectK: typed and JSON-serialisable (no typed arrays, no NaN). */
export interface ModelSelectionResult {
  schemaVersion: typeof MODEL_SELECTION_SCHEMA_VERSION;
  rows: number;
  ks: number[];
  limits: { minShare: number; maxShare: number; maxSegments: number };
  /** The rule's name ('vote', 'gap-first', 'structure-first'); `rule` states it in words. */
  ruleName: SelectionRuleName;
  candidates: KCandidate[];
  votes: CriterionVote[];
  recommendedK: number | null;
  /** Why: the winning votes, ties, exclusions and abstentions, as sentences. */
  reasons: string[];
  rule: string;
  /** The full gap statistic (with k = 1 when the sweep starts at 2), or null when not computed. */
  gap: GapResult | null;
  /** Rule 'structure-first': natural groups or a partition for action, and why; null for the other rules. */
  structure: StructureVerdict | null;
  /** Bootstrap stability computed while choosing (rule 'structure-first'), by k: reusable for the final fit. */
  stability: Record<number, StabilityResult>;
}

const sentence = (s: string): string => (s.endsWith('.') ? s : `${s}.`);
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

/**
 * The vote of SELECTION_RULE: plurality among the criteria that did not abstain, ties to the higher
 * silhouette, then the smaller k. Returns the k (null when no criterion voted: no eligible k) and the
 * reasons as sentences: the winner and its voters, ties, the other k with votes, every criterion's
 * vote or abstention, and every exclusion.
 */
export function decideK(
  votes: readonly AnyCriterionVote[],
  candidates: readonly (Pick<KCandidate, 'k' | 'eligible' | 'exclusions'> & { metrics: Partial<Record<SelectionMetric, number | null>> })[],
  limits: { minShare: number; maxShare?: number; maxSegments: number },
  rule: SelectionRuleName = 'vote',
): { recommendedK: number | null; reasons: string[] } {
  const gapVote = votes.find((v) => v.criterion === 'gap' && v.k !== null);
  if (rule === 'gap-first' && gapVote) {
    const k = gapVote.k!;
    const others = votes.filter((v) => v.criterion !== 'gap' && v.k !== null);
    const agree = others.filter((v) => v.k === k).map((v) => criterionName(v.criterion));
    const reasons = [
      `k=${k} recommended by the gap statistic (rule gap-first); ${agree.length} of ${others.length} other voting criteria agree${agree.length ? ` (${agree.join(', ')})` : ''}.`,
    ];
    for (const v of others.filter((x) => x.k !== k)) reasons.push(`${criterionName(v.criterion)} preferred k=${v.k}.`);
    for (const v of votes) reasons.push(sentence(`${criterionName(v.criterion)}: ${v.k === null ? 'abstains, ' : ''}${v.reason}`));
    for (const c of candidates) if (!c.eligible) reasons.push(`k=${c.k} excluded: ${c.exclusions.join('; ')}.`);
    return { recommendedK: k, reasons };
  }
  const tally = new Map<number, string[]>();
  for (const v of votes) if (v.k !== null) tally.set(v.k, [...(tally.get(v.k) ?? []), v.criterion]);
  const silhouetteOf = (k: number): number => candidates.find((c) => c.k === k)?.metrics.silhouette ?? -Infinity;
  const ranked = [...tally.entries()].sort((a, b) => b[1].length - a[1].length || silhouetteOf(b[0]) - silhouetteOf(a[0]) || a[0] - b[0]);
  const reasons: string[] = [];
  let recommendedK: number | null = null;
  const voting = votes.filter((v) => v.k !== null).length;
  if (ranked.length === 0) {
    reasons.push(`No k recommended: no k from ${candidates.map((c) => c.k).join(', ')} meets the limits (minShare ${pct(limits.minShare)}, maxSegments ${limits.maxSegments}).`);
  } else {
    const [winner, by] = ranked[0]!;
    recommendedK = winner;
    reasons.push(`k=${winner} recommended: ${by.length} of ${voting} voting criteria chose it (${by.map((c) => criterionName(c)).join(', ')}).`);
    const tied = ranked.filter(([, c]) => c.length === by.length).map(([k]) => k);
    if (tied.length > 1) {
      const sil = (k: number): string => (silhouetteOf(k) === -Infinity ? 'n/a' : silhouetteOf(k).toFixed(3));
      reasons.push(`Tie between k=${tied.join(', k=')} with ${by.length} vote${by.length === 1 ? '' : 's'} each, broken by silhouette: ${tied.map((k) => `k=${k} ${sil(k)}`).join(', ')}.`);
    }
    for (const [k, c] of ranked.slice(1)) reasons.push(`k=${k} had ${c.length} vote${c.length === 1 ? '' : 's'} (${c.map((x) => criterionName(x)).join(', ')}).`);
  }
  for (const v of votes) reasons.push(sentence(`${criterionName(v.criterion)}: ${v.k === null ? 'abstains, ' : ''}${v.reason}`));
  for (const c of candidates) if (!c.eligible) reasons.push(`k=${c.k} excluded: ${c.exclusions.join('; ')}.`);
  return { recommendedK, reasons };
}

/**
 * Sweep k, fit with the factory, measure every k with every registered criterion (K_SELECTION_CRITERIA:
 * inertia, silhouette, Calinski-Harabasz, Davies-Bouldin, BIC/AIC when the model has them, the gap
 * statistic when asked for) beside the segment shares and fit time, take one vote per criterion and
 * recommend a k by the rule (SELECTION_RULE, GAP_FIRST_RULE, STRUCTURE_FIRST_RULE), within the business limits.
 */
export function selectK<M extends ClusterModel>(X: Matrix, factory: EstimatorFactory<M>, options: SelectKOptions = {}): ModelSelectionResult {
  const who = 'selectK';
  validateClusterInput(X, { who });
  checkParam(typeof factory === 'function', `${who} factory`, typeof factory, 'a function (k) => estimator with fit(X)');
  checkParam(options !== null && typeof options === 'object', `${who} options`, options, 'an object');
  const {
    minShare = SELECT_K_DEFAULTS.minShare,
    maxShare = SELECT_K_DEFAULTS.maxShare,
    maxSegments = SELECT_K_DEFAULTS.maxSegments,
    preferredK = SELECT_K_DEFAULTS.preferredK,
    elbowSensitivity = 1,
    progress = silentProgress,
    rule = 'vote',
  } = options;
  checkParam((SELECTION_RULES as readonly string[]).includes(rule), `${who} rule`, rule, `one of ${SELECTION_RULES.map((r) => `'${r}'`).join(', ')}`);
  checkParam(typeof minShare === 'number' && minShare >= 0 && minShare < 1, `${who} minShare`, minShare, 'a share from 0 (inclusive) to 1 (exclusive), e.g. 0.03');
  checkParam(typeof maxShare === 'number' && maxShare > minShare && maxShare <= 1, `${who} maxShare`, maxShare, `a share above minShare (${minShare}) and at most 1, e.g. 0.5`);
  checkParam(
    Array.isArray(preferredK) && preferredK.length === 2 && preferredK.every((v) => Number.isInteger(v) && v >= 2) && preferredK[0]! <= preferredK[1]!,
    `${who} preferredK`,
    preferredK,
    'two integers [from, to] with 2 <= from <= to, e.g. [4, 6]',
  );
  const stabilitySettings = { B: options.stability?.B ?? 20, seed: options.stability?.seed ?? (typeof options.gap === 'object' ? (options.gap.seed ?? DEFAULT_SEED) : DEFAULT_SEED) };
  checkParam(Number.isInteger(stabilitySettings.B) && stabilitySettings.B >= 2, `${who} stability.B`, stabilitySettings.B, 'an integer >= 2');
  checkSeed(stabilitySettings.seed, `${who} stability.seed`);
  checkParam(Number.isInteger(maxSegments) && maxSegments >= 2, `${who} maxSegments`, maxSegments, 'an integer >= 2');
  checkParam(typeof elbowSensitivity === 'number' && Number.isFinite(elbowSensitivity) && elbowSensitivity >= 0, `${who} elbowSensitivity`, elbowSensitivity, 'a number >= 0');
  const maxK = X.rows - 1;
  const defaultKs = Array.from({ length: Math.max(0, Math.min(SELECT_K_DEFAULTS.maxK, maxK) - 1) }, (_, i) => i + 2);
  const ks = [...(options.ks ?? defaultKs)].sort((a, b) => a - b);
  checkParam(ks.length >= 1, `${who} ks`, options.ks ?? defaultKs, `at least one k (X has ${X.rows} rows)`);
  ks.forEach((k, i) => {
    checkParam(Number.isInteger(k) && k >= 2 && k <= maxK, `${who} ks[${i}]`, k, `an integer from 2 to ${maxK} (rows - 1)`);
    if (i > 0 && ks[i - 1] === k) throw usageError(who, `ks lists k=${k} twice`);
  });
  // Each criterion's params, checked before the sweep so that a typo does not surface only after every
  // fit; an opt-in criterion (the gap statistic) runs only when its options are given (null: it abstains).
  const given: Record<string, object | null | undefined> = {
    elbow: { sensitivity: elbowSensitivity },
    silhouette: options.silhouette,
    gap: options.gap === true ? {} : options.gap || null,
  };
  const criteria = selectionCriteria().map((criterion) => {
    const value = given[criterion.name];
    const params = criterion.optIn && !value ? null : parseParams(criterion.params, value ?? {}, who, criterion.name);
    return { criterion, params };
  });
  const n = X.rows;
  const fitOn = options.fitOn ?? X;
  checkParam(fitOn instanceof Matrix && fitOn.cols === X.cols && fitOn.columns.every((c, j) => c === X.columns[j]), `${who} options.fitOn`, options.fitOn === undefined ? undefined : `${(fitOn as Matrix).rows} × ${(fitOn as Matrix).cols}`, `a Matrix with X's columns (${X.columns.join(', ')})`);

  progress.start('select k: fit and score each k', ks.length);
  const labelsByK = new Map<number, Int32Array>();
  const scorableKs = new Set<number>();
  const candidates: KCandidate[] = ks.map((k, t) => {
    const estimator = factory(k);
    if (!estimator || typeof estimator.fit !== 'function') throw usageError(who, `factory(${k}) must return an estimator with a fit(X) method`);
    const fitted = estimator.fit(fitOn);
    // Fitted on a sample: scored on X by its predictions, and its training inertia (the sample's) not used.
    const model = fitOn === X ? fitted : (Object.assign(Object.create(fitted) as object, { inertia: undefined, labels: fitted.predict(X) }) as unknown as typeof fitted);
    const labels = checkClusterLabels(model?.labels, n, `${who} (model for k=${k})`, 'model.labels');
    labelsByK.set(k, labels);
    const enc = encodeClusterLabels(labels);
    const sizes = Array.from(enc.sizes);
    const scorable = enc.k >= 2 && enc.k <= n - enc.noise - 1;
    if (scorable) scorableKs.add(k);
    // Every registered measure, null until a criterion fills it (the gap's after the sweep).
    const candidate: KCandidate = {
      k,
      clustersFound: enc.k,
      sizes,
      smallestShare: sizes.length ? Math.min(...sizes) / n : 0,
      largestShare: sizes.length ? Math.max(...sizes) / n : 0,
      noiseShare: enc.noise / n,
      metrics: Object.fromEntries(selectionMetrics().map((m) => [m, null])) as KCandidate['metrics'],
      methods: {},
      eligible: true,
      exclusions: [],
    };
    for (const { criterion, params } of criteria) {
      if (params === null || !criterion.measure) continue;
      record(candidate, criterion.measure({ X, k, model, labels, codes: enc.codes, clusters: enc.k, scorable }, params), criterion.metrics[0]);
    }
    if (k > maxSegments) candidate.exclusions.push(`k=${k} exceeds maxSegments=${maxSegments}`);
    if (enc.k !== k) candidate.exclusions.push(`the model found ${enc.k} cluster${enc.k === 1 ? '' : 's'} for k=${k}`);
    if (!scorable) candidate.exclusions.push(`fewer than 2 clusters to score`);
    if (sizes.length > 0 && candidate.smallestShare < minShare) {
      candidate.exclusions.push(`smallest segment holds ${pct(candidate.smallestShare)} of customers (${Math.min(...sizes)} rows), below minShare ${pct(minShare)}`);
    }
    if (sizes.length > 0 && candidate.largestShare > maxShare) {
      candidate.exclusions.push(`largest segment holds ${pct(candidate.largestShare)} of customers (${Math.max(...sizes)} rows), above maxShare ${pct(maxShare)}`);
    }
    candidate.eligible = candidate.exclusions.length === 0;
    progress.update(t + 1);
    return candidate;
  });
  progress.end(`${ks.length} values of k`);

  // Criteria read on the whole sweep (the gap statistic refits reference data for every k).
  const sweeps = new Map<string, unknown>();
  for (const { criterion, params } of criteria) {
    if (params === null || !criterion.measureSweep) continue;
    const { byK, result } = criterion.measureSweep({ X, ks, labelsByK, scorableKs, cluster: (Z, k) => factory(k).fit(Z).labels, progress }, params);
    sweeps.set(criterion.name, result);
    for (const c of candidates) {
      const m = byK.get(c.k);
      if (m) record(c, m, criterion.metrics[0]);
    }
  }
  const gap = (sweeps.get('gap') as GapResult | undefined) ?? null;

  const eligibleOrWhy = (k: number): string | null => {
    const c = candidates.find((x) => x.k === k)!;
    return c.eligible ? null : c.exclusions.join('; ');
  };
  // One vote per registered criterion, in registration order.
  const votes: CriterionVote[] = criteria.map(({ criterion, params }) => ({
    criterion: criterion.name as SelectionCriterion,
    ...criterion.vote(candidates, params, { eligibleOrWhy, sweep: sweeps.get(criterion.name) ?? null }),
  }));

  const limits = { minShare, maxShare, maxSegments };
  let decision: { recommendedK: number | null; reasons: string[] };
  let structure: StructureVerdict | null = null;
  const stabilityByK: Record<number, StabilityResult> = {};
  if (rule === 'structure-first') {
    const confirm = (k: number): StabilityResult => {
      const labels = labelsByK.get(k)!;
      const original = { kind: 'kmeans', k, columns: X.columns, labels, predict: () => labels, toJSON: () => ({ schemaVersion: 1, kind: 'kmeans' }) } as unknown as ClusterModel;
      return (stabilityByK[k] ??= bootstrapStability(X, () => factory(k), { B: stabilitySettings.B, seed: stabilitySettings.seed, original, progress }));
    };
    ({ structure, ...decision } = decideByStructure(votes, candidates, gap, limits, preferredK, confirm));
  } else decision = decideK(votes, candidates, limits, rule);
  const { recommendedK, reasons } = decision;
  return {
    schemaVersion: MODEL_SELECTION_SCHEMA_VERSION,
    rows: n,
    ks,
    limits,
    ruleName: rule,
    candidates,
    votes,
    recommendedK,
    reasons,
    rule: rule === 'gap-first' ? GAP_FIRST_RULE : rule === 'structure-first' ? STRUCTURE_FIRST_RULE : SELECTION_RULE,
    gap,
    structure,
    stability: stabilityByK,
  };
}

/** One English sentence for a structure check (reports translate the structured check instead). */
export function structureText(check: StructureCheck): string {
  switch (check.code) {
    case 'found':
      return `The data shows ${check.k} natural groups: the gap statistic picks k=${check.k}, the silhouette is ${check.silhouette.toFixed(2)} (>= ${STRUCTURE_MIN_SILHOUETTE}) and the segments are stable under resampling (mean Jaccard ${check.stability.toFixed(2)}).`;
    case 'gap-not-computed':
      return 'Whether the data has natural groups was not tested (the gap statistic was not computed): the segments are treated as a partition for action.';
    case 'gap-no-structure':
      return 'The gap statistic finds no cluster structure (k=1): the segments are a partition for action, not natural groups.';
    case 'gap-still-growing':
      return `The gap statistic keeps growing up to k=${check.maxK} without settling on a number of groups: the segments are a partition for action, not natural groups.`;
    case 'gap-excluded':
      return `The gap statistic points to k=${check.k}, which breaks the business limits (${check.exclusions.join('; ')}): the segments are a partition for action.`;
    case 'low-silhouette':
      return `The gap statistic points to k=${check.k}, but its silhouette is ${check.silhouette.toFixed(2)}, below ${check.threshold} (no substantial structure): the segments are a partition for action, not natural groups.`;
    case 'unstable':
      return `The gap statistic points to k=${check.k}, but those segments are not stable under resampling (mean Jaccard ${check.stability.toFixed(2)}, below ${check.threshold}): the segments are a partition for action, not natural groups.`;
    default:
      return assertUnreachable(check, 'structure check');
  }
}

/**
 * STRUCTURE_FIRST_RULE: the gap's k when the silhouette and the bootstrap confirm it; else the eligible k in
 * preferredK with the best silhouette (ties: smaller k), else the eligible k nearest to preferredK.
 * `confirm` computes the bootstrap stability of a k (only called for the gap's k).
 */
export function decideByStructure(
  votes: readonly CriterionVote[],
  candidates: readonly KCandidate[],
  gap: GapResult | null,
  limits: { minShare: number; maxShare: number; maxSegments: number },
  preferredK: readonly [number, number],
  confirm: (k: number) => Pick<StabilityResult, 'meanJaccard'>,
): { recommendedK: number | null; reasons: string[]; structure: StructureVerdict } {
  let check: StructureCheck;
  const gk = gap?.recommendedK;
  const at = (k: number): KCandidate | undefined => candidates.find((c) => c.k === k);
  if (!gap) check = { code: 'gap-not-computed' };
  else if (gk === 1) check = { code: 'gap-no-structure' };
  else if (gk === null || gk === undefined) check = { code: 'gap-still-growing', maxK: gap.rows[gap.rows.length - 1]!.k };
  else if (!at(gk)?.eligible) check = { code: 'gap-excluded', k: gk, exclusions: at(gk)?.exclusions ?? ['not in the sweep'] };
  else {
    const sil = at(gk)!.metrics.silhouette ?? -1;
    if (sil < STRUCTURE_MIN_SILHOUETTE) check = { code: 'low-silhouette', k: gk, silhouette: sil, threshold: STRUCTURE_MIN_SILHOUETTE };
    else {
      const stability = confirm(gk).meanJaccard;
      check = stability >= STABILITY_THRESHOLDS.stable ? { code: 'found', k: gk, silhouette: sil, stability } : { code: 'unstable', k: gk, stability, threshold: STABILITY_THRESHOLDS.stable };
    }
  }
  const structure: StructureVerdict = { found: check.code === 'found', check, text: structureText(check), preferredK: [preferredK[0], preferredK[1]] };
  const reasons = [structure.text];
  let recommendedK: number | null = null;
  if (check.code === 'found') {
    recommendedK = check.k;
    reasons.unshift(`k=${check.k} recommended: natural groups (rule structure-first).`);
  } else {
    const eligible = candidates.filter((c) => c.eligible);
    const inRange = eligible.filter((c) => c.k >= preferredK[0] && c.k <= preferredK[1]);
    const bySilhouette = (a: KCandidate, b: KCandidate): number => (b.metrics.silhouette ?? -Infinity) - (a.metrics.silhouette ?? -Infinity) || a.k - b.k;
    const distance = (c: KCandidate): number => (c.k < preferredK[0] ? preferredK[0] - c.k : c.k > preferredK[1] ? c.k - preferredK[1] : 0);
    const pick = inRange.length ? [...inRange].sort(bySilhouette)[0]! : [...eligible].sort((a, b) => distance(a) - distance(b) || bySilhouette(a, b))[0];
    if (!pick) reasons.unshift(`No k recommended: no k from ${candidates.map((c) => c.k).join(', ')} meets the limits (minShare ${pct(limits.minShare)}, maxShare ${pct(limits.maxShare)}, maxSegments ${limits.maxSegments}).`);
    else {
      recommendedK = pick.k;
      const where = inRange.length
        ? `the eligible k in the preferred range ${preferredK[0]}–${preferredK[1]} with the best silhouette (${fmt(pick.metrics.silhouette ?? NaN)})`
        : `no k in the preferred range ${preferredK[0]}–${preferredK[1]} meets the limits; k=${pick.k} is the nearest eligible k (silhouette ${fmt(pick.metrics.silhouette ?? NaN)})`;
      reasons.unshift(`k=${pick.k} recommended as a partition for action: ${where}.`);
    }
  }
  for (const v of votes) reasons.push(sentence(`${criterionName(v.criterion)}: ${v.k === null ? 'abstains, ' : ''}${v.reason}`));
  for (const c of candidates) if (!c.eligible) reasons.push(`k=${c.k} excluded: ${c.exclusions.join('; ')}.`);
  return { recommendedK, reasons, structure };
}

/** Write a criterion's measures (and how its own was computed) into a candidate. */
function record(candidate: KCandidate, measure: CriterionMeasure, metric: string): void {
  const metrics = candidate.metrics as Record<string, number | null>;
  for (const [name, value] of Object.entries(measure.values)) metrics[name] = value;
  if (measure.method !== undefined) (candidate.methods as Record<string, string>)[metric] = measure.method;
}
