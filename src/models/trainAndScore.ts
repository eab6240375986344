import { assertUnreachable } from '../core/assertUnreachable';
import type { CalendarDate } from '../core/CalendarDate';
import { deriveSeed } from '../core/seedParam';
import { Matrix } from '../core/Matrix';
import { silentProgress, type Progress } from '../core/progress';
import { seededRowSample } from '../core/seededRowSample';
import type { DuckSession } from '../data/DuckSession';
import type { FeatureConfig, FeatureConfigInput } from '../features/FeatureConfig';
import type { DesignEncoder, DesignEncoding } from './design/DesignEncoder';
import type { FeatureFrame } from './design/FeatureFrame';
import { fitDesignEncoder } from './design/fitDesignEncoder';
import { bootstrapInterval } from './evaluation/bootstrapInterval';
import { calibrationCurve } from './evaluation/calibrationCurve';
import { chooseThreshold } from './evaluation/chooseThreshold';
import { brierScore } from './evaluation/brierScore';
import { calibratedProbability, fitCalibrator, type Calibrator } from './evaluation/Calibrator';
import { crossValidate, crossValidateSplits, type CrossValidation } from './evaluation/crossValidate';
import { logLoss } from './evaluation/logLoss';
import { searchParams, type SearchSpace } from './evaluation/searchParams';
import type { Split } from './evaluation/Split';
import { stratifiedKFold } from './evaluation/stratifiedKFold';
import { liftTable } from './evaluation/liftTable';
import { outOfTimeSplit } from './evaluation/outOfTimeSplit';
import { permutationImportance } from './evaluation/permutationImportance';
import { rocAuc } from './evaluation/rocAuc';
import { takeRows, takeValues } from './evaluation/takeRows';
import { topReasons, type FeatureLabel } from './evaluation/topReasons';
import { buildTrainingSet } from './labels/buildTrainingSet';
import type { CustomerValueOptions } from '../clv/customerValue';
import { LogisticRegressionModel } from './linear/LogisticRegressionModel';
import { MlpModel } from './mlp/MlpModel';
import { MODEL_CARD_SCHEMA_VERSION, type ModelCard } from './ModelCard';
import { defaultSearchSpace } from './defaultSearchSpace';
import type { FittedModel, ModelEntry, ModelName } from './ModelEntry';
import { MODELS } from './models';
import type { ModelsConfig } from './ModelsConfig';
import { HistGradientBoostingModel } from './trees/HistGradientBoostingModel';
import { RandomForestModel } from './trees/RandomForestModel';
import { treeShap } from './trees/treeShap';

/** What trainAndScore returns: the card (JSON-safe), the fitted model with its encoder, and every scored customer. */
export interface TrainedModel {
  card: ModelCard;
  model: FittedModel;
  encoder: DesignEncoder;
  /** Maps the model's raw score to the probability (null: models.calibration none, the model's own probability). */
  calibrator: Calibrator | null;
  scores: {
    ids: string[];
    probability: Float64Array;
    /** Up to three reasons per customer, in words: for the explained customers (empty for the others and for the MLP). */
    reasons: string[][];
    /** The explained customers (indices into ids): the highest scores, the contact budget's share (at most 20,000). */
    explained: Int32Array;
    /** Per explained customer × input column (the card's inputs order): the contribution to the score (null for the MLP). */
    contributions: Matrix | null;
  };
  /**
   * With `segmentOf`: a seeded sample of up to SEGMENT_EXPLAIN_ROWS customers of every segment (indices into
   * scores.ids, ascending) and their contributions, so that every segment has its drivers, not only those
   * with customers among the highest scores (null for the MLP and without segmentOf).
   */
  segmentSample: { rows: Int32Array; contributions: Matrix } | null;
}

export interface TrainAndScoreOptions {
  /** The loader's result (column roles keep targets out of the features). */
  available?: object;
  progress?: Progress;
  /** Readable names of input columns, for the reasons ("Days since last order 120 (high)"). */
  labels?: Record<string, FeatureLabel>;
  /** Bootstrap resamples of the metric intervals (default 1000). */
  resamples?: number;
  /** Keep the snapshots' feature tables in the session (training_s1 …, training_asof: what the model's SQL scores). */
  keepTables?: boolean;
  /** Segment per customer id (the cluster labels; negative = noise): a sample of every segment is explained too (segmentSample). */
  segmentOf?: ReadonlyMap<string, number>;
  /** CLV inputs fitted per snapshot (the run's clv: section); see buildTrainingSet. */
  clv?: CustomerValueOptions;
}

