/**
 * A fitted tree as flat node arrays (node 0 is the root). Internal node t sends a row left when
 * `x[feature[t]] <= threshold[t]` (NaN read as 0); a leaf has feature -1, left = right = -1.
 */
export interface TreeStructure {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** Weighted class totals per node, row-major nodes × classes (class order = the model's `classes`). */
  value: Float64Array;
  /** Training rows per node (unweighted). */
  nSamples: Int32Array;
  /** Weighted Gini impurity per node. */
  impurity: Float64Array;
}

