import { checkParam } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { Log1pTransformerModel } from './Log1pTransformerModel';
import { fitColumnIndices } from './matrixChecks';

export interface Log1pTransformerParams {
  /**
   * false (default): y = log(1 + x), defined for x > -1 (an error names the column and row otherwise).
   * true: y = sign(x) * log(1 + |x|), defined everywhere and odd, for values that can be negative
   * such as net spend after returns.
   */
  signed?: boolean;
  /** Columns to transform (default: all); the others pass through. Typical: spend and count columns. */
  columns?: readonly string[];
}

/** log1p compresses long right tails (spend, counts) so a few big customers do not dominate distances. */
export class Log1pTransformer {
  readonly params: { signed: boolean; columns?: string[] };

  constructor(params: Log1pTransformerParams = {}) {
    const { signed = false, columns } = params;
    checkParam(typeof signed === 'boolean', 'Log1pTransformer signed', signed, 'true or false');
    checkParam(columns === undefined || (Array.isArray(columns) && columns.every((c) => typeof c === 'string')), 'Log1pTransformer columns', columns, 'an array of column names');
    this.params = { signed, ...(columns ? { columns: [...columns] } : {}) };
  }

  /** Nothing to learn; fitting checks the data and fixes the columns. */
  fit(X: Matrix): Log1pTransformerModel {
    const idx = fitColumnIndices(X, this.params.columns, 'Log1pTransformer.fit');
    const model = new Log1pTransformerModel({ ...this.params }, [...X.columns], idx.map((j) => X.columns[j]!));
    model.checkDomain(X, idx, 'Log1pTransformer.fit');
    return model;
  }
}
