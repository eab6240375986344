/**
 * Model inputs column-wise, before encoding: numeric columns as Float64Array (missing = NaN), categorical
 * columns as text (missing = null). A FeatureTable (features/readFeatureTable) is one.
 */
export interface FeatureFrame {
  rowCount: number;
  numeric: Record<string, Float64Array>;
  categorical: Record<string, readonly (string | null)[]>;
}

/** A model input column and how it is encoded: a number, or a level of a categorical. */
export interface DesignColumn {
  name: string;
  role: 'numeric' | 'categorical';
}
