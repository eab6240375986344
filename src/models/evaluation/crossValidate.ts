import { checkMatrix } from '../../core/checkMatrix';
import { checkParam, inputError, usageError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { checkSeed, DEFAULT_SEED } from '../../core/seedParam';
import type { BinaryLabels, FittedModel, ModelEntry } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights } from './binaryInput';
import { descendingOrder } from './descendingOrder';
import { METRIC_NAMES, metricSpec, type MetricName } from './evaluationMetrics';
import type { Split } from './Split';
import { stratifiedKFold } from './stratifiedKFold';
import { takeRows, takeValues } from './takeRows';

export type MetricValues = Record<MetricName, number>;

export interface FoldResult {
  fold: number;
  trainRows: number;
  testRows: number;
  /** Every metric on the fold's test rows. */
  metrics: MetricValues;
}

export interface CrossValidation {
  folds: FoldResult[];
  /** Mean and standard deviation (population, as scikit-learn's cv_results_) of each metric over the folds. */
  mean: MetricValues;
  sd: MetricValues;
  /** Out-of-fold probability of every row (NaN for a row no split tests, e.g. the training rows of an out-of-time split). */
  oof: Float64Array;
  /** Out-of-fold raw score (decisionFunction, log-odds) of every row, NaN where oof is: what a calibrator is fitted on. */
  oofRaw: Float64Array;
  /** Every metric on the out-of-fold probabilities of the tested rows, pooled. */
  pooled: MetricValues;
}

export interface CrossValidateOptions {
  /** Seed of the stratified folds when `folds` is a number (default DEFAULT_SEED). */
  seed?: number;
  sampleWeight?: SampleWeights;
  /** Called after each fold with the fraction done. */
  onProgress?: (fraction: number, what: string) => void;
}

/**
 * Fit a model family on each split's training rows and score its test rows: per-fold metrics, their mean
 * and sd, and the out-of-fold probabilities. `folds` is a number of stratified folds (seeded), or splits
 * (stratifiedKFold, outOfTimeSplit) whose test sets do not overlap.
 */
export async function crossValidate(entry: ModelEntry, params: object, X: Matrix, y: BinaryLabels, folds: number | readonly Split[] = 5, options: CrossValidateOptions = {}): Promise<CrossValidation> {
  const { seed = DEFAULT_SEED } = options;
  checkMatrix(X, 'crossValidate');
  checkSeed(seed, 'crossValidate seed');
  if (entry === null || typeof entry !== 'object' || typeof entry.create !== 'function') throw usageError('crossValidate', 'entry must be a ModelEntry (an entry of MODELS)');
  if (y?.length !== X.rows) throw usageError('crossValidate', `y has ${y?.length} labels but X has ${X.rows} rows`, 'pass one label per row');
  const input = checkBinaryInput('crossValidate', y, new Float64Array(X.rows), options.sampleWeight, { bothClasses: true });
  let splits: readonly Split[];
  if (typeof folds === 'number') {
    checkParam(Number.isInteger(folds) && folds >= 2, 'crossValidate folds', folds, 'a whole number >= 2, or splits from stratifiedKFold / outOfTimeSplit');
    splits = stratifiedKFold(input.y, { folds, seed });
  } else {
    checkParam(Array.isArray(folds) && folds.length > 0, 'crossValidate folds', folds, 'a whole number >= 2, or a non-empty array of splits');
    splits = folds;
  }
  checkSplits(splits, X.rows);
  return crossValidateSplits(entry, params, X, input.y, input.w, splits, options.onProgress);
}

/** The loop (inputs checked): shared with searchParams, which scores every candidate on the same splits. */
export async function crossValidateSplits(entry: ModelEntry, params: object, X: Matrix, y: Uint8Array, w: Float64Array | null, splits: readonly Split[], onProgress?: (fraction: number, what: string) => void): Promise<CrossValidation> {
  const oof = new Float64Array(X.rows).fill(NaN);
  const oofRaw = new Float64Array(X.rows).fill(NaN);
  const results: FoldResult[] = [];
  for (let s = 0; s < splits.length; s++) {
    const { fold, train, test } = splits[s]!;
    const yTrain = takeValues(y, train);
    const model: FittedModel = await entry.create(params as never).fit(takeRows(X, train), yTrain, w === null ? {} : { sampleWeight: takeValues(w, train) });
    const Xtest = takeRows(X, test);
    const p = model.predictProba(Xtest);
    const raw = model.decisionFunction(Xtest);
    const yTest = takeValues(y, test);
    const wTest = w === null ? null : takeValues(w, test);
    const scored = checkBinaryInput(`crossValidate fold ${fold + 1}`, yTest, p, wTest ?? undefined, { bothClasses: true, probabilities: true });
    for (let k = 0; k < test.length; k++) {
      oof[test[k]!] = p[k]!;
      oofRaw[test[k]!] = raw[k]!;
    }
    results.push({ fold, trainRows: train.length, testRows: test.length, metrics: allMetrics(scored.y, scored.p, scored.w) });
    onProgress?.((s + 1) / splits.length, `fold ${s + 1} of ${splits.length}`);
  }
  const tested: number[] = [];
  for (let i = 0; i < oof.length; i++) if (!Number.isNaN(oof[i]!)) tested.push(i);
  const rows = Int32Array.from(tested);
  const pooled = allMetrics(takeValues(y, rows), takeValues(oof, rows), w === null ? null : takeValues(w, rows));
  const mean = {} as MetricValues;
  const sd = {} as MetricValues;
  for (const name of METRIC_NAMES) {
    const v = results.map((r) => r.metrics[name]);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    mean[name] = m;
    sd[name] = Math.sqrt(v.reduce((a, b) => a + (b - m) * (b - m), 0) / v.length);
  }
  return { folds: results, mean, sd, oof, oofRaw, pooled };
}

function allMetrics(y: Uint8Array, p: Float64Array, w: Float64Array | null): MetricValues {
  const order = descendingOrder(p);
  const out = {} as MetricValues;
  for (const name of METRIC_NAMES) out[name] = metricSpec(name).core(y, p, w, order);
  return out;
}

/** Splits name rows of X, and no row is tested twice (the out-of-fold probabilities need one test per row). `who` names the caller. */
export function checkSplits(splits: readonly Split[], rows: number, who = 'crossValidate'): void {
  const testedBy = new Int32Array(rows).fill(-1);
  splits.forEach((s, k) => {
    const ok = s !== null && typeof s === 'object' && s.train instanceof Int32Array && s.test instanceof Int32Array && s.train.length > 0 && s.test.length > 0;
    if (!ok) throw usageError(who, `split ${k + 1} is not { fold, train: Int32Array, test: Int32Array } with rows in both`, 'build splits with stratifiedKFold or outOfTimeSplit');
    for (const set of [s.train, s.test]) {
      for (let i = 0; i < set.length; i++) if (!(set[i]! >= 0 && set[i]! < rows)) throw usageError(who, `split ${k + 1} names row ${set[i]} but X has ${rows} rows (0-based)`);
    }
    for (let i = 0; i < s.test.length; i++) {
      const r = s.test[i]!;
      if (testedBy[r] !== -1) throw inputError({ check: 'overlapping-test', what: `${who}: row ${r + 1} is in the test rows of splits ${testedBy[r]! + 1} and ${k + 1}`, fix: 'pass splits whose test rows do not overlap (k-fold), or cross-validate each split alone' });
      testedBy[r] = k;
    }
  });
}


