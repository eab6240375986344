import { checkParam } from '../../core/errors';
import { parseParams } from '../../core/parseParams';
import { oneHotEncoderParamsSchema, type HandleUnknown, type OneHotEncoderParams, type ResolvedOneHotEncoderParams } from './oneHotEncoderParams';
import { assertStringColumns, MISSING_CATEGORY, OneHotEncoderModel, type EncodedColumn, type StringColumns } from './OneHotEncoderModel';

export type { HandleUnknown, OneHotEncoderParams };

/**
 * One 0/1 column per category, named "column=value". Missing values (null) are a category of their
 * own, "__missing__". Categories are ordered by value (code-unit order), __rare__ last. A real value
 * spelled "__missing__" or "__rare__" would share those columns; avoid such values.
 */
export class OneHotEncoder {
  readonly params: ResolvedOneHotEncoderParams;

  /** Validates params against oneHotEncoderParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: OneHotEncoderParams = {}) {
    this.params = parseParams(oneHotEncoderParamsSchema, params, 'OneHotEncoder');
  }

  /** Learn the categories of each named string column (all columns the same length, at least 1 row). */
  fit(columns: StringColumns): OneHotEncoderModel {
    const n = assertStringColumns(columns, 'OneHotEncoder.fit');
    checkParam(n >= 1, 'OneHotEncoder.fit rows', n, 'at least 1 row');
    const { minFrequency, maxCategories } = this.params;
    const threshold = minFrequency < 1 ? minFrequency * n : minFrequency;
    const encoded: EncodedColumn[] = Object.entries(columns).map(([name, values]) => {
      const counts = new Map<string, number>();
      for (const v of values) {
        const key = v ?? MISSING_CATEGORY;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      // Most frequent first (ties by value) so maxCategories keeps the common ones.
      const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
      const kept: string[] = [];
      const rare: string[] = [];
      for (const [value, count] of byCount) {
        if (count >= threshold && (maxCategories === undefined || kept.length < maxCategories)) kept.push(value);
        else rare.push(value);
      }
      return { name, categories: kept.sort(cmp), rare: rare.sort(cmp) };
    });
    return new OneHotEncoderModel({ ...this.params }, encoded);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
