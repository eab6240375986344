import { checkParam } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { assertFiniteColumns, columnQuantiles, fitColumnIndices } from './matrixChecks';
import { WinsorizerModel } from './WinsorizerModel';

export interface WinsorizerParams {
  /** Lower quantile limit in [0, 1), default 0.01. */
  lower?: number;
  /** Upper quantile limit in (lower, 1], default 0.99. */
  upper?: number;
  /** Columns to clip (default: all); the others pass through. */
  columns?: readonly string[];
}

/**
 * Clip each column to its fitted [lower, upper] quantiles (linear interpolation, numpy's default),
 * so extreme customers keep their rank at the edge without stretching the scale. Not invertible.
 */
export class Winsorizer {
  readonly params: { lower: number; upper: number; columns?: string[] };

  constructor(params: WinsorizerParams = {}) {
    const { lower = 0.01, upper = 0.99, columns } = params;
    checkParam(typeof lower === 'number' && lower >= 0 && lower < 1, 'Winsorizer lower', lower, 'a quantile in [0, 1)');
    checkParam(typeof upper === 'number' && upper > lower && upper <= 1, 'Winsorizer upper', upper, `a quantile in (lower = ${lower}, 1]`);
    checkParam(columns === undefined || (Array.isArray(columns) && columns.every((c) => typeof c === 'string')), 'Winsorizer columns', columns, 'an array of column names');
    this.params = { lower, upper, ...(columns ? { columns: [...columns] } : {}) };
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