/**
 * Customers explained per segment for its drivers (a seeded sample above it). Small on purpose: exact TreeSHAP
 * of the default 100-tree forest costs about 0.15 s per customer on the sample (500 per segment made its models
 * stage 8 minutes instead of 1.5); 50 rank the top three drivers of a segment, which is all the review shows.
 */
export const SEGMENT_EXPLAIN_ROWS = 50;

/** Families `auto` compares: the MLP is left out (minutes on the cpu backend for what the trees do in seconds); ask for it by name. */
export const AUTO_FAMILIES: readonly ModelName[] = ['logistic-regression', 'hist-gradient-boosting', 'random-forest'];

/** Rows permutation importance and TreeSHAP summaries read at most (a seeded sample above it). */
const EXPLAIN_ROWS = 20_000;

/**
 * The churn / propensity layer end to end: training examples without leakage (labels/buildTrainingSet),
 * each family fitted and tested out of time (train on earlier snapshots, test on the latest) or by
 * stratified k-fold, the best by held-out ROC AUC when family is auto, metrics with bootstrap intervals,
 * calibration, lift, the contact-budget threshold and permutation importance on the held-out rows; then the
 * chosen family refitted on every training row and every customer scored as of asOf, with per-customer
 * reasons (TreeSHAP for the trees, coefficient × centred value for the logistic model).
 */
