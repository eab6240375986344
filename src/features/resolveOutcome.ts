import type { Locale } from '../core/Locale';
import { inputError } from '../core/errors';
import type { FeatureColumn } from './FeatureDefinition';
import type { FeatureTable } from './readFeatureTable';
import type { OutcomeConfig } from './OutcomeConfig';

/** The run's outcome per customer: 1 = happened, 0 = did not, NaN = unknown. */
export interface ResolvedOutcome {
  column: string;
  label: Record<Locale, string>;
  higherIsBetter: boolean | null;
  /** The values read as "happened", as text. */
  positive: string[];
  values: Float64Array;
  /** Share of 1s among known values. */
  rate: number;
  known: number;
}

const DEFAULT_POSITIVE = ['1', 'true', 'yes', 'y'];

/**
 * The outcome of a run from its config and feature table: the configured column, or the only column with role
 * 'outcome' when none is configured (none when there are several: the config must choose). Errors name the
 * column and the fix.
 */
export function resolveOutcome(table: FeatureTable, featureColumns: readonly FeatureColumn[], config: OutcomeConfig | undefined): ResolvedOutcome | null {
  const outcomeColumns = featureColumns.filter((c) => c.role === 'outcome').map((c) => c.name);
  let column: string;
  if (config) {
    column = config.column;
    if (!outcomeColumns.includes(column)) {
      const isFeature = featureColumns.some((c) => c.name === column);
      throw inputError({ summary: 'outcome.column is not an outcome column of the data.', check: 'outcome-column', what: isFeature ? `"${column}" is an input feature, not a target column` : `the feature table has no column "${column}"`, where: { field: 'outcome.column' }, fix: outcomeColumns.length
            ? `outcome columns of this data: ${outcomeColumns.join(', ')}`
            : `mark the column as the outcome in the data section (roles: { ${column}: target }) so that it never becomes a feature` });
    }
  } else {
    if (outcomeColumns.length !== 1) return null;
    column = outcomeColumns[0]!;
  }
  const positive = (config?.positive ?? DEFAULT_POSITIVE).map((v) => String(v).trim().toLowerCase());
  const n = table.rowCount;
  const values = new Float64Array(n);
  const numeric = table.numeric[column];
  const text = table.categorical[column];
  const distinct = new Set<string>();
  let ones = 0;
  let known = 0;
  for (let i = 0; i < n; i++) {
    const raw = numeric ? (Number.isNaN(numeric[i]!) ? null : String(numeric[i])) : (text?.[i] ?? null);
    if (raw === null || raw.trim() === '') {
      values[i] = NaN;
      continue;
    }
    const v = raw.trim().toLowerCase();
    if (distinct.size < 50) distinct.add(v);
    values[i] = positive.includes(v) ? 1 : 0;
    ones += values[i]!;
    known++;
  }
  if (known > 0 && ones === 0 && !config?.positive) {
    throw inputError({ summary: `The outcome "${column}" has no value that reads as "happened".`, check: 'outcome-positive', what: `values seen: ${[...distinct].slice(0, 10).join(', ')}; none is one of ${DEFAULT_POSITIVE.join(', ')}`, where: { field: 'outcome.positive' }, fix: `set outcome.positive to the value(s) that mean the outcome happened, e.g. [${JSON.stringify([...distinct][0] ?? 'yes')}]` });
  }
  const given = config?.label;
  const fallback = column.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const label = typeof given === 'string' ? { en: given, fr: given } : given ?? { en: fallback, fr: fallback };
  return { column, label, higherIsBetter: config?.higherIsBetter ?? null, positive, values, rate: known ? ones / known : NaN, known };
}
