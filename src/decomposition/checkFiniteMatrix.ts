import { InputError, UsageError, type Problem } from '../core/errors';
import { Matrix } from '../core/Matrix';

/**
 * The entry check of a decomposition: a Matrix with at least `minRows` rows and one column, every value
 * finite (the first bad one of each column named by column and 1-based row). Inner loops trust it.
 */
export function checkFiniteMatrix(X: Matrix, who: string, minRows = 1): void {
  if (!(X instanceof Matrix)) throw new UsageError(`${who}: X must be a Matrix (got ${X === null ? 'null' : typeof X}).`);
  if (X.rows < minRows) throw new InputError(`${who}: the input has 0 rows; pass at least ${minRows}.`);
  if (X.cols === 0) throw new InputError(`${who}: the input has 0 columns; pass at least one feature.`);
  const { data, rows, cols } = X;
  const bad = new Int32Array(cols);
  const firstRow = new Int32Array(cols).fill(-1);
  for (let i = 0, p = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, p++) {
      const v = data[p]!;
      // v - v is 0 exactly when v is finite.
      if (v - v !== 0) {
        if (bad[j] === 0) firstRow[j] = i;
        bad[j]!++;
      }
    }
  }
  const problems: Problem[] = [];
  for (let j = 0; j < cols; j++) {
    if (bad[j] === 0) continue;
    const row = firstRow[j]!;
    problems.push({
      severity: 'error',
      check: 'non-finite',
      message: `value ${String(data[row * cols + j])} is not a finite number`,
      location: { column: X.columns[j]!, row: row + 1 },
      count: bad[j]!,
      share: bad[j]! / rows,
      hint: 'impute missing values (SimpleImputer) and clip or drop infinite ones first',
    });
  }
  if (problems.length) throw new InputError(`${who}: the input has values that are not finite numbers.`, problems);
}
