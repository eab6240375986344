import { checkMatrix } from '../../core/checkMatrix';
import { checkParam, usageError } from '../../core/errors';
import { checkSeed, DEFAULT_SEED } from '../../core/seedParam';
import { Matrix } from '../../core/Matrix';
import { DecisionTree } from '../tree/DecisionTree';
import type { DecisionTreeModel } from '../tree/DecisionTreeModel';
import type { SegmentNames } from '../RuleBundle';
import type { DecisionTreeParams } from '../tree/treeParams';
import { firstMatchingRule } from './evaluateRules';
import { extractRules, type ExtractedRules } from './extractRules';
import { fidelityReport, type FidelityReport } from './fidelityReport';
import { roundThresholds, type RoundedRules } from './roundThresholds';
import { stratifiedSplit, takeRows } from './stratifiedSplit';

export interface SurrogateRulesParams {
  /** Tree parameters (its seed defaults to `seed`). */
  tree?: DecisionTreeParams;
  /** Shortcut for tree.maxDepth (default 4). */
  maxDepth?: number;
  /** Share of rows held out, stratified by label (default 0.25; 0 = report fidelity on the training rows). */
  holdout?: number;
  /** Seed of the split and the tree (default 0). */
  seed?: number;
  /** Field name per column (default X.columns). */
  featureNames?: readonly string[];
  /** Name per segment id: one for every language, or `{ en, fr }` (default "Segment <id>"). */
  segmentNames?: Readonly<Record<number, string | SegmentNames>>;
  priority?: 'size' | 'purity';
  /** roundThresholds' tolerance (default 0.01); false skips rounding. */
  tolerance?: number | false;
  units?: Readonly<Record<string, string>>;
  /**
   * Fields (of featureNames) whose missing value reads as +Infinity: fields in days, whose NULL means
   * "never happened" (Condition.ts). The tree, the rounding and the rules all read them so.
   */
  missingAsInfinity?: readonly string[];
  /**
   * Among splits whose Gini decrease is within this share of the best, take the one on the feature that
   * best sets apart the segments it separates (DecisionTree distinctiveWithin; default 0.01, 0 = plain CART).
   */
  distinctiveWithin?: number;
}

/** Default tolerance for preferring the features that define the segments (1% of the best Gini decrease). */
export const DEFAULT_DISTINCTIVE_WITHIN = 0.01;

export interface SurrogateRulesResult {
  model: DecisionTreeModel;
  /** Rules as extracted from the tree, before rounding. */
  extracted: ExtractedRules;
  /** The final rules: after roundThresholds on the training rows (= extracted when rounding is off). */
  rules: ExtractedRules;
  /** What rounding did: training accuracy before/after, each change and each threshold kept (null when off). */
  rounding: Omit<RoundedRules<ExtractedRules>, 'rules'> | null;
  /** Fidelity to the labels on the holdout rows (the training rows when holdout is 0): final rules and unrounded rules. */
  fidelity: { holdout: FidelityReport; holdoutUnrounded: FidelityReport };
  trainRows: number;
  holdoutRows: number;
  /** Segments weighted up in the tree's fit because the plain tree gave them no leaf (empty when none was). */
  segmentWeights: { segment: number; weight: number }[];
}

/**
 * Cluster labels → readable segment rules: a seeded stratified train/holdout split, a DecisionTree fitted
 * on the training rows, its rules extracted and rounded on the training rows, and fidelity to the labels
 * measured on the holdout before and after rounding.
 */