export async function trainAndScore(
  session: DuckSession,
  featureConfig: FeatureConfig | FeatureConfigInput | undefined,
  asOf: CalendarDate,
  config: ModelsConfig,
  options: TrainAndScoreOptions = {},
): Promise<TrainedModel> {
  const progress = options.progress ?? silentProgress;
  const seed = config.seed;
  progress.start('models: training examples');
  const set = await buildTrainingSet(session, featureConfig, asOf, config.target, { snapshots: config.snapshots, exclude: config.exclude, keepTables: options.keepTables ?? false, ...(options.available ? { available: options.available } : {}), ...(options.clv ? { clv: options.clv } : {}) });
  progress.end(`${set.train.labels.length.toLocaleString('en-US')} rows, ${set.positives.toLocaleString('en-US')} positive`);
  for (const note of set.notes) progress.note(`models: ${note}`);

  const y = set.train.labels;
  const scheme = config.validation;
  const split = scheme === 'out-of-time' ? outOfTimeSplit(set.train.snapshot) : null;
  const families = config.family === 'auto' ? AUTO_FAMILIES : [config.family];
  // k-fold: the outer folds, the same for every family, the search and the calibration.
  const outerSplits = split ? null : kFoldSplits(config, y);
  const budget = config.search.budget;
  const searched: NonNullable<ModelCard['search']>['families'] = [];
  const searchNotes: string[] = [];

  // Held-out probabilities per family: out of time (encoder fitted on the training part only) or out of fold.
  // With a search budget, each family's params are first chosen on the training part (see tuneParams).
  const candidates: ModelCard['candidates'] = [];
  const heldOut = new Map<ModelName, HeldOut>();
  // Calibration without leakage (scikit-learn's CalibratedClassifierCV(ensemble=False)): the calibrator of a
  // model is fitted on out-of-fold raw scores of that model's own training rows, never on rows it is tested on.
  const method = config.calibration;
  for (const family of families) {
    const t0 = performance.now();
    const entry = MODELS.lookup(family);
    if (split) {
      const trainFrame = frameRows(set.train.frame, split.train);
      const testFrame = frameRows(set.train.frame, split.test);
      const encoder = fitDesignEncoder(trainFrame, set.columns, { encoding: designEncodingOf(family) });
      const Xtrain = encoder.transform(trainFrame);
      const yTrain = takeValues(y, split.train);
      const tuned = await tuneParams(family, withCategorical(familyParams(config, family, seed), family, encoder), Xtrain, yTrain, null);
      progress.start(`models: ${family} (out-of-time test)`);
      const Xtest = encoder.transform(testFrame);
      const model = await entry.create(tuned.params as never).fit(Xtrain, yTrain);
      heldOut.set(family, { p: model.predictProba(Xtest), raw: model.decisionFunction(Xtest), y: takeValues(y, split.test), model, X: Xtest, encoder, params: tuned.params, Xtrain, yTrain, uncalibratedP: null, calibrator: null });
    } else {
      const encoder = fitDesignEncoder(set.train.frame, set.columns, { encoding: designEncodingOf(family) });
      const X = encoder.transform(set.train.frame);
      const tuned = await tuneParams(family, withCategorical(familyParams(config, family, seed), family, encoder), X, y, outerSplits);
      progress.start(`models: ${family} (${config.folds}-fold cross-validation)`);
      // The search scored its chosen candidate on these very folds: its out-of-fold scores are the held-out ones.
      const cv = tuned.cv ?? (await crossValidate(entry, tuned.params, X, y, outerSplits!, { seed: deriveSeed(seed, 'models-folds') }));
      heldOut.set(family, { p: cv.oof, raw: cv.oofRaw, y, model: null, X: null, encoder: null, params: tuned.params, Xtrain: X, yTrain: y, uncalibratedP: null, calibrator: null });
    }
    const h = heldOut.get(family)!;
    const fitSeconds = (performance.now() - t0) / 1000;
    progress.end(`ROC AUC ${rocAuc(h.y, h.p).toFixed(4)}`);
    // Calibrated before the comparison: auto picks on the held-out AUC of the probabilities the card reports
    // (isotonic ties scores, nested k-fold calibrators differ per fold: either can reorder the families).
    if (method !== 'none') {
      progress.start(`models: ${family} ${method} calibration of the held-out scores`);
      await calibrateHeldOut(entry, h);
      progress.end(`ROC AUC ${rocAuc(h.y, h.p).toFixed(4)} calibrated`);
    }
    candidates.push({ family, rocAuc: rocAuc(h.y, h.p), fitSeconds });
  }
  // auto: the best held-out AUC (of the probabilities the card reports, calibrated when calibration is on); a tie goes to the simpler family (registration order).
  const best = candidates.reduce((a, b) => (b.rocAuc > a.rocAuc ? b : a));
  const family = best.family;
  const chosenBy = config.family === 'auto' ? 'auto' : 'config';
  const h = heldOut.get(family)!;
  const entry = MODELS.lookup(family);
  // The other families' matrices are not needed any more.
  for (const f of families) if (f !== family) heldOut.delete(f);
  const uncalibratedP = h.uncalibratedP ?? h.p;
  const heldOutCalibrator = h.calibrator;

  progress.start('models: evaluation with bootstrap intervals');
  const resamples = options.resamples ?? 1000;
  const ci = (metric: 'roc-auc' | 'average-precision' | 'log-loss' | 'brier') => bootstrapInterval(h.y, h.p, metric, { resamples, seed: deriveSeed(seed, `models-bootstrap-${metric}`) });
  const curve = calibrationCurve(h.y, h.p, { bins: 10, strategy: 'quantile' });
  const lift = liftTable(h.y, h.p);
  const contact = chooseThreshold(h.y, h.p, { by: 'budget', share: config.contactBudget });
  const metrics: ModelCard['metrics'] = { rocAuc: ci('roc-auc'), averagePrecision: ci('average-precision'), logLoss: ci('log-loss'), brier: ci('brier'), expectedCalibrationError: curve.ece };
  const uncalibrated =
    method === 'none' ? null : { logLoss: logLoss(h.y, uncalibratedP), brier: brierScore(h.y, uncalibratedP), expectedCalibrationError: calibrationCurve(h.y, uncalibratedP, { bins: 10, strategy: 'quantile' }).ece };
  progress.end(`ROC AUC ${metrics.rocAuc.estimate.toFixed(3)} [${metrics.rocAuc.low.toFixed(3)}, ${metrics.rocAuc.high.toFixed(3)}]${uncalibrated ? `, ECE ${uncalibrated.expectedCalibrationError.toFixed(4)} → ${curve.ece.toFixed(4)} calibrated` : ''}`);

  // The final model: the chosen family (with its chosen params) on every training row, its encoder fitted on them.
  progress.start(`models: final ${family} on ${y.length.toLocaleString('en-US')} rows`);
  const encoder = fitDesignEncoder(set.train.frame, set.columns, { encoding: designEncodingOf(family) });
  const params = withCategorical(h.params, family, encoder);
  const Xall = split ? encoder.transform(set.train.frame) : h.Xtrain;
  const model = await entry.create(params as never).fit(Xall, y);
  // Its calibrator: on out-of-fold raw scores of every training row (k-fold: the outer folds' own).
  const calibrator = method === 'none' ? null : split ? await oofCalibrator(entry, params, Xall, y) : fitCalibrator(method, h.raw, y);
  progress.end();

  // Drivers: permutation importance on held-out rows (the out-of-time test; for k-fold, a refit's training rows say little, so the final model on a sample of all rows), per input column.
  progress.start('models: drivers (permutation importance)');
  const inputs = set.columns.map((c) => ({ name: c.name, role: c.role }));
  const groups = designGroups(encoder, inputs.length);
  const evalModel = h.model ?? model;
  const evalX = h.X ?? Xall;
  const evalY = h.X ? h.y : y;
  const sample = evalX.rows > EXPLAIN_ROWS ? seededRowSample(evalX, EXPLAIN_ROWS, deriveSeed(seed, 'models-explain')) : { X: evalX, rows: Int32Array.from({ length: evalX.rows }, (_, i) => i) };
  const evalCalibrator = h.model ? heldOutCalibrator : calibrator;
  const pi = permutationImportance((X) => calibratedProbability(evalModel, evalCalibrator, X), sample.X, takeValues(evalY, sample.rows), { repeats: 5, seed: deriveSeed(seed, 'models-permutation') });
  const evalGroups = h.encoder ? designGroups(h.encoder, inputs.length) : groups;
  const drivers = aggregateImportance(pi.features.map((f) => f.mean), pi.features.map((f) => f.sd), evalGroups, inputs.map((c) => c.name));
  progress.end();

  // Scores as of asOf, with reasons.
  progress.start(`models: scoring ${set.score.ids.length.toLocaleString('en-US')} customers`);
  const Xscore = encoder.transform(set.score.frame);
  const probability = calibratedProbability(model, calibrator, Xscore);
  // Reasons for the customers a campaign would contact (the highest scores, the contact budget's share): exact
  // TreeSHAP costs trees × leaves × depth² per customer, minutes for a deep forest over everyone.
  const explained = highestScores(probability, Math.min(EXPLAIN_ROWS, Math.max(1, Math.ceil(config.contactBudget * probability.length))));
  const { contributions, explanations } = explain(model, takeRows(Xscore, explained), groups, inputs.length, explained.length);
  const reasons: string[][] = set.score.ids.map(() => []);
  if (contributions) {
    const words = reasonsInWords(contributions, frameRows(set.score.frame, explained), inputs, options.labels ?? {}, trainingAverages(model, Xall, groups, inputs.length));
    explained.forEach((row, k) => (reasons[row] = words[k]!));
  }
  let sum = 0;
  for (const p of probability) sum += p;
  progress.end();

  const card: ModelCard = {
    schemaVersion: MODEL_CARD_SCHEMA_VERSION,
    asOf: set.asOf,
    target: set.target,
    label: set.label,
    snapshots: set.snapshots.map((s) => ({ index: s.horizonsBack, asOf: s.asOf, windowEnd: s.windowEnd, rows: s.end - s.start, positives: s.positives })),
    trainingRows: y.length,
    positives: set.positives,
    negatives: set.negatives,
    inputs,
    excluded: set.excluded,
    validation: { scheme, folds: split ? null : config.folds, trainRows: split ? split.train.length : y.length, testRows: h.y.length, testPositives: count1(h.y) },
    candidates: [...candidates].sort((a, b) => b.rocAuc - a.rocAuc),
    family,
    chosenBy,
    params: paramsOf(model),
    backend: model instanceof MlpModel ? model.backend.backend : null,
    calibrator: {
      method,
      fittedOn:
        method === 'none'
          ? 'no calibration: the probabilities are the model\'s own'
          : split
            ? `out-of-fold raw scores (${config.folds}-fold, stratified) of the training rows: for the held-out metrics, of the earlier snapshots; for the saved model, of every training row`
            : `out-of-fold raw scores of the training rows: for the held-out metrics, ${config.folds}-fold inside each outer fold's training rows (nested); for the saved model, the outer folds' own`,
      uncalibrated,
    },
    search: budget === 0 ? null : { budget, folds: config.folds, rows: split ? 'the training part only (the earlier snapshots), in stratified inner folds: the out-of-time test never seen' : `every training row, on the same ${config.folds} folds as the held-out evaluation: the held-out ROC AUC of a searched family is optimistic (not nested)`, families: searched },
    metrics,
    calibration: curve.bins.map((b) => ({ meanPredicted: b.meanPredicted, observed: b.observed, count: b.count })),
    lift: lift.rows.map((r) => ({ decile: r.group, rows: r.rows, positives: r.positives, rate: r.responseRate, lift: r.lift, cumulativeGain: r.cumulativeGain })),
    baseRate: lift.baseRate,
    budget: {
      share: config.contactBudget,
      threshold: contact.threshold,
      contacted: contact.confusion.truePositive + contact.confusion.falsePositive,
      precision: contact.confusion.precision,
      recall: contact.confusion.recall,
      truePositives: contact.confusion.truePositive,
      falsePositives: contact.confusion.falsePositive,
    },
    drivers,
    coefficients: model instanceof LogisticRegressionModel ? model.coefficients().map((t) => ({ feature: t.feature, coef: t.coef, oddsRatio: t.oddsRatio, standardError: t.standardError, pValue: t.pValue })) : null,
    explanations,
    scored: { customers: set.score.ids.length, meanScore: set.score.ids.length ? sum / set.score.ids.length : 0 },
    notes: [
      ...set.notes,
      ...(config.family === 'auto' ? [`auto compared ${families.join(', ')} by held-out ROC AUC${method === 'none' ? '' : ` of the ${method}-calibrated probabilities (those of the metrics)`}; the MLP is tried only when named (family: mlp)`] : []),
      ...searchNotes,
    ],
  };
  const segmentSample = contributions && options.segmentOf ? explainSegments(model, Xscore, set.score.ids, options.segmentOf, groups, inputs.length, seed) : null;
  return { card, model, encoder, calibrator, scores: { ids: set.score.ids, probability, reasons, explained, contributions }, segmentSample };

  /**
   * A family's params: the config's (base) alone with budget 0; else the best of `budget` candidates drawn
   * seeded from the family's space, cross-validated on the rows given (the training part only) — on the outer
   * folds when given (k-fold), else on seeded stratified inner folds. Each candidate is a progress line.
   */
  async function tuneParams(family: ModelName, base: Record<string, unknown>, X: Matrix, yy: Uint8Array, folds: readonly Split[] | null): Promise<{ params: Record<string, unknown>; cv: CrossValidation | null }> {
    if (budget === 0) return { params: base, cv: null };
    const given = (config.params[family] ?? {}) as Record<string, unknown>;
    const userSpace = config.search.space[family] as SearchSpace | undefined;
    // The default space leaves out what the config fixes in models.params.
    const space = userSpace ?? Object.fromEntries(Object.entries(defaultSearchSpace(family)).filter(([k]) => !(k in given)));
    if (Object.keys(space).length === 0) {
      searchNotes.push(`the search left ${family} as configured: models.params.${family} fixes every parameter of its default space`);
      return { params: base, cv: null };
    }
    progress.start(`models: ${family} search, ${budget} candidate(s), ${folds ? `the ${config.folds} outer folds` : `${config.folds}-fold inside the training part`}`, budget);
    const result = await searchParams(MODELS.lookup(family), space, X, yy, {
      budget,
      folds: folds ?? config.folds,
      seed: deriveSeed(seed, `models-search-${family}`),
      baseParams: base,
      onProgress: (_fraction, what, c) => {
        progress.update(c.index + 1);
        progress.note(`models: ${family} ${what}: inner ROC AUC ${c.mean.toFixed(4)} ± ${c.sd.toFixed(4)} with ${JSON.stringify(Object.fromEntries(Object.keys(space).map((k) => [k, c.params[k]])))}`);
      },
    });
    const chosen = Object.fromEntries(Object.keys(space).map((k) => [k, result.best.params[k]]));
    searched.push({
      family,
      space,
      candidates: [...result.ranking].sort((a, b) => a.index - b.index).map((c) => ({ params: Object.fromEntries(Object.keys(space).map((k) => [k, c.params[k]])), rocAuc: c.mean, sd: c.sd })),
      chosen,
    });
    progress.end(`chose ${JSON.stringify(chosen)} (inner ROC AUC ${result.best.mean.toFixed(4)})`);
    return { params: result.best.params, cv: folds ? result.best.cv : null };
  }

  /**
   * Replaces a family's held-out probabilities by calibrated ones (the uncalibrated kept): out of time, one
   * calibrator from the training part; k-fold, nested: each outer fold's scores by a calibrator fitted inside
   * that fold's training rows.
   */
  async function calibrateHeldOut(e: ModelEntry, h: HeldOut): Promise<void> {
    h.uncalibratedP = h.p;
    if (split) {
      h.calibrator = await oofCalibrator(e, h.params, h.Xtrain, h.yTrain);
      h.p = h.calibrator!.predict(h.raw);
      return;
    }
    const p = new Float64Array(y.length);
    for (const s of outerSplits!) {
      const cal = (await oofCalibrator(e, h.params, takeRows(h.Xtrain, s.train), takeValues(y, s.train)))!;
      const q = cal.predict(takeValues(h.raw, s.test));
      s.test.forEach((row, k) => (p[row] = q[k]!));
    }
    h.p = p;
  }

  /** A calibrator of the config's method fitted on out-of-fold raw scores of (X, y): stratified folds, seeded. */
  async function oofCalibrator(e: ModelEntry, params: Record<string, unknown>, X: Matrix, yy: Uint8Array): Promise<Calibrator | null> {
    const inner = stratifiedKFold(yy, { folds: config.folds, seed: deriveSeed(seed, 'models-calibration-folds') });
    const cv = await crossValidateSplits(e, params, X, yy, null, inner);
    return fitCalibrator(config.calibration, cv.oofRaw, yy);
  }
}

