import type { ClusterAlgorithm } from '../cluster/ClusterModel';
import type { ClusterMatching } from '../cluster/matching';
import type { ModelSelectionResult } from '../cluster/selectK';
import type { StabilityResult } from '../cluster/stability';
import type { TransformerJSON } from '../features/transformers/Transformer';
import type { PreparedClusterInput } from './prepareClusterInput';

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

/** What the cluster stage found: written to cluster.json and handed to later stages. */
export interface ClusterResult {
  schemaVersion: typeof CLUSTER_RESULT_SCHEMA_VERSION;
  algorithm: ClusterAlgorithm;
  k: number;
  /** How k was set: from the config, or recommended by the sweep. */
  kSource: 'config' | 'auto' | 'algorithm';
  rows: number;
  features: PreparedClusterInput['columns'];
  categorical: string[];
  notes: string[];
  segments: SegmentSummary[];
  /** Rows labelled noise (-1, DBSCAN only). */
  noise: { count: number; share: number };
  selection: ModelSelectionResult | null;
  stability: StabilityResult | null;
  /** How segment ids were matched to a previous run (null without `cluster.previous`). */
  matching: (ClusterMatching & { previousRun: string }) | null;
  /** DBSCAN's eps (chosen or configured). */
  eps: number | null;
  preprocessing: TransformerJSON[];
  /** The fitted model on prepared features, as saved JSON (predict new customers after the same preprocessing). */
  model: { schemaVersion: number; kind: ClusterAlgorithm; [key: string]: unknown };
  /** Segment id per customer, in customer_id order (as assignments.csv). */
  labels: number[];
  seconds: { selection: number; fit: number; stability: number };
}
