/** What a column is, so personas can label and unit it; taken from the feature layer's metadata. */
export interface PersonaColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** e.g. "days", "currency", "share", "ratio", "orders", "score", "flag", "label". */
  unit?: string | null;
  group?: string | null;
  description?: string | null;
}

/**
 * One row per customer, column-wise (the shape of readFeatureTable): segment labels plus features.
 * No customer id is needed or kept: personas only publish aggregates.
 */
export interface PersonaInput {
  /** Segment id per customer; -1 = noise (DBSCAN). */
  labels: ArrayLike<number>;
  /** Numeric columns; NaN = missing. */
  numeric: Readonly<Record<string, Float64Array>>;
  /** Text columns; null or '' = missing. */
  categorical: Readonly<Record<string, readonly (string | null)[]>>;
  /** Column metadata (units, groups); columns without an entry are labelled by name. */
  columns?: readonly PersonaColumn[];
  /**
   * An outcome the data carries (Telco's churn, Bank Marketing's subscription): 1 = happened, 0 = not,
   * NaN = unknown, per customer. Its rate per segment is a KPI and drives outcome actions; it is never a trait.
   */
  outcome?: PersonaOutcome;
  /**
   * A model's predicted probability per customer (a churn risk, a propensity; NaN = not scored): a KPI of its
   * own (`modelScore`, named by its label). The outcome actions follow it when it is a risk
   * (higherIsBetter false: it looks ahead, the outcome looks back) or when there is no outcome.
   */
  score?: PersonaOutcome;
  /**
   * The clv stage's "high value, probably leaving" customers: flags per customer (1 = in the top `topShare` by CLV
   * with P(alive) below `leavingBelow`, 0 = not, NaN = no CLV). A segment with at least minGroupSize of them gets
   * the keepHighValue action.
   */
  valueAtRisk?: { flags: Float64Array; topShare: number; leavingBelow: number };
}

export interface PersonaOutcome {
  /** The feature-table column it comes from (left out of the traits). */
  column: string;
  /** What happened, in the result's locale, e.g. "Churn" / "Résiliation". */
  label: string;
  /** false for churn-like outcomes, true for responses and purchases, null when neither. */
  higherIsBetter: boolean | null;
  values: Float64Array;
}
