import type { Matrix } from '../../core/Matrix';
import { parseParams } from '../../core/parseParams';
import { log1pTransformerParamsSchema, type Log1pTransformerParams, type ResolvedLog1pTransformerParams } from './log1pTransformerParams';
import { Log1pTransformerModel } from './Log1pTransformerModel';
import { fitColumnIndices } from './matrixChecks';

export type { Log1pTransformerParams };

/** log1p compresses long right tails (spend, counts) so a few big customers do not dominate distances. */
export class Log1pTransformer {
  readonly params: ResolvedLog1pTransformerParams;

  /** Validates params against log1pTransformerParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: Log1pTransformerParams = {}) {
    this.params = parseParams(log1pTransformerParamsSchema, params, 'Log1pTransformer');
  }

  /** Nothing to learn; fitting checks the data and fixes the columns. */
  fit(X: Matrix): Log1pTransformerModel {
    const idx = fitColumnIndices(X, this.params.columns, 'Log1pTransformer.fit');
    const model = new Log1pTransformerModel({ ...this.params }, [...X.columns], idx.map((j) => X.columns[j]!));
    model.checkDomain(X, idx, 'Log1pTransformer.fit');
    return model;
  }
}
