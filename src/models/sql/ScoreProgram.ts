/**
 * A fitted model's raw score as plain arithmetic, independent of the family: what compiles to SQL
 * (scoreProgramToSql) and what the in-process evaluator (evaluateScoreProgram) computes, so that the two
 * can be compared. Inputs are the model's design columns by index; a missing value is NaN in process and
 * NULL in SQL.
 */
export type ScoreProgram = LinearProgram | TreeEnsembleProgram;

/**
 * The calibrator a program's probability goes through (models.calibration), applied to the raw score:
 * Platt: logistic(slope · raw + intercept); isotonic: linear interpolation between the points (x increasing),
 * the end values beyond them — as PlattCalibrator and IsotonicCalibrator predict.
 */
export type ScoreCalibration = { readonly kind: 'platt'; readonly slope: number; readonly intercept: number } | { readonly kind: 'isotonic'; readonly x: readonly number[]; readonly y: readonly number[] };

/** intercept + Σ coef_j · x_j, then the logistic link (the logistic regression). */
export interface LinearProgram {
  readonly kind: 'linear';
  readonly intercept: number;
  /** One term per design column used (a zero coefficient may be left out). */
  readonly terms: readonly { readonly feature: number; readonly coef: number }[];
  /** When present, the probability is the calibration of the raw score instead of its logistic. */
  readonly calibration?: ScoreCalibration;
}

/**
 * A sum or a mean of regression trees on top of a base value:
 * - 'sum' (gradient boosting): raw = base + Σ tree(x), probability = logistic(raw);
 * - 'mean' (random forest, leaves hold a class-1 share): probability = Σ tree(x) / trees, and the raw score
 *   is its logit (base unused, 0).
 */
export interface TreeEnsembleProgram {
  readonly kind: 'trees';
  readonly combine: 'sum' | 'mean';
  readonly base: number;
  /** 'mean': the probability is clamped to [epsilon, 1 − epsilon] before its logit (default 1e-15). */
  readonly epsilon?: number;
  readonly trees: readonly TreeNode[];
  /** When present, the probability is the calibration of the raw score instead of its logistic (or the forest's mean). */
  readonly calibration?: ScoreCalibration;
}

export type TreeNode = TreeLeaf | NumericSplit | CategorySplit;

export interface TreeLeaf {
  readonly leaf: number;
}

/** x ≤ threshold goes left; NaN/NULL goes the learned way. */
export interface NumericSplit {
  readonly feature: number;
  readonly threshold: number;
  readonly missingLeft: boolean;
  readonly left: TreeNode;
  readonly right: TreeNode;
}

/**
 * A level code (a whole number) in `leftCodes` goes left; NaN/NULL goes the learned way, and so does a code
 * outside `knownCodes` when that list is given (a level the tree never saw); any other code goes right.
 */
export interface CategorySplit {
  readonly feature: number;
  readonly leftCodes: readonly number[];
  readonly knownCodes?: readonly number[];
  readonly missingLeft: boolean;
  readonly left: TreeNode;
  readonly right: TreeNode;
}