/** A family's held-out scores, the model and rows that produced them, and the params it used. */
interface HeldOut {
  /** Held-out probabilities (calibrated when calibration is on). */
  p: Float64Array;
  /** Before calibration (null: calibration is off). */
  uncalibratedP: Float64Array | null;
  /** Out of time: the calibrator of the held-out scores (null for k-fold, whose folds each have their own, and without calibration). */
  calibrator: Calibrator | null;
  /** Held-out raw scores (decisionFunction). */
  raw: Float64Array;
  y: Uint8Array;
  /** Out of time: the model fitted on the earlier snapshots, the test matrix and its encoder (null for k-fold). */
  model: FittedModel | null;
  X: Matrix | null;
  encoder: DesignEncoder | null;
  params: Record<string, unknown>;
  /** The rows the held-out model(s) learned from: the earlier snapshots (out of time) or every row (k-fold). */
  Xtrain: Matrix;
  yTrain: Uint8Array;
}

/** The design matrix a family is fitted on: one-hot for the logistic regression and the MLP, level codes for the trees. */
export function designEncodingOf(family: ModelName): DesignEncoding {
  switch (family) {
    case 'logistic-regression':
    case 'mlp':
      return 'one-hot';
    case 'hist-gradient-boosting':
    case 'random-forest':
      return 'codes';
    default:
      return assertUnreachable(family, 'model family');
  }
}

