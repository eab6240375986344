import type { Matrix } from '../core/Matrix';
import { checkBinaryLabels } from './checkBinaryLabels';
import { checkModelMatrix } from './checkModelMatrix';
import { checkSampleWeight } from './checkSampleWeight';
import type { BinaryLabels, FitOptions, ModelEntry } from './ModelEntry';

/** What a model family's fit reads after the shared checks: labels as 0/1 bytes, weights (null: all 1). */
export interface CheckedFitInput {
  y: Uint8Array;
  sampleWeight: Float64Array | null;
}

/**
 * The entry check every model family's fit makes (one place, so the contract suite's errors read alike):
 * X (rows, ±Infinity, NaN per the family's `missingValues`), binary labels with both classes, sample weights.
 */
export function checkFitInput(X: Matrix, y: BinaryLabels, options: FitOptions | undefined, who: string, missingValues: ModelEntry['missingValues']): CheckedFitInput {
  checkModelMatrix(X, who, missingValues);
  const labels = checkBinaryLabels(y, X.rows, who);
  return { y: labels, sampleWeight: checkSampleWeight(options?.sampleWeight, X.rows, who) };
}