export function surrogateRules(X: Matrix, labels: ArrayLike<number>, params: SurrogateRulesParams = {}): SurrogateRulesResult {
  checkMatrix(X, 'surrogateRules');
  if (labels.length !== X.rows) throw usageError('surrogateRules', `labels has ${labels.length} values, X has ${X.rows} rows`);
  const { holdout = 0.25, seed = DEFAULT_SEED, featureNames = X.columns, priority = 'size', tolerance = 0.01, units, missingAsInfinity = [] } = params;
  checkSeed(seed, 'surrogateRules seed');
  checkParam(featureNames.length === X.cols, 'surrogateRules featureNames', featureNames, `${X.cols} names, one per column of X`);
  const unknown = missingAsInfinity.filter((f) => !featureNames.includes(f));
  if (unknown.length) throw usageError('surrogateRules', `missingAsInfinity names ${unknown.map((f) => `"${f}"`).join(', ')}, not fields of X (${featureNames.join(', ')})`);
  const split = stratifiedSplit(labels, holdout, seed);
  const Xtrain = takeRows(X, split.train);
  const ytrain = Int32Array.from(split.train, (i) => labels[i]!);
  const evalRows = split.holdout.length ? split.holdout : split.train;
  const Xeval = split.holdout.length ? takeRows(X, split.holdout) : Xtrain;
  const yeval = Int32Array.from(evalRows, (i) => labels[i]!);

  const treeParams: DecisionTreeParams = { seed, ...params.tree };
  if (params.maxDepth !== undefined) treeParams.maxDepth = params.maxDepth;
  if (missingAsInfinity.length) treeParams.missingAsInfinity = X.columns.filter((_, j) => missingAsInfinity.includes(featureNames[j]!));
  treeParams.distinctiveWithin = params.distinctiveWithin ?? params.tree?.distinctiveWithin ?? DEFAULT_DISTINCTIVE_WITHIN;
  // A small segment may win no leaf and end up without a rule. Such segments are weighted up (×2, ×4, … ×16),
  // the others left as they are, until each has a leaf: the fewest changes to the plain tree that give every
  // segment a rule. A segment still without one after that is named by the gate's rule check.
  const present = [...new Set(ytrain)].sort((a, b) => a - b);
  const weights = new Map<number, number>();
  let model = new DecisionTree(treeParams).fit(Xtrain, ytrain);
  let extracted = extractRules(model, { featureNames, segmentNames: params.segmentNames, priority });
  for (let round = 1; round <= 4; round++) {
    const ruled = new Set(extracted.segments.map((r) => r.id));
    const missing = present.filter((id) => !ruled.has(id));
    if (!missing.length) break;
    for (const id of missing) weights.set(id, (weights.get(id) ?? 1) * 2);
    const sampleWeight = Float64Array.from(ytrain, (y) => weights.get(y) ?? 1);
    model = new DecisionTree(treeParams).fit(Xtrain, ytrain, { sampleWeight });
    extracted = extractRules(model, { featureNames, segmentNames: params.segmentNames, priority });
  }
  // The rules read fields by name: give the matrices those names.
  const named = (M: Matrix): Matrix => (M.columns.every((c, j) => c === featureNames[j]) ? M : new Matrix(M.data, M.rows, M.cols, featureNames));
  const rounded = tolerance === false ? null : roundThresholds(extracted, named(Xtrain), ytrain, { tolerance, units, missingAsInfinity });
  const rules = rounded ? rounded.rules : extracted;
  const ids = Array.from(model.classes);
  const fidelityOf = (rules: ExtractedRules): FidelityReport => {
    const first = firstMatchingRule(rules.segments, named(Xeval));
    const predicted = Int32Array.from(first, (r) => (r >= 0 ? rules.segments[r]!.id : rules.fallback.id));
    return fidelityReport(predicted, yeval, ids, { matched: Uint8Array.from(first, (r) => (r >= 0 ? 1 : 0)) });
  };
  return {
    model,
    extracted,
    rules,
    rounding: rounded ? { accuracyBefore: rounded.accuracyBefore, accuracyAfter: rounded.accuracyAfter, log: rounded.log, kept: rounded.kept } : null,
    fidelity: { holdout: fidelityOf(rules), holdoutUnrounded: fidelityOf(extracted) },
    trainRows: split.train.length,
    holdoutRows: split.holdout.length,
    segmentWeights: [...weights].map(([segment, weight]) => ({ segment, weight })),
  };
}