/** The family's params from the config, with the stage's seed when the config sets none (the logistic regression takes none). */
function familyParams(config: ModelsConfig, family: ModelName, seed: number): Record<string, unknown> {
  const given = (config.params[family] ?? {}) as Record<string, unknown>;
  const entry = MODELS.lookup(family);
  return 'seed' in entry.params.shape && given.seed === undefined ? { ...given, seed: deriveSeed(seed, `models-${family}`) } : given;
}

/**
 * The params a family is fitted with, as trainAndScore fits it on `encoder`'s matrix: the config's, the stage's
 * derived seed, the trees' categorical columns (bench/models-real.mjs fits scikit-learn's peers against these).
 */
export function familyFitParams(config: ModelsConfig, family: ModelName, encoder: DesignEncoder): Record<string, unknown> {
  return withCategorical(familyParams(config, family, config.seed), family, encoder);
}

/** The stratified folds of k-fold validation: config.folds, seeded from the stage's seed (the same rows in every family's folds). */
export function kFoldSplits(config: ModelsConfig, y: Uint8Array): Split[] {
  return stratifiedKFold(y, { folds: config.folds, seed: deriveSeed(config.seed, 'models-folds') });
}

/** The trees split categorical columns by level: the encoder says which matrix columns hold level codes. */
function withCategorical(params: Record<string, unknown>, family: ModelName, encoder: DesignEncoder): Record<string, unknown> {
  if (designEncodingOf(family) !== 'codes' || encoder.categoricalIndices.length === 0 || params.categoricalFeatures !== undefined) return params;
  return { ...params, categoricalFeatures: [...encoder.categoricalIndices] };
}

