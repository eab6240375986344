import type { Matrix } from '../../core/Matrix';
import { assertFiniteColumns, columnQuantiles, fitColumnIndices } from './matrixChecks';
import { resolveWinsorizerParams, type ResolvedWinsorizerParams, type WinsorizerParams } from './winsorizerParams';
import { WinsorizerModel } from './WinsorizerModel';

export type { WinsorizerParams };

/**
 * Clip each column to its fitted [lower, upper] quantiles (linear interpolation, numpy's default),
 * so extreme customers keep their rank at the edge without stretching the scale. Not invertible.
 */
export class Winsorizer {
  readonly params: ResolvedWinsorizerParams;

  /** Validates params against winsorizerParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: WinsorizerParams = {}) {
    this.params = resolveWinsorizerParams(params);
  }

  fit(X: Matrix): WinsorizerModel {
    const idx = fitColumnIndices(X, this.params.columns, 'Winsorizer.fit');
    assertFiniteColumns(X, idx, 'Winsorizer.fit');
    const low: number[] = [];
    const high: number[] = [];
    for (const j of idx) {
      const [lo, hi] = columnQuantiles(X, j, [this.params.lower, this.params.upper]) as [number, number];
      low.push(lo);
      high.push(hi);
    }
    return new WinsorizerModel({ ...this.params }, [...X.columns], idx.map((j) => X.columns[j]!), low, high);
  }
}
