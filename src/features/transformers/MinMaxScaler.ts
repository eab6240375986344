import { checkParam } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { assertFiniteColumns, fitColumnIndices } from './matrixChecks';
import { MinMaxScalerModel } from './MinMaxScalerModel';

export interface MinMaxScalerParams {
  /** Output range, default [0, 1]. */
  featureRange?: readonly [number, number];
  /** Clip transformed values of new data into featureRange (default false). */
  clip?: boolean;
  /** Columns to scale (default: all); the others pass through. */
  columns?: readonly string[];
}

/**
 * a + (x - min) / (max - min) * (b - a). A constant column (max = min) gets range 1, so its fitted
 * value maps to a. Fitted data always lands inside [a, b]; new data may fall outside unless clip.
 */
export class MinMaxScaler {
  readonly params: { featureRange: [number, number]; clip: boolean; columns?: string[] };

  constructor(params: MinMaxScalerParams = {}) {
    const { featureRange = [0, 1], clip = false, columns } = params;
    checkParam(
      Array.isArray(featureRange) && featureRange.length === 2 && Number.isFinite(featureRange[0]) && Number.isFinite(featureRange[1]) && featureRange[0] < featureRange[1],
      'MinMaxScaler featureRange',
      featureRange,
      '[a, b] with finite a < b',
    );
    checkParam(typeof clip === 'boolean', 'MinMaxScaler clip', clip, 'true or false');
    checkParam(columns === undefined || (Array.isArray(columns) && columns.every((c) => typeof c === 'string')), 'MinMaxScaler columns', columns, 'an array of column names');
    this.params = { featureRange: [featureRange[0], featureRange[1]], clip, ...(columns ? { columns: [...columns] } : {}) };
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