function paramsOf(model: FittedModel): Record<string, unknown> {
  return { ...((model as unknown as { params?: Record<string, unknown> }).params ?? {}) };
}



function count1(y: Uint8Array): number {
  let n = 0;
  for (const v of y) n += v;
  return n;
}

/** The rows of a frame, in the given order. */
export function frameRows(frame: FeatureFrame, rows: Int32Array): FeatureFrame {
  const numeric: Record<string, Float64Array> = {};
  const categorical: Record<string, (string | null)[]> = {};
  for (const [name, v] of Object.entries(frame.numeric)) numeric[name] = Float64Array.from(rows, (i) => v[i]!);
  for (const [name, v] of Object.entries(frame.categorical)) categorical[name] = Array.from(rows, (i) => v[i] ?? null);
  return { rowCount: rows.length, numeric, categorical };
}

/** Per design (matrix) column: the input column it comes from, in the encoder's layout (as DesignEncoder.transform builds it). */
function designGroups(encoder: DesignEncoder, inputs: number): Int32Array {
  const out = new Int32Array(encoder.featureNames.length);
  let j = 0;
  encoder.columns.forEach((c, k) => {
    const width = c.role === 'numeric' ? (encoder.encoding === 'one-hot' && c.indicator ? 2 : 1) : encoder.encoding === 'codes' ? 1 : c.levels.length + (c.other ? 1 : 0);
    for (let w = 0; w < width; w++) out[j++] = k;
  });
  if (j !== out.length || encoder.columns.length !== inputs) throw new Error(`designGroups: the encoder's layout (${j} columns) does not match its ${out.length} features`);
  return out;
}

