import { InputError, type Problem } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { parseParams } from '../../core/parseParams';
import { fitColumnIndices, quantileSorted } from './matrixChecks';
import { meanAndSd } from './meanAndSd';
import { SimpleImputerModel } from './SimpleImputerModel';

import { IMPUTE_STRATEGIES, type ImputeStrategy } from './ImputeStrategy';
import { simpleImputerParamsSchema, type ResolvedSimpleImputerParams, type SimpleImputerParams } from './simpleImputerParams';

export { IMPUTE_STRATEGIES, type ImputeStrategy, type SimpleImputerParams };

/**
 * Fill NaN (a NULL in the feature table, e.g. recency_days of a customer who never bought) so the
 * scalers, which refuse NaN, can follow. Statistics are learnt from the non-missing values; a column
 * with no value at all cannot give a median or mean and is an error naming it. ±Infinity is never
 * "missing": it is an error naming the column and row.
 */
export class SimpleImputer {
  readonly params: ResolvedSimpleImputerParams;

  /** Validates params against simpleImputerParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: SimpleImputerParams = {}) {
    this.params = parseParams(simpleImputerParamsSchema, params, 'SimpleImputer');
  }

  fit(X: Matrix): SimpleImputerModel {
    const who = 'SimpleImputer.fit';
    const idx = fitColumnIndices(X, this.params.columns, who);
    const problems: Problem[] = [];
    const fill = idx.map((j) => {
      const col = X.column(j);
      const inf = col.findIndex((x) => x === Infinity || x === -Infinity);
      if (inf >= 0) {
        problems.push({ severity: 'error', check: 'non-finite-value', message: `column "${X.columns[j]}" has ${col[inf]} at row ${inf + 1}`, location: { column: X.columns[j]!, row: inf + 1 } });
        return NaN;
      }
      if (this.params.strategy === 'constant') return this.params.fillValue;
      const present = col.filter((x) => !Number.isNaN(x));
      if (!present.length) {
        problems.push({ severity: 'error', check: 'all-missing', message: `column "${X.columns[j]}" has no value to compute a ${this.params.strategy} from`, location: { column: X.columns[j]! }, hint: "use strategy 'constant' or drop the column" });
        return NaN;
      }
      // Summed on scaled values: a column near ±1.8e308 has a finite mean.
      if (this.params.strategy === 'mean') return meanAndSd(present).mean;
      if (this.params.strategy === 'max') return present.reduce((m, x) => (x > m ? x : m), -Infinity);
      return quantileSorted(present.sort(), 0.5);
    });
    if (problems.length) throw new InputError(`${who}: ${problems[0]!.message}.`, problems);
    return new SimpleImputerModel({ ...this.params }, [...X.columns], idx.map((j) => X.columns[j]!), fill);
  }
}
