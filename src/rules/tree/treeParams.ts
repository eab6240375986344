import { checkParam } from '../../core/errors';

export interface DecisionTreeParams {
  /** Deepest level a split may sit on (root = depth 0); default 4, so rules stay at most 4 conditions long. */
  maxDepth?: number;
  /** Fewest training rows in a leaf (unweighted); default max(20, ceil(1% of the rows)), resolved at fit. */
  minSamplesLeaf?: number;
  /** A split must lower the weighted Gini impurity by at least this share of the root weight (default 0, as scikit-learn). */
  minImpurityDecrease?: number;
  /**
   * Most candidate split points per feature (default 64). With at most maxThresholds + 1 distinct values a
   * feature is split exactly (every midpoint is a candidate, as scikit-learn); otherwise the candidates
   * sit between quantiles, so a million rows cost a histogram pass per node and level, not a sort.
   */
  maxThresholds?: number;
  /** Seed of the row sample the quantiles are read from when there are more than 100,000 rows (default 0). */
  seed?: number;
  /**
   * Columns (by name) whose missing value (NaN) reads as +Infinity instead of 0: fields in days, whose
   * NULL means "never happened" (rules/Condition.ts), so extracted rules read them as bundles do.
   */
  missingAsInfinity?: readonly string[];
  /**
   * Rules a business reader can believe: among splits whose Gini decrease is within this share of the
   * best one (e.g. 0.01), take the feature on which the segments the split separates differ most from
   * the whole base (|standardised difference|, weighted by each segment's share of the node and by how
   * cleanly the split sends it to one side), so that a segment's rule uses the features that define it.
   * 0 (default): always the best split, as scikit-learn.
   */
  distinctiveWithin?: number;
}

export interface ResolvedDecisionTreeParams {
  maxDepth: number;
  /** null: the default, resolved from the row count at fit (the fitted model records the number used). */
  minSamplesLeaf: number | null;
  minImpurityDecrease: number;
  maxThresholds: number;
  seed: number;
  missingAsInfinity: string[];
  distinctiveWithin: number;
}

/** Largest maxThresholds: bin codes are stored as Uint16. */
export const MAX_TREE_THRESHOLDS = 65535;

export function resolveTreeParams(p: DecisionTreeParams = {}): ResolvedDecisionTreeParams {
  const { maxDepth = 4, minSamplesLeaf, minImpurityDecrease = 0, maxThresholds = 64, seed = 0, missingAsInfinity = [], distinctiveWithin = 0 } = p;
  checkParam(Number.isInteger(maxDepth) && maxDepth >= 0 && maxDepth <= 32, 'DecisionTree maxDepth', maxDepth, 'a whole number from 0 to 32');
  checkParam(minSamplesLeaf === undefined || (Number.isInteger(minSamplesLeaf) && minSamplesLeaf >= 1), 'DecisionTree minSamplesLeaf', minSamplesLeaf, 'a whole number >= 1');
  checkParam(Number.isFinite(minImpurityDecrease) && minImpurityDecrease >= 0, 'DecisionTree minImpurityDecrease', minImpurityDecrease, 'a finite number >= 0');
  checkParam(Number.isInteger(maxThresholds) && maxThresholds >= 1 && maxThresholds <= MAX_TREE_THRESHOLDS, 'DecisionTree maxThresholds', maxThresholds, `a whole number from 1 to ${MAX_TREE_THRESHOLDS}`);
  checkParam(Number.isInteger(seed), 'DecisionTree seed', seed, 'a whole number');
  checkParam(Array.isArray(missingAsInfinity) && missingAsInfinity.every((c) => typeof c === 'string'), 'DecisionTree missingAsInfinity', missingAsInfinity, 'a list of column names');
  checkParam(Number.isFinite(distinctiveWithin) && distinctiveWithin >= 0 && distinctiveWithin < 1, 'DecisionTree distinctiveWithin', distinctiveWithin, 'a share from 0 (off) up to, not including, 1');
  return { maxDepth, minSamplesLeaf: minSamplesLeaf ?? null, minImpurityDecrease, maxThresholds, seed, missingAsInfinity: [...missingAsInfinity], distinctiveWithin };
}

/** The default leaf size: 1% of the rows, at least 20. */
export function defaultMinSamplesLeaf(rows: number): number {
  return Math.max(20, Math.ceil(rows * 0.01));
}
