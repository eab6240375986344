/**
 * Everything measured for one k of a sweep. `Metric` is the union of the registered criteria's
 * measures (SelectionMetric); the default `string` lets a criterion be written without the registry.
 */
export interface KCandidate<Metric extends string = string> {
  k: number;
  /** Distinct clusters in the fitted labels (noise excluded); normally k. */
  clustersFound: number;
  /** Rows per cluster, by ascending label. */
  sizes: number[];
  /** Smallest cluster / all rows. */
  smallestShare: number;
  /** Largest cluster / all rows. */
  largestShare: number;
  /** Rows labelled noise / all rows (0 except for DBSCAN-like models). */
  noiseShare: number;
  /**
   * What every registered criterion measured at this k, by measure: inertia (the elbow's), silhouette,
   * calinskiHarabasz, daviesBouldin, bic and aic (models with a likelihood), gap and gapS (its error bar).
   * null when it cannot be computed (fewer than 2 clusters, no likelihood) or was not (the gap statistic
   * unless asked for).
   */
  metrics: Record<Metric, number | null>;
  /** How a measure was computed, where there is a choice: inertia 'model' or 'labels', silhouette 'exact' or 'sampled'. */
  methods: Partial<Record<Metric, string>>;
  eligible: boolean;
  /** Why this k is not eligible (empty when eligible). */
  exclusions: string[];
}

/** One criterion's vote: the k it prefers among the eligible ones, or null when it abstains, and why. */
export interface CriterionVote<Criterion extends string = string> {
  criterion: Criterion;
  k: number | null;
  /** Human-readable: the value that decided, or why it abstained. */
  reason: string;
}
