/**
 * What the quarterly review shows of the churn / propensity model: aggregates only (no customer id, no
 * per-customer score), segments by id with the review's suppression applied by the renderer. Built by the
 * models stage from its model card (models/ModelCard) and the segment labels.
 */
export interface MetricInterval {
  estimate: number;
  low: number;
  high: number;
  /** Confidence level of [low, high], e.g. 0.95. */
  level: number;
}

export interface PredictionSummary {
  /** What is predicted, in the report's words per language ("Churn within 90 days"). */
  label: { en: string; fr: string };
  /** true for churn-like targets (a high score is a risk), false for propensities (a high score is an opportunity). */
  isRisk: boolean;
  /** The model family that scored the customers, and how it was chosen. */
  family: string;
  chosenBy: 'config' | 'auto';
  validation: 'out-of-time' | 'k-fold';
  /** Rows the evaluation was computed on, and their share of positives. */
  evaluatedRows: number;
  baseRate: number;
  metrics: { rocAuc: MetricInterval; prAuc: MetricInterval; brier: MetricInterval };
  expectedCalibrationError: number;
  /** By decile of score, highest first: the positive rate in it and its lift over the base rate; cumulative share of positives found. */
  lift: { decile: number; rate: number; lift: number; cumulativeGain: number }[];
  /** Mean predicted probability against the observed rate, per bin with its row count. */
  calibration: { meanPredicted: number; observed: number; count: number }[];
  /**
   * The contact budget and what it catches on the evaluation rows: `share` is the budget (models.contactBudget),
   * `fraction` the share really contacted (at most the budget: a group tied at the threshold score that would pass
   * it is left out whole, so it can be less, even 0), `threshold` null when nobody is.
   */
  budget: { share: number; fraction: number; threshold: number | null; precision: number; recall: number };
  /** Most important inputs overall (permutation importance on held-out rows: drop in ROC AUC). */
  drivers: { feature: string; label: string; importance: number; sd: number }[];
  /** Per segment id: mean score now, the expected number of positives (sum of scores), its top drivers. */
  segments: { id: number; customers: number; meanScore: number; expected: number; drivers: string[] }[];
}
