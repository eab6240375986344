import { checkMatrix } from '../../core/checkMatrix';
import { checkParam, usageError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { Rng } from '../../core/rng';
import { checkSeed, DEFAULT_SEED } from '../../core/seedParam';
import type { BinaryLabels, ModelEntry } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights } from './binaryInput';
import { checkSplits, crossValidateSplits, type CrossValidation } from './crossValidate';
import { METRIC_NAMES, metricSpec, type MetricName } from './evaluationMetrics';
import type { Split } from './Split';
import { stratifiedKFold } from './stratifiedKFold';

/** The values one parameter may take: a list to pick from, or a range drawn uniformly (log-uniformly with scale 'log'). */
export type ParamRange = readonly (number | string | boolean)[] | { low: number; high: number; scale?: 'linear' | 'log'; integer?: boolean };
export type SearchSpace = Record<string, ParamRange>;

export interface SearchOptions {
  /** Number of candidates to cross-validate (the budget). */
  budget: number;
  /** Stratified folds (default 5) or splits, the same for every candidate. */
  folds?: number | readonly Split[];
  seed?: number;
  /** What ranks the candidates (default 'roc-auc'; a loss ranks lowest first). */
  metric?: MetricName;
  /** Params every candidate shares (the space's values override them). */
  baseParams?: Record<string, unknown>;
  sampleWeight?: SampleWeights;
  /** Called after each candidate with the fraction done, a short phrase and the candidate just scored (its rank not yet set). */
  onProgress?: (fraction: number, what: string, candidate: SearchCandidate) => void;
}

export interface SearchCandidate {
  /** 1 = best. */
  rank: number;
  /** Order in which the candidate was drawn (0-based). */
  index: number;
  params: Record<string, unknown>;
  /** The ranking metric's mean and sd over the folds, and its value per fold. */
  mean: number;
  sd: number;
  foldScores: number[];
  cv: CrossValidation;
}

export interface SearchResult {
  metric: MetricName;
  /** Best first; equal means keep the order they were drawn in. */
  ranking: SearchCandidate[];
  best: SearchCandidate;
}

/**
 * Random search with a budget: `budget` candidates drawn from the space with the seed (a space of lists
 * only that holds no more than `budget` combinations is tried whole, in a seeded order; no candidate is
 * tried twice), each cross-validated on the same folds, ranked by the metric's mean over the folds.
 */
export async function searchParams(entry: ModelEntry, space: SearchSpace, X: Matrix, y: BinaryLabels, options: SearchOptions): Promise<SearchResult> {
  const { budget, folds = 5, seed = DEFAULT_SEED, metric = 'roc-auc', baseParams = {} } = options ?? ({} as SearchOptions);
  checkMatrix(X, 'searchParams');
  if (entry === null || typeof entry !== 'object' || typeof entry.create !== 'function') throw usageError('searchParams', 'entry must be a ModelEntry (an entry of MODELS)');
  checkParam(Number.isInteger(budget) && budget >= 1 && budget <= 10_000, 'searchParams budget', budget, 'a whole number of candidates from 1 to 10000');
  checkParam(METRIC_NAMES.includes(metric), 'searchParams metric', metric, `one of ${METRIC_NAMES.join(', ')}`);
  checkSeed(seed, 'searchParams seed');
  checkSpace(space);
  if (y?.length !== X.rows) throw usageError('searchParams', `y has ${y?.length} labels but X has ${X.rows} rows`, 'pass one label per row');
  const input = checkBinaryInput('searchParams', y, new Float64Array(X.rows), options.sampleWeight, { bothClasses: true });
  let splits: readonly Split[];
  if (typeof folds === 'number') {
    checkParam(Number.isInteger(folds) && folds >= 2, 'searchParams folds', folds, 'a whole number >= 2, or splits');
    splits = stratifiedKFold(input.y, { folds, seed });
  } else {
    checkParam(Array.isArray(folds) && folds.length > 0, 'searchParams folds', folds, 'a whole number >= 2, or a non-empty array of splits');
    splits = folds;
  }
  checkSplits(splits, X.rows, 'searchParams');
  const drawn = drawCandidates(space, budget, seed);
  const spec = metricSpec(metric);
  const scored: SearchCandidate[] = [];
  for (let c = 0; c < drawn.length; c++) {
    const params = { ...baseParams, ...drawn[c]! };
    const cv = await crossValidateSplits(entry, params, X, input.y, input.w, splits);
    const foldScores = cv.folds.map((f) => f.metrics[metric]);
    const candidate: SearchCandidate = { rank: 0, index: c, params, mean: cv.mean[metric], sd: cv.sd[metric], foldScores, cv };
    scored.push(candidate);
    options.onProgress?.((c + 1) / drawn.length, `candidate ${c + 1} of ${drawn.length}`, candidate);
  }
  const ranking = [...scored].sort((a, b) => (spec.higherIsBetter ? b.mean - a.mean : a.mean - b.mean) || a.index - b.index);
  ranking.forEach((c, k) => (c.rank = k + 1));
  return { metric, ranking, best: ranking[0]! };
}