/** Design-column importances summed per input column (a categorical's one-hot columns together), largest first. */
function aggregateImportance(mean: readonly number[], sd: readonly number[], groups: Int32Array, names: readonly string[]): ModelCard['drivers'] {
  const m = new Float64Array(names.length);
  const v = new Float64Array(names.length);
  groups.forEach((g, j) => {
    m[g]! += mean[j]!;
    v[g]! += sd[j]! * sd[j]!;
  });
  return names.map((feature, k) => ({ feature, importance: m[k]!, sd: Math.sqrt(v[k]!) })).sort((a, b) => b.importance - a.importance || a.feature.localeCompare(b.feature));
}

/** The rows of the `count` highest scores, in row order (ties at the edge by row order). */
function highestScores(p: Float64Array, count: number): Int32Array {
  const order = Int32Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b]! - p[a]! || a - b);
  return order.subarray(0, count).sort();
}

/** Up to SEGMENT_EXPLAIN_ROWS customers of each segment (seeded), explained like the highest scores. */
function explainSegments(model: FittedModel, Xscore: Matrix, ids: readonly string[], segmentOf: ReadonlyMap<string, number>, groups: Int32Array, inputs: number, seed: number): { rows: Int32Array; contributions: Matrix } | null {
  const bySegment = new Map<number, number[]>();
  ids.forEach((id, i) => {
    const s = segmentOf.get(id);
    if (s === undefined || s < 0) return;
    const rows = bySegment.get(s);
    if (rows) rows.push(i);
    else bySegment.set(s, [i]);
  });
  const picked: number[] = [];
  for (const [s, list] of [...bySegment.entries()].sort((a, b) => a[0] - b[0])) {
    const rows = Int32Array.from(list);
    if (rows.length <= SEGMENT_EXPLAIN_ROWS) picked.push(...rows);
    else seededRowSample(takeRows(Xscore, rows), SEGMENT_EXPLAIN_ROWS, deriveSeed(seed, `models-segment-${s}`)).rows.forEach((k) => picked.push(rows[k]!));
  }
  if (!picked.length) return null;
  const rows = Int32Array.from(picked).sort();
  const { contributions } = explain(model, takeRows(Xscore, rows), groups, inputs, rows.length);
  return contributions ? { rows, contributions } : null;
}

