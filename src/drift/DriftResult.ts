/**
 * The typed results of the drift layer (issue 16): what changed between a reference run (last quarter) and a
 * current run. Calculation files return these; report/ and viz/ render them; pipeline/ writes them as drift.json.
 * Only aggregates live here (no customer ids), so a result can go into a review as it is.
 */

/** What kind of column a test takes: numbers, categories, or a 0/1 flag. */
export type DriftColumnKind = 'numeric' | 'categorical' | 'binary';

/** The registered per-feature drift tests (one file each in src/drift/). */
export type DriftTestName = 'ks' | 'chi-square' | 'z-test' | 'psi' | 'jensen-shannon' | 'wasserstein';

/** A p-value test drifts when its p-value is below the threshold; a distance when it exceeds the threshold by more than 1.96 sampling errors (FeatureDrift.samplingError). */
export type DriftStatisticKind = 'p-value' | 'distance';

/** A two-sided interval at a stated level (0.95 = 95%). */
export interface DriftInterval {
  low: number;
  high: number;
  level: number;
}

/** Shares per bin of one column in both periods, on the reference's bins: the small before/after chart. */
export interface DriftDistribution {
  /** Bin labels: "[a, b)" for numbers (reference quantile edges), the level for categories ("other" pools rare levels). */
  bins: string[];
  reference: number[];
  current: number[];
}

/** One column compared between the two periods. */
export interface FeatureDrift {
  column: string;
  kind: DriftColumnKind;
  test: DriftTestName;
  statisticKind: DriftStatisticKind;
  /** The test's statistic (KS D, chi-square, z, PSI, JS distance, normed Wasserstein). */
  statistic: number;
  /** p-value tests only; null for distances. */
  pValue: number | null;
  threshold: number;
  drifted: boolean;
  /** Rows compared after dropping missing values (after sampling, when sampled). */
  referenceRows: number;
  currentRows: number;
  /** Missing share in each period (a column that empties out is drift too, said beside the test). */
  referenceMissing: number;
  currentMissing: number;
  /** Effect size shown beside every test: the normed Wasserstein distance (numeric/binary) or JS distance (categorical). */
  effectSize: number;
  /** Why this test was chosen: 'auto-small' | 'auto-large' | 'override'. */
  chosenBy: 'auto-small' | 'auto-large' | 'override';
  distribution: DriftDistribution;
  /**
   * Distances only (added by drift-a): the statistic's standard error at its value and these row counts. A
   * distance drifts only when statistic − 1.96 × samplingError exceeds the threshold, so noise alone does not tip it over.
   */
  samplingError?: number;
}

export interface FeatureDriftResult {
  features: FeatureDrift[];
  driftedColumns: number;
  /** Share of compared columns that drifted, and whether it reaches the data-set threshold (default 0.5). */
  driftedShare: number;
  datasetDriftShare: number;
  datasetDrift: boolean;
  /** Rows each side was sampled to (null = all rows), with the seed. */
  sample: { rows: number; seed: number } | null;
}

/** Segment sizes this quarter against last quarter's shares. */
export interface SegmentSizeShift {
  /** Chi-square goodness of fit of current counts against the reference shares (matched segments). */
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  segments: Array<{
    /** Current segment id (null = gone) and reference id (null = new). */
    currentId: number | null;
    referenceId: number | null;
    name: string | null;
    referenceCustomers: number;
    currentCustomers: number;
    referenceShare: number;
    currentShare: number;
    /** currentShare − referenceShare, with its interval. */
    shareChange: number;
    shareChangeInterval: DriftInterval;
  }>;
  /** Why segments are left out of the test (new here, gone there), in words; absent when none are. */
  notes?: string[];
}

/** A key figure of the review that moved more than the alert threshold (users' rule: 15%). */
export interface KpiAlert {
  /** null = all customers. */
  segmentId: number | null;
  segmentName: string | null;
  figure: 'size' | 'revenue-share' | 'aov' | 'churn-risk' | 'clv';
  reference: number;
  current: number;
  /** (current − reference) / |reference|. */
  relativeChange: number;
  threshold: number;
}

/** Where customers went between the runs (ids matched as the cluster stage matches them). */
export interface MigrationMatrix {
  /** Reference segment ids (rows) and current segment ids (columns), in the order of `counts`. */
  referenceIds: number[];
  currentIds: number[];
  /** counts[i][j]: customers in reference segment i and current segment j. */
  counts: number[][];
  /** Customers only in the current run, per current segment; only in the reference, per reference segment. */
  newCustomers: number[];
  lostCustomers: number[];
  /** In both runs but in no segment last quarter (e.g. inactive then), now in one: per current segment. */
  cameBack: number[];
  stayed: number;
  moved: number;
  totalReference: number;
  totalCurrent: number;
  /** The biggest flows between different segments, largest first. */
  biggestFlows: Array<{ fromId: number; toId: number; customers: number; shareOfFrom: number }>;
}

/** Is a segment still the same kind of customer? Its members' features compared, and its centre's move. */
export interface SegmentDrift {
  referenceId: number;
  currentId: number;
  name: string | null;
  /** Distance between the two centres in units of the segment's spread (typical distance of a member to its centre). */
  centreDistance: number;
  features: FeatureDriftResult;
}

/** The last validated rule bundle applied to this quarter's features. */
export interface RuleDrift {
  bundleVersion: string;
  /** Share of customers a rule (not the fallback) assigns, and the fallback's share. */
  coverage: number;
  fallbackShare: number;
  /** Share of customers whose rule segment equals this quarter's cluster (after matching). */
  agreement: number;
  /** The fidelity the bundle was validated with, and its gate. */
  validatedFidelity: number | null;
  fidelityGate: number;
  needsRevalidation: boolean;
}

/** A score column (churn, propensity, CLV) compared by PSI. */
export interface ScoreDrift {
  column: string;
  psi: number;
  threshold: number;
  drifted: boolean;
  distribution: DriftDistribution;
}

/** Everything `seglab drift <reference-run> <current-run>` and the drift stage report. */
export interface DriftReport {
  schemaVersion: 1;
  referenceRunId: string;
  currentRunId: string;
  referenceAsOf: string | null;
  currentAsOf: string | null;
  alertThreshold: number;
  /** The current run's report.minGroupSize: drift.md and the review blank counts of fewer customers (absent in older files: 0). */
  minGroupSize?: number;
  features: FeatureDriftResult;
  sizeShift: SegmentSizeShift | null;
  alerts: KpiAlert[];
  migration: MigrationMatrix | null;
  segments: SegmentDrift[];
  rules: RuleDrift | null;
  scores: ScoreDrift[];
  /** What could not be compared and why (no migration without common ids, no rule bundle, small segments), in words; absent when nothing. */
  notes?: string[];
}
