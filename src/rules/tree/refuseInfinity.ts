import { inputError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';

/**
 * The tree reads finite numbers and NaN (missing); ±Infinity has no place between thresholds, so fit,
 * predict and apply refuse it alike, naming the column and the (1-based) row.
 */
export function refuseInfinity(X: Matrix, who: string): void {
  const data = X.data;
  for (let p = 0; p < data.length; p++) {
    const v = data[p]!;
    if (v === Infinity || v === -Infinity) {
      const column = X.columns[p % X.cols]!;
      const row = Math.floor(p / X.cols) + 1;
      throw inputError({ summary: `${who}: column "${column}" row ${row} is ${v}; the tree reads finite numbers (NaN counts as missing).`, check: 'non-finite', what: `value ${v} is not a finite number`, where: { column, row }, fix: 'clip or drop infinite values before fitting the tree' });
    }
  }
}
