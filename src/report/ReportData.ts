import type { ExperimentSummary } from '../experiments/experimentSummarySchema';
import type { SelectionCriterion, SelectionMetric, SelectionRuleName, StructureVerdict } from '../cluster/selection/selectK';
import type { KPrototypesFacts } from '../cluster/summary/kprototypesFacts';
import type { Projection2D } from '../decomposition/projectSample';
import type { Locale } from '../core/Locale';
import type { DriftReport } from '../drift/DriftResult';
import type { PersonaResult, SizeChange } from '../personas/PersonaResult';
import type { PredictionSummary } from './PredictionSummary';
import type { ValueSummary } from './ValueSummary';

/**
 * Everything the quarterly segment review shows, already computed: the report renders this and
 * computes nothing. Built by pipeline/assembleReport (from a run) and saved next to the report.
 * It holds aggregates and a bounded sample only, so its size does not grow with the customer base.
 */
export const REPORT_DATA_SCHEMA_VERSION = 3;

export interface SelectionCurves {
  ks: number[];
  /** Every measure of the registered k-selection criteria (inertia, silhouette, …, gap and its error bar gapS), one value per k. */
  metrics: Record<SelectionMetric, (number | null)[]>;
  /** Whether each k met the business limits (minimum segment share, maximum segments). */
  eligible: boolean[];
  recommendedK: number | null;
  /** The rule in English words (cluster.json); reports translate `ruleName`. */
  rule: string;
  ruleName: SelectionRuleName;
  /** English sentences (cluster.json); reports in other languages use votes, limits and structure. */
  reasons: string[];
  votes: { criterion: SelectionCriterion; k: number | null }[];
  limits: { minShare: number; maxShare: number; maxSegments: number };
  /** Natural groups or a partition for action (rule structure-first); null for the other rules. */
  structure: StructureVerdict | null;
}

/** Why a section of the review has nothing to show, as a code every language can say. */
export type AbsentReason = 'mixedFeatures' | 'fewFeatures' | 'disabled' | 'notComputed';

export type { KPrototypesFacts };

export interface StabilitySummary {
  resamples: number;
  meanJaccard: number;
  meanAri: number;
  /** Per shown segment (suppressed segments are left out). */
  segments: { id: number; meanJaccard: number | null; verdict: string }[];
}

/** A seeded sample of customers in 2-D (PCA of the clustering features), segment ids only: no customer id. */
/** Customers in 2-D (decomposition's seeded PCA sample of the shown segments). */
export type ProjectionSample = Projection2D;

export interface QualitySummary {
  tables: {
    table: string;
    rows: number;
    columns: number;
    /** Columns with missing values, largest share first. */
    missing: { column: string; share: number }[];
    duplicateRows: number | null;
  }[];
  /** Warnings raised while loading (excluded rows, future dates, …) as sentences. */
  warnings: string[];
}

export interface ReportData {
  schemaVersion: typeof REPORT_DATA_SCHEMA_VERSION;
  locale: Locale;
  title: string;
  runId: string;
  /** The instant features were computed as of (ISO date). */
  asOf: string;
  seglabVersion: string;
  clustering: {
    algorithm: string;
    k: number;
    kSource: 'config' | 'auto' | 'algorithm';
    features: string[];
    selection: SelectionCurves | null;
    stability: StabilitySummary | null;
    /** k-prototypes only: what the categorical part did (modes of shown segments, small counts suppressed). */
    kprototypes: KPrototypesFacts | null;
    /** Why the map or the stability section is empty (null when it has something to show). */
    absent: { projection: AbsentReason | null; stability: AbsentReason | null };
  };
  personas: PersonaResult;
  projection: ProjectionSample | null;
  quality: QualitySummary | null;
  /** The churn / propensity model's section (absent when the run has no models stage). */
  prediction?: PredictionSummary;
  /** Experiments read back from `seglab ab` results (report.experiments): absent or empty = no experiments section. */
  experiments?: ExperimentSummary[];
  /** Customer value per segment from the clv stage (absent when the run has none, or no segments). */
  value?: ValueSummary;
  /** What changed since the reference run (the drift stage, or drift.json read back): the review's "What changed" section, first; absent without one. */
  drift?: DriftReport;
  /**
   * Every feature column's name for readers in the locale (report.labels first, then seglab's own names), for
   * sections that print columns no persona trait names (a drifting orders_30d when traits keep another window).
   */
  featureLabels?: Record<string, string>;
  /** Present when a previous run is given: sizes side by side, segments matched by their centres. */
  changes: {
    previousRunId: string;
    previousAsOf: string | null;
    alertThreshold: number;
    /** Every matched pair has one id in both runs and no new id was an earlier segment's (the run was clustered with this previous run). */
    idsKept: boolean;
    /** The matching's cutoff in spreads (cluster.matchMaxDistance). */
    matchMaxDistance: number;
    segments: SizeChange[];
  } | null;
}
