import { checkFiniteMatrix } from '../core/checkFiniteMatrix';
import { checkFittedColumns } from '../core/checkFittedColumns';
import { checkMatrix } from '../core/checkMatrix';
import { InputError, problem, type Problem } from '../core/errors';
import type { Matrix } from '../core/Matrix';
import type { ModelEntry } from './ModelEntry';

type MissingValues = ModelEntry['missingValues'];

const IMPUTE = 'impute missing values first (SimpleImputer) or pick a model that learns them (hist-gradient-boosting, random-forest); clip or drop infinite values';

/**
 * X of a churn / propensity model, at fit (`fittedColumns` absent: at least one row) or at predict (the
 * columns the model was fitted on, core/checkFittedColumns; 0 rows is fine). ±Infinity is always an error
 * naming column and 1-based row; NaN is one too for a family whose `missingValues` is 'error', and a missing
 * value the model learns for 'learned'.
 */
export function checkModelMatrix(X: Matrix, who: string, missingValues: MissingValues, fittedColumns?: readonly string[]): void {
  checkMatrix(X, who);
  if (fittedColumns) checkFittedColumns(X.columns, fittedColumns, who);
  const minRows = fittedColumns ? 0 : 1;
  if (missingValues === 'error') {
    checkFiniteMatrix(X, who, { minRows, rowsNeed: 'pass at least 1 row to fit on', fix: IMPUTE, summary: 'the input has values that are not finite numbers (this model refuses NaN and ±Infinity)' });
    return;
  }
  if (X.rows < minRows) throw new InputError(`${who}: the input has ${X.rows} rows; pass at least 1 row to fit on.`);
  if (X.cols === 0) throw new InputError(`${who}: the input has 0 columns; pass at least one feature.`);
  refuseInfinity(X, who);
}

/** ±Infinity anywhere: the first of each column, by column and 1-based row (NaN passes: the model learns it). */
function refuseInfinity(X: Matrix, who: string): void {
  const { data, rows, cols } = X;
  let problems: Problem[] | null = null;
  const count = new Float64Array(cols);
  const first = new Int32Array(cols).fill(-1);
  for (let i = 0, p = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, p++) {
      const v = data[p]!;
      if (v === Infinity || v === -Infinity) {
        if (first[j] === -1) first[j] = i;
        count[j]!++;
      }
    }
  }
  for (let j = 0; j < cols; j++) {
    if (first[j] === -1) continue;
    (problems ??= []).push(problem({ check: 'non-finite', what: `value ${String(data[first[j]! * cols + j])} is not a finite number`, where: { column: X.columns[j]!, row: first[j]! + 1 }, count: count[j]!, share: count[j]! / rows, fix: 'clip or drop infinite values (NaN is read as missing)' }));
  }
  if (problems) throw new InputError(`${who}: the input has infinite values.`, problems);
}
