import type { ConfidenceInterval } from './evaluation/bootstrapInterval';
import type { CalibrationMethod } from './evaluation/Calibrator';
import type { SearchSpace } from './evaluation/searchParams';
import type { ModelName } from './ModelEntry';
import type { ModelTarget, ValidationScheme } from './ModelsConfig';

/** 2: calibrator and search added. */
export const MODEL_CARD_SCHEMA_VERSION = 2;

/**
 * What the models stage (and `seglab train`) found, JSON-safe: the label and data it learned from, each
 * family's held-out AUC, the chosen model's metrics with intervals, calibration, lift, the contact-budget
 * threshold and the drivers. Aggregates only: no customer id, no per-customer value.
 */
export interface ModelCard {
  schemaVersion: typeof MODEL_CARD_SCHEMA_VERSION;
  asOf: string;
  target: ModelTarget;
  /** The label in words: what 1 means, who is labelled, which snapshots. */
  label: { definition: string; population: string; snapshots: string };
  snapshots: { index: number; asOf: string; windowEnd: string | null; rows: number; positives: number }[];
  trainingRows: number;
  positives: number;
  negatives: number;
  inputs: { name: string; role: 'numeric' | 'categorical' }[];
  excluded: { column: string; reason: string }[];
  validation: { scheme: ValidationScheme; folds: number | null; trainRows: number; testRows: number; testPositives: number };
  /** Every family tried, with its held-out ROC AUC; the chosen one first when auto. */
  candidates: { family: ModelName; rocAuc: number; fitSeconds: number }[];
  family: ModelName;
  chosenBy: 'config' | 'auto';
  params: Record<string, unknown>;
  /** TensorFlow.js backend that trained the MLP (null for the other families). */
  backend: string | null;
  /**
   * How the probabilities were calibrated: the method, what the calibrator was fitted on, and the held-out
   * log loss, Brier score and ECE of the uncalibrated probabilities (null without calibration), so the gain
   * shows against `metrics`, which are those of the calibrated probabilities.
   */
  calibrator: { method: CalibrationMethod; fittedOn: string; uncalibrated: { logLoss: number; brier: number; expectedCalibrationError: number } | null };
  /**
   * The hyperparameter search (null with budget 0): the rows it saw, its folds and per family every candidate
   * tried with its inner (cross-validated) ROC AUC, in the order drawn, and the params chosen.
   */
  search: {
    budget: number;
    folds: number;
    rows: string;
    families: { family: ModelName; space: SearchSpace; candidates: { params: Record<string, unknown>; rocAuc: number; sd: number }[]; chosen: Record<string, unknown> }[];
  } | null;
  metrics: { rocAuc: ConfidenceInterval; averagePrecision: ConfidenceInterval; logLoss: ConfidenceInterval; brier: ConfidenceInterval; expectedCalibrationError: number };
  calibration: { meanPredicted: number; observed: number; count: number }[];
  lift: { decile: number; rows: number; positives: number; rate: number; lift: number; cumulativeGain: number }[];
  baseRate: number;
  budget: { share: number; threshold: number; contacted: number; precision: number; recall: number; truePositives: number; falsePositives: number };
  /** Permutation importance on the held-out rows (drop in ROC AUC), largest first, per input column. */
  drivers: { feature: string; importance: number; sd: number }[];
  /** Logistic regression only: the coefficients with odds ratios and standard errors. */
  coefficients: { feature: string; coef: number; oddsRatio: number; standardError: number | null; pValue: number | null }[] | null;
  /** How per-customer reasons were computed (or why there are none). */
  explanations: string;
  scored: { customers: number; meanScore: number };
  notes: string[];
}
