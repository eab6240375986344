// Type-only imports from the features layer: a clustering's result says which prepared columns it was fitted on.
import type { PreparedColumn } from '../../features/prepareClusterInput';
import type { TransformerJSON } from '../../features/transformers/Transformer';
import type { ClusterAlgorithm } from '../clusterers';
import type { KPrototypesGammaRule } from '../kprototypes/KPrototypesGammaRule';
import type { ModelSelectionResult } from '../selection/selectK';
import type { StabilityResult } from '../selection/stability';
import type { RunMatching } from './matchPreviousRun';

export const CLUSTER_RESULT_SCHEMA_VERSION = 1;

/** One segment of the run: its persistent id, size and where it sits, in original units. */
export interface SegmentSummary {
  /** Segment id: persists across runs when `cluster.previous` is set (matched on centroids). */
  id: number;
  size: number;
  share: number;
  /** The segment's centre mapped back to original units (through inverse scaling and expm1). */
  centroid: Record<string, number>;
  /** Mean and median of each feature over the segment's customers, original units, missing values left out. */
  mean: Record<string, number | null>;
  median: Record<string, number | null>;
}

/** What the categorical part of a k-prototypes run was and did: for the review. */
export interface KPrototypesSummary {
  /** Categorical columns used beside the numeric features. */
  categorical: string[];
  /** Cost of one categorical mismatch, and where it came from (a rule applied to the data, or cluster.gamma). */
  gamma: number;
  gammaRule: KPrototypesGammaRule | 'given';
  /** Each part's share of the final cost (they sum to 1). */
  costShare: { numeric: number; categorical: number };
  /** Share of each part's dispersion (its cost with one segment of everyone) that the segments remove. */
  explained: { numeric: number; categorical: number };
  /** Customers whose segment is not the nearest on the numeric features alone (0: the categories changed nothing). */
  movedByCategorical: number;
  /** Per segment id, the mode (most frequent value) of every categorical column. */
  modes: { segment: number; values: Record<string, string> }[];
}

export interface ClusterSample {
  rows: number;
  size: number;
  seed: number;
  usedFor: ('selection' | 'stability')[];
  /** Largest 95% margin of a share estimated on the sample, as a share (0.0044 = ±0.44 points). */
  shareMargin95: number;
  text: string;
}

/**
 * The clustering was fitted on a seeded sample that came back from an engine, and every customer was
 * assigned there (engine: clickhouse above cluster.engineSample customers).
 */
export interface EngineAssignmentSummary {
  engine: 'clickhouse';
  /** Customers assigned on the engine (assignments.csv). */
  customers: number;
  /** Customers in the sample the model was fitted on (cluster.json's rows, labels and segment summaries). */
  sampleSize: number;
  seed: number;
  /** Customers per segment id over every customer, in the order of `segments`. */
  sizes: { segment: number; size: number; share: number }[];
  /** Sample customers whose engine label differs from the fitted label (only near ties can: LN(1 + x) for log1p). */
  sampleDisagreements: number;
  /** The statement every shard ran. */
  file: string;
  text: string;
}

/** What the cluster stage found: written to cluster.json and handed to later stages. */
export interface ClusterResult {
  schemaVersion: typeof CLUSTER_RESULT_SCHEMA_VERSION;
  algorithm: ClusterAlgorithm;
  k: number;
  /** How k was set: from the config, or recommended by the sweep. */
  kSource: 'config' | 'auto' | 'algorithm';
  rows: number;
  features: PreparedColumn[];
  categorical: string[];
  notes: string[];
  segments: SegmentSummary[];
  /** Rows labelled noise (-1, DBSCAN only). */
  noise: { count: number; share: number };
  selection: ModelSelectionResult | null;
  stability: StabilityResult | null;
  /**
   * When the choice of k and the stability were computed on a seeded sample of the customers (more than
   * cluster.selectionSample of them): its size, seed, what it was used for, and the 95% margin of a
   * segment's share measured on it (1.96 · √(0.25 / size), the widest). Absent or null: on all rows.
   */
  sample?: ClusterSample | null;
  /** Fitted on an engine's seeded sample, every customer assigned on the engine; absent or null: fitted and assigned here. */
  engineAssignment?: EngineAssignmentSummary | null;
  /** k-prototypes only (null otherwise): categoricals, gamma, cost shares and modes. */
  kprototypes: KPrototypesSummary | null;
  /** Why the review's map (2-D projection) and stability sections have nothing to show; null when they have. */
  absent: { projection: string | null; stability: string | null };
  /**
   * How segment ids were matched to a previous run (null without `cluster.previous`): `matches[].current` and
   * `newClusters[].current` are published segment ids; `mapping[c]` is the id of the fitted model's cluster c.
   * A pair farther apart than `maxDistance` (cluster.matchMaxDistance × spread) is no match.
   */
  matching: RunMatching | null;
  /** DBSCAN's eps (chosen or configured). */
  eps: number | null;
  preprocessing: TransformerJSON[];
  /** The fitted model on prepared features, as saved JSON (predict new customers after the same preprocessing). */
  model: { schemaVersion: number; kind: string; [key: string]: unknown };
  /** Segment id per customer, in customer_id order (as assignments.csv). */
  labels: number[];
}
