import { checkParam } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { assertFiniteColumns, fitColumnIndices } from './matrixChecks';
import { meanAndSd } from './meanAndSd';
import { StandardScalerModel } from './StandardScalerModel';

export interface StandardScalerParams {
  /** Subtract the mean (default true). */
  withMean?: boolean;
  /** Divide by the standard deviation (default true). */
  withStd?: boolean;
  /** Columns to scale (default: all); the others pass through. */
  columns?: readonly string[];
}

/**
 * z = (x - mean) / sd with the population standard deviation (divide by n, as scikit-learn).
 * A constant column has sd 0: its scale is set to 1, so it becomes all zeros instead of NaN.
 * Mean and sd are computed on power-of-two-scaled values, so columns near ±1.8e308 fit too.
 */
export class StandardScaler {
  readonly params: Required<Omit<StandardScalerParams, 'columns'>> & { columns?: string[] };

  constructor(params: StandardScalerParams = {}) {
    const { withMean = true, withStd = true, columns } = params;
    checkParam(typeof withMean === 'boolean', 'StandardScaler withMean', withMean, 'true or false');
    checkParam(typeof withStd === 'boolean', 'StandardScaler withStd', withStd, 'true or false');
    checkParam(columns === undefined || (Array.isArray(columns) && columns.every((c) => typeof c === 'string')), 'StandardScaler columns', columns, 'an array of column names');
    this.params = { withMean, withStd, ...(columns ? { columns: [...columns] } : {}) };
  }

  fit(X: Matrix): StandardScalerModel {
    const idx = fitColumnIndices(X, this.params.columns, 'StandardScaler.fit');
    assertFiniteColumns(X, idx, 'StandardScaler.fit');
    const mean: number[] = [];
    const scale: number[] = [];
    for (const j of idx) {
      const { mean: m, sd } = meanAndSd(X.column(j));
      mean.push(this.params.withMean ? m : 0);
      scale.push(this.params.withStd && sd > 0 ? sd : 1);
    }
    return new StandardScalerModel({ ...this.params }, [...X.columns], idx.map((j) => X.columns[j]!), mean, scale);
  }
}