/** Per-customer contributions per input column: TreeSHAP (trees), coefficient × (x − training mean) (logistic), none (MLP). */
function explain(model: FittedModel, X: Matrix, groups: Int32Array, inputs: number, customers: number): { contributions: Matrix | null; explanations: string } {
  let design: Matrix;
  let explanations: string;
  if (model instanceof HistGradientBoostingModel || model instanceof RandomForestModel) {
    design = treeShap(model, X).contributions;
    explanations = `exact TreeSHAP contributions to the ${model instanceof HistGradientBoostingModel ? 'log-odds' : 'probability'} of the ${customers.toLocaleString('en-US')} highest-scored customers (the contact budget)`;
  } else if (model instanceof LogisticRegressionModel) {
    const { data, rows, cols } = X;
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = model.coef[j]! * (data[i * cols + j]! - model.mean[j]!);
    design = new Matrix(out, rows, cols, X.columns);
    explanations = `coefficient × (value − training mean) per input, for the ${customers.toLocaleString('en-US')} highest-scored customers (the contact budget): the exact contribution of each input to the log-odds against the average customer`;
  } else {
    return { contributions: null, explanations: 'none per customer: the MLP has no exact attribution; the drivers are permutation importance on held-out rows' };
  }
  const out = new Float64Array(design.rows * inputs);
  for (let i = 0; i < design.rows; i++) for (let j = 0; j < design.cols; j++) out[i * inputs + groups[j]!]! += design.data[i * design.cols + j]!;
  return { contributions: new Matrix(out, design.rows, inputs), explanations };
}

/**
 * Per input, the training average its value is judged "high" or "low" against: the baseline of the
 * contributions (the logistic model's own centring mean; for TreeSHAP, whose base is the training average
 * score, the mean of the training column). The first design column of an input is its value; NaN for categoricals.
 */
function trainingAverages(model: FittedModel, Xtrain: Matrix, groups: Int32Array, inputs: number): Float64Array {
  const out = new Float64Array(inputs).fill(NaN);
  const { data, rows, cols } = Xtrain;
  for (let j = 0; j < cols; j++) {
    const k = groups[j]!;
    if (!Number.isNaN(out[k]!) || (j > 0 && groups[j - 1] === k)) continue;
    if (model instanceof LogisticRegressionModel) {
      out[k] = model.mean[j]!;
      continue;
    }
    let sum = 0;
    let n = 0;
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + j]!;
      if (!Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    out[k] = n ? sum / n : NaN;
  }
  return out;
}

/** Up to three reasons per customer in words: a number with its level against the training average, a category with its value. */
function reasonsInWords(contributions: Matrix, frame: FeatureFrame, inputs: readonly { name: string; role: 'numeric' | 'categorical' }[], labels: Record<string, FeatureLabel>, reference: Float64Array): string[][] {
  const n = frame.rowCount;
  const values = new Float64Array(n * inputs.length).fill(NaN);
  inputs.forEach((c, k) => {
    const v = frame.numeric[c.name];
    if (c.role === 'numeric' && v) for (let i = 0; i < n; i++) values[i * inputs.length + k] = v[i]!;
  });
  const names = inputs.map((c) => c.name);
  const named = new Matrix(contributions.data, contributions.rows, contributions.cols, names);
  const reasons = topReasons(named, { labels, values: new Matrix(values, n, inputs.length, names), reference });
  return reasons.map((row, i) =>
    row.map((r) => {
      const k = names.indexOf(r.feature);
      if (inputs[k]!.role !== 'categorical') return r.phrase;
      const level = frame.categorical[r.feature]?.[i];
      return `${labels[r.feature]?.label ?? r.feature}: ${level ?? 'missing'}`;
    }),
  );
}
