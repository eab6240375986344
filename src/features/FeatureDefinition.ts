import type { FeatureGroup } from './FeatureConfig';

/**
 * How downstream stages treat a column of the feature table. 'outcome': a target column of the data
 * (Telco's Churn, Bank Marketing's y) passed through so that reports can show its rate per segment; it is
 * never a clustering input, a trait or a rule field.
 */
export const FEATURE_ROLES = ['id', 'numeric', 'categorical', 'outcome'] as const;
export type FeatureRole = (typeof FEATURE_ROLES)[number];

/** Unit of a feature's value, for humans and reports. */
export const FEATURE_UNITS = [
  'days',
  'orders',
  'items',
  'sessions',
  'events',
  'currency',
  'currency per order',
  'items per order',
  'share',
  'ratio',
  'score',
  'label',
  'flag',
  'years',
  'value',
] as const;
export type FeatureUnit = (typeof FEATURE_UNITS)[number];

/** One feature: what it means and the SQL that computes it, so a warehouse can reproduce the number. */
export interface FeatureDefinition {
  /** Column name in the feature table. */
  name: string;
  group: FeatureGroup;
  role: Exclude<FeatureRole, 'id'>;
  unit: FeatureUnit;
  description: string;
  /** When the value is NULL (absent when it never is). */
  nullWhen?: string;
  /** The column's expression in the final SELECT of the plan (b = base, tx, cat, ev, rfm = its CTEs). */
  expression: string;
  /** A standalone statement (same CTEs, only what this feature needs) returning customer_id and this feature. */
  sql: string;
}

/** A column of the computed feature table. */
export interface FeatureColumn {
  name: string;
  role: FeatureRole;
  description: string;
  group?: FeatureGroup;
  unit?: FeatureUnit;
}

/** A feature group (or part of one) that was not computed, and why. */
export interface SkippedFeature {
  group: FeatureGroup;
  reason: string;
  /** The column concerned, when only part of the group was skipped. */
  column?: string;
}
