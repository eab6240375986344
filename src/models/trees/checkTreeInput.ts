import { InputError, problem, type Problem } from '../../core/errors';
import { checkBinaryLabels } from '../checkBinaryLabels';
import { checkSampleWeight as sharedSampleWeight } from '../checkSampleWeight';
import { checkMatrix } from '../../core/checkMatrix';
import type { Matrix } from '../../core/Matrix';
import type { BinaryLabels, FitOptions } from '../ModelEntry';
import { applyClassWeight, checkCategoricalFeatures } from './treeParamFields';

type ClassWeight = Parameters<typeof applyClassWeight>[2];

/**
 * The entry check of a tree model's X: a Matrix with rows and columns whose values are finite or NaN
 * (a missing value the trees learn a side for); ±Infinity is refused, the first one of each column
 * named by column and 1-based row.
 */
export function checkTreeMatrix(X: unknown, who: string, name = 'X'): asserts X is Matrix {
  checkMatrix(X, who, name);
  if (X.rows === 0) throw new InputError(`${who}: ${name} has 0 rows; pass at least one row.`);
  if (X.cols === 0) throw new InputError(`${who}: ${name} has 0 columns; pass at least one feature.`);
  const { data, rows, cols } = X;
  let bad: Int32Array | null = null;
  for (let p = 0; p < data.length; p++) {
    const v = data[p]!;
    if (v === Infinity || v === -Infinity) {
      bad ??= new Int32Array(cols * 2).fill(-1);
      const j = p % cols;
      if (bad[2 * j]! < 0) bad[2 * j] = Math.floor(p / cols);
      bad[2 * j + 1] = bad[2 * j + 1]! < 0 ? 1 : bad[2 * j + 1]! + 1;
    }
  }
  if (!bad) return;
  const problems: Problem[] = [];
  for (let j = 0; j < cols; j++) {
    const row = bad[2 * j]!;
    if (row < 0) continue;
    const count = bad[2 * j + 1]!;
    problems.push(problem({ check: 'non-finite', what: `value ${data[row * cols + j]} is not a finite number`, where: { column: X.columns[j]!, row: row + 1 }, count, share: count / rows, fix: 'replace infinite values (missing values may stay NaN: the trees learn where they go)' }));
  }
  throw new InputError(`${who}: ${name} has infinite values.`, problems);
}

/** Labels and weights take the checks every model family shares (models/checkBinaryLabels, checkSampleWeight). */
export { checkBinaryLabels } from '../checkBinaryLabels';

/** Sample weights as the shared check reads them, all 1 when none were given (the tree kernels always weigh rows). */
export function checkSampleWeight(w: Float64Array | readonly number[] | undefined, rows: number, who: string): Float64Array {
  return sharedSampleWeight(w, rows, who) ?? new Float64Array(rows).fill(1);
}

/**
 * The entry check both tree fits make: X (finite or NaN), 0/1 labels with both classes, sample weights times
 * the class weights, categorical columns that hold level codes. Returns the labels and the row weights.
 */
export function checkTreeFit(X: Matrix, y: BinaryLabels, sampleWeight: FitOptions['sampleWeight'], params: { classWeight: ClassWeight; categoricalFeatures: readonly number[] }, who: string): { labels: Uint8Array; weights: Float64Array } {
  checkTreeMatrix(X, who);
  const labels = checkBinaryLabels(y, X.rows, who);
  const weights = applyClassWeight(labels, checkSampleWeight(sampleWeight, X.rows, who), params.classWeight);
  checkCategoricalFeatures(params.categoricalFeatures, X, who);
  return { labels, weights };
}