/** The candidate list: a function of the space, the budget and the seed only. */
export function drawCandidates(space: SearchSpace, budget: number, seed: number): Record<string, unknown>[] {
  const keys = Object.keys(space).sort();
  const rng = Rng.derive(seed, 'searchParams');
  const lists = keys.every((k) => Array.isArray(space[k]));
  if (lists) {
    const sizes = keys.map((k) => (space[k] as readonly unknown[]).length);
    const total = sizes.reduce((a, b) => a * b, 1);
    if (total <= budget) {
      const all: Record<string, unknown>[] = [];
      for (let code = 0; code < total; code++) {
        const params: Record<string, unknown> = {};
        let rest = code;
        keys.forEach((k, j) => {
          params[k] = (space[k] as readonly unknown[])[rest % sizes[j]!];
          rest = Math.floor(rest / sizes[j]!);
        });
        all.push(params);
      }
      return rng.shuffle(all);
    }
  }
  const seen = new Set<string>();
  const out: Record<string, unknown>[] = [];
  for (let attempt = 0; out.length < budget && attempt < budget * 100; attempt++) {
    const params: Record<string, unknown> = {};
    for (const k of keys) {
      const r = space[k]!;
      if (Array.isArray(r)) params[k] = rng.pick(r);
      else {
        const range = r as Exclude<ParamRange, readonly unknown[]>;
        const u = rng.next();
        let v: number;
        if (range.scale === 'log') {
          v = Math.exp(Math.log(range.low) + u * (Math.log(range.high) - Math.log(range.low)));
          if (range.integer) v = Math.round(v);
        } else if (range.integer) {
          // Every whole number from low to high equally likely.
          const lo = Math.ceil(range.low);
          v = lo + Math.floor(u * (Math.floor(range.high) - lo + 1));
        } else v = range.low + u * (range.high - range.low);
        v = Math.max(range.low, Math.min(range.high, v));
        params[k] = v;
      }
    }
    const key = JSON.stringify(params);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(params);
  }
  return out;
}

function checkSpace(space: SearchSpace): void {
  if (space === null || typeof space !== 'object' || Array.isArray(space) || Object.keys(space).length === 0) throw usageError('searchParams', 'space must be an object with at least one parameter', 'e.g. { learningRate: { low: 0.01, high: 0.3, scale: "log" }, maxDepth: [3, 5, 7] }');
  for (const [k, r] of Object.entries(space)) {
    if (Array.isArray(r)) {
      checkParam(r.length > 0, `searchParams space.${k}`, r, 'a non-empty list of values, or { low, high }');
      continue;
    }
    const range = r as { low?: unknown; high?: unknown; scale?: unknown; integer?: unknown };
    const ok =
      range !== null &&
      typeof range === 'object' &&
      typeof range.low === 'number' &&
      typeof range.high === 'number' &&
      Number.isFinite(range.low) &&
      Number.isFinite(range.high) &&
      range.low <= range.high &&
      (range.scale === undefined || range.scale === 'linear' || (range.scale === 'log' && range.low > 0)) &&
      (range.integer === undefined || typeof range.integer === 'boolean');
    checkParam(ok, `searchParams space.${k}`, r, "a non-empty list of values, or { low, high, scale?: 'linear' | 'log' (low > 0), integer?: boolean } with low <= high");
  }
}
