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
}
