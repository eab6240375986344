import type { Matrix } from '../../core/Matrix';
import { parseParams } from '../../core/parseParams';
import { assertFiniteColumns, fitColumnIndices } from './matrixChecks';
import { minMaxScalerParamsSchema, type MinMaxScalerParams, type ResolvedMinMaxScalerParams } from './minMaxScalerParams';
import { MinMaxScalerModel } from './MinMaxScalerModel';

export type { MinMaxScalerParams };

/**
 * a + (x - min) / (max - min) * (b - a). A constant column (max = min) gets range 1, so its fitted
 * value maps to a. Fitted data always lands inside [a, b]; new data may fall outside unless clip.
 */
export class MinMaxScaler {
  readonly params: ResolvedMinMaxScalerParams;

  /** Validates params against minMaxScalerParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: MinMaxScalerParams = {}) {
    this.params = parseParams(minMaxScalerParamsSchema, params, 'MinMaxScaler');
  }

  fit(X: Matrix): MinMaxScalerModel {
    const idx = fitColumnIndices(X, this.params.columns, 'MinMaxScaler.fit');
    assertFiniteColumns(X, idx, 'MinMaxScaler.fit');
    const min: number[] = [];
    const max: number[] = [];
    for (const j of idx) {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < X.rows; i++) {
        const x = X.data[i * X.cols + j]!;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      min.push(lo);
      max.push(hi);
    }
    return new MinMaxScalerModel({ ...this.params, featureRange: [...this.params.featureRange] }, [...X.columns], idx.map((j) => X.columns[j]!), min, max);
  }
}
