import { inputError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { parseParams } from '../../core/parseParams';
import { assertFiniteColumns, columnQuantiles, fitColumnIndices } from './matrixChecks';
import { robustScalerParamsSchema, type ResolvedRobustScalerParams, type RobustScalerParams } from './robustScalerParams';
import { RobustScalerModel } from './RobustScalerModel';

export type { RobustScalerParams };

/**
 * (x - median) / (q75 - q25): outliers move the median and IQR far less than mean and sd.
 * Quantiles interpolate linearly (numpy's default). A zero range (e.g. a column that is mostly one
 * value) gets scale 1, so the column is only centred.
 */
export class RobustScaler {
  readonly params: ResolvedRobustScalerParams;

  /** Validates params against robustScalerParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: RobustScalerParams = {}) {
    this.params = parseParams(robustScalerParamsSchema, params, 'RobustScaler');
  }

  fit(X: Matrix): RobustScalerModel {
    const idx = fitColumnIndices(X, this.params.columns, 'RobustScaler.fit');
    assertFiniteColumns(X, idx, 'RobustScaler.fit');
    const [lo, hi] = this.params.quantileRange;
    const center: number[] = [];
    const scale: number[] = [];
    for (const j of idx) {
      const [qlo, med, qhi] = columnQuantiles(X, j, [lo / 100, 0.5, hi / 100]) as [number, number, number];
      const range = qhi - qlo;
      if (this.params.withScaling && range === Infinity) {
        // The scale itself is beyond the range of doubles: no finite model can hold it.
        throw inputError({ summary: `RobustScaler.fit: column "${X.columns[j]}" has an inter-quantile range (${qhi} - ${qlo}) beyond the largest double (1.8e308).`, check: 'overflow', what: `q${hi} - q${lo} = ${qhi} - ${qlo} overflows`, where: { column: X.columns[j]! }, fix: 'rescale the column first (e.g. divide by 1e300), or use StandardScaler or MinMaxScaler, which handle such columns' });
      }
      center.push(this.params.withCentering ? med : 0);
      scale.push(this.params.withScaling && range > 0 ? range : 1);
    }
    return new RobustScalerModel(
      { ...this.params, quantileRange: [lo, hi] },
      [...X.columns],
      idx.map((j) => X.columns[j]!),
      center,
      scale,
    );
  }
}
