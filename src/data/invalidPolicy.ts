import { type InvalidPolicy, ON_INVALID_DEFAULT_KEY, type OnInvalid } from './DataConfig';

export interface ColumnInvalidPolicy {
  policy: InvalidPolicy;
  /** Set by the config (for the column, or for the table) rather than the default. */
  configured: boolean;
}

/**
 * What a value of the column that does not parse does: the column's entry in `onInvalid`, else the
 * map's `default`, else the table's single policy, else error for required columns (a row without its
 * amount or date is not a transaction) and null for the others (a bad optional attribute should not
 * cost the row; it is reported).
 */
export function invalidPolicy(column: { name: string; required: boolean }, onInvalid: OnInvalid | undefined): ColumnInvalidPolicy {
  if (typeof onInvalid === 'string') return { policy: onInvalid, configured: true };
  const set = onInvalid?.[column.name] ?? onInvalid?.[ON_INVALID_DEFAULT_KEY];
  if (set !== undefined) return { policy: set, configured: true };
  return { policy: column.required ? 'error' : 'null', configured: false };
}
