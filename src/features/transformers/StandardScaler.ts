import type { Matrix } from '../../core/Matrix';
import { parseParams } from '../../core/parseParams';
import { assertFiniteColumns, fitColumnIndices } from './matrixChecks';
import { meanAndSd } from './meanAndSd';
import { standardScalerParamsSchema, type ResolvedStandardScalerParams, type StandardScalerParams } from './standardScalerParams';
import { StandardScalerModel } from './StandardScalerModel';

export type { StandardScalerParams };

/**
 * z = (x - mean) / sd with the population standard deviation (divide by n, as scikit-learn).
 * A constant column has sd 0: its scale is set to 1, so it becomes all zeros instead of NaN.
 * Mean and sd are computed on power-of-two-scaled values, so columns near ±1.8e308 fit too.
 */
export class StandardScaler {
  readonly params: ResolvedStandardScalerParams;

  /** Validates params against standardScalerParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: StandardScalerParams = {}) {
    this.params = parseParams(standardScalerParamsSchema, params, 'StandardScaler');
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
