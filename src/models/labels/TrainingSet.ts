import type { FeatureLevels } from '../../features/AvailableData';
import type { FeatureColumn } from '../../features/FeatureDefinition';
import type { DesignColumn, FeatureFrame } from '../design/FeatureFrame';
import type { ModelTarget } from '../ModelsConfig';

/** One snapshot trained on: features as of `asOf`, the label from the window [asOf, windowEnd). */
export interface TrainingSnapshot {
  /** Its place in time, 0 = the earliest: the value of `train.snapshot` for its rows (what outOfTimeSplit takes). */
  order: number;
  /** i of s_i = asOf − i·horizon (1 = the latest); 0 for a column target (the data as loaded). */
  horizonsBack: number;
  /** The snapshot date (features count what happened before its 00:00 UTC), YYYY-MM-DD. */
  asOf: string;
  /** The label window ends before this date's 00:00 UTC; null for a column target. */
  windowEnd: string | null;
  /** DuckDB table its features were computed into (dropped afterwards unless keepTables). */
  table: string;
  /** Its rows are train rows [start, end). */
  start: number;
  end: number;
  positives: number;
  negatives: number;
}

/** The label in words, for the model card. */
export interface LabelDefinition {
  /** What 1 means, with the window. */
  definition: string;
  /** Who is labelled (and scored). */
  population: string;
  /** Which snapshots, and what scoring uses. */
  snapshots: string;
}

/**
 * Training examples without leakage and the customers to score. Train rows are ordered by snapshot
 * (oldest first) then customer_id; `snapshot[r]` is the row's snapshot in time order (0 = the earliest,
 * its `order`), so out-of-time validation (outOfTimeSplit) tests on the largest number, the snapshot
 * asOf − horizon, and trains on the others.
 */
export interface TrainingSet {
  target: ModelTarget;
  /** The scoring date, YYYY-MM-DD. */
  asOf: string;
  /** The model's input columns (numeric and categorical), in feature table order: the label column, outcome columns and `exclude` are not among them. */
  columns: (FeatureColumn & DesignColumn)[];
  train: {
    frame: FeatureFrame;
    /** 1 = the event (churned, responded), 0 = not. */
    labels: Uint8Array;
    /** Per row, its snapshot's `order` (0 = the earliest). */
    snapshot: Int32Array;
    ids: string[];
  };
  /** Features as of asOf (no label): who gets a score. */
  score: { frame: FeatureFrame; ids: string[] };
  /** Oldest first. */
  snapshots: TrainingSnapshot[];
  positives: number;
  negatives: number;
  label: LabelDefinition;
  /** Category / channel levels behind the share columns: those of the earliest snapshot, for every snapshot and scoring. */
  levels: FeatureLevels;
  /** Columns left out of the model and why (exclude, label, outcome). */
  excluded: { column: string; reason: string }[];
  /** What else the caller should know (rows without a label, exclude names the table does not have). */
  notes: string[];
}
