import { checkParam } from '../../core/errors';
import { assertStringColumns, MISSING_CATEGORY, OneHotEncoderModel, type EncodedColumn, type StringColumns } from './OneHotEncoderModel';

export type HandleUnknown = 'rare' | 'zeros' | 'error';

export interface OneHotEncoderParams {
  /**
   * Categories seen less often than this are grouped into one "col=__rare__" column: a share of the
   * rows when < 1 (e.g. 0.01), a row count when >= 1 (e.g. 20). Default 0: no grouping.
   */
  minFrequency?: number;
  /** Keep at most this many categories per column (the most frequent); the rest become rare. */
  maxCategories?: number;
  /**
   * A category not seen at fit time, at transform time:
   * 'rare' (default) → the column's __rare__ column when it has one, else all zeros;
   * 'zeros' → all zeros (a category grouped as rare at fit time still goes to __rare__);
   * 'error' → InputError naming the column, row and value.
   */
  handleUnknown?: HandleUnknown;
}

/**
 * One 0/1 column per category, named "column=value". Missing values (null) are a category of their
 * own, "__missing__". Categories are ordered by value (code-unit order), __rare__ last. A real value
 * spelled "__missing__" or "__rare__" would share those columns; avoid such values.
 */
export class OneHotEncoder {
  readonly params: { minFrequency: number; maxCategories?: number; handleUnknown: HandleUnknown };

  constructor(params: OneHotEncoderParams = {}) {
    const { minFrequency = 0, maxCategories, handleUnknown = 'rare' } = params;
    checkParam(typeof minFrequency === 'number' && Number.isFinite(minFrequency) && minFrequency >= 0, 'OneHotEncoder minFrequency', minFrequency, 'a share in [0, 1) or a count >= 1');
    checkParam(maxCategories === undefined || (Number.isInteger(maxCategories) && maxCategories >= 1), 'OneHotEncoder maxCategories', maxCategories, 'an integer >= 1');
    checkParam(['rare', 'zeros', 'error'].includes(handleUnknown), 'OneHotEncoder handleUnknown', handleUnknown, "'rare', 'zeros' or 'error'");
    this.params = { minFrequency, handleUnknown, ...(maxCategories !== undefined ? { maxCategories } : {}) };
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
