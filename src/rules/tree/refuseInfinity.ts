import { InputError } from '../../core/errors';
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
      throw new InputError(`${who}: column "${column}" row ${row} is ${v}; the tree reads finite numbers (NaN counts as missing).`, [
        { severity: 'error', check: 'non-finite', message: `value ${v} is not a finite number`, location: { column, row }, hint: 'clip or drop infinite values before fitting the tree' },
      ]);
    }
  }
}
