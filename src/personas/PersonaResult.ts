import type { Locale } from '../core/Locale';

/** Saved personas (personas.json) start with this; bump it when the shape changes. */
export const PERSONA_RESULT_SCHEMA_VERSION = 2;

/**
 * Key figures per segment. Churn risk and CLV slot in as soon as a column carries them
 * (see KPI_CATALOGUE): a KPI whose source column is absent is left out, never invented.
 */
export const KPI_KEYS = [
  'customers',
  'share',
  'revenueShare',
  'revenuePerCustomer',
  'aov',
  'frequency',
  'recency',
  'tenure',
  'discountShare',
  'cartAbandonment',
  'emailOpenRate',
  'emailClickRate',
  'emailOptIn',
  'responseRate',
  'churnRisk',
  'clv',
  'valueShare',
  'pAlive',
  'outcomeRate',
  'modelScore',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** How a KPI value reads: drives formatting in reports. */
export type KpiUnit = 'count' | 'share' | 'currency' | 'orders' | 'days';

/** How the per-customer column becomes one number per segment. */
export type KpiAggregate = 'count' | 'share' | 'sumShare' | 'mean' | 'median' | 'ratioOfSums';

export interface KpiDefinition {
  key: KpiKey;
  label: string;
  unit: KpiUnit;
  aggregate: KpiAggregate;
  /** Feature column(s) it is computed from (ratioOfSums: numerator, denominator). */
  source: string[];
  /** One sentence: exactly how the number is computed. */
  description: string;
  /** true: higher is better for the business; false: lower is better; null: neither. */
  higherIsBetter: boolean | null;
}

/** KPI values by key; a key is present only when its definition is. null = no non-missing value. */
export type KpiValues = Partial<Record<KpiKey, number | null>>;

/** A numeric feature on which the segment differs from the whole base. */
export interface NumericTrait {
  feature: string;
  /** Human label in the result's locale. */
  label: string;
  unit: string | null;
  segmentMean: number;
  baseMean: number;
  baseSd: number;
  /** (segment mean − base mean) / base standard deviation. Ranked by its absolute value. */
  stdDiff: number;
  /** segment mean / base mean; null when the base mean is 0 or values can be negative. */
  lift: number | null;
  direction: 'higher' | 'lower';
  /** Customers of the segment with a value (the trait rests on them; never below minGroupSize). */
  customers: number;
}

/** A categorical value over-represented in the segment. */
export interface CategoricalTrait {
  feature: string;
  label: string;
  /** The value as in the data. */
  value: string;
  /** The value in the result's locale (known values such as devices and channels are translated). */
  valueLabel: string;
  /** Customers of the segment with this value (never below minGroupSize: smaller cells are suppressed). */
  count: number;
  /** Share of the segment's customers with a known value that have this value. */
  segmentShare: number;
  baseShare: number;
  /** segmentShare / baseShare. */
  lift: number;
  /** Pearson chi-square of the 2×2 table (in segment or not × this value or not), 1 degree of freedom. */
  chi2: number;
  pValue: number;
  /** Bonferroni-adjusted over every value tested for the segment. Significant when < alpha. */
  pAdjusted: number;
}

export const ARCHETYPE_IDS = [
  'champions',
  'highValueLoyal',
  'bigSpendersOccasional',
  'loyalRegulars',
  'promoDriven',
  'newcomers',
  'promisingNewcomers',
  'cartAbandoners',
  'engagedBrowsers',
  'atRisk',
  'lapsedRegulars',
  'lapsedOneTimers',
  'fadingOneTimers',
  'dormant',
  'lowValueOccasional',
  'steadyMidValue',
  'traitProfile',
  'unassigned',
] as const;
/**
 * The kind of customers a segment holds. 'traitProfile': no behavioural archetype applies (data without
 * orders, such as a subscription snapshot); the name is made of the segment's strongest traits.
 */
export type ArchetypeId = (typeof ARCHETYPE_IDS)[number];

export const ACTION_IDS = [
  'vipEarlyAccess',
  'loyaltyProgramme',
  'referralProgramme',
  'crossSell',
  'secondPurchaseNudge',
  'onboardingSeries',
  'reengagementSeries',
  'winBack',
  'sunsetPolicy',
  'valueMessaging',
  'cartRecovery',
  'browseAbandonment',
  'channelShiftApp',
  'preferenceCentre',
  'optInCampaign',
  'bundleOffers',
  'retentionOffer',
  'protectAndGrow',
  'prioritiseOutreach',
  'reduceContactPressure',
  'keepHighValue',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export interface PersonaAction {
  id: ActionId;
  title: string;
  description: string;
  /** Why it is recommended for this segment, with the number that triggered it. */
  reason: string;
}

/** The persona card: plain sentences in the result's locale, generated from KPIs and traits. */
export interface PersonaCard {
  /** One line under the name. */
  tagline: string;
  who: string;
  behaviour: string;
  values: string;
  channel: string;
  timing: string;
  risks: string[];
  /** What sets the segment apart from the base, with the numbers (its strongest traits). */
  apart: string;
  actions: PersonaAction[];
  /** Why no action is recommended, when `actions` is empty (null otherwise). */
  actionsNote: string | null;
}

/**
 * Where a segment stands in its buying cycle, from absolute levels (not from differences to a base that
 * may itself be mostly inactive): 'active' (median time since the last order at most twice the data's
 * usual interval between orders), 'overdue' (beyond that, but most bought in the last 12 months),
 * 'lapsed' (most have not ordered for 12 months), 'noOrders' (most have never ordered).
 */
export const ACTIVITY_STATES = ['active', 'overdue', 'lapsed', 'noOrders'] as const;
export type Activity = (typeof ACTIVITY_STATES)[number];

export interface SegmentPersona {
  id: number;
  suppressed: false;
  name: string;
  archetype: ArchetypeId;
  /** Buying-cycle state behind the name; null when the data has no order dates. */
  activity: Activity | null;
  /** true when `names` in the params set the name. */
  customName: boolean;
  /**
   * The name the segment had in the previous run it was matched to, when it has another one now because its
   * archetype changed (set only when the params give the previous run's names).
   */
  renamedFrom?: string;
  size: number;
  share: number;
  kpis: KpiValues;
  traits: { numeric: NumericTrait[]; categorical: CategoricalTrait[] };
  card: PersonaCard;
}

/**
 * A segment nothing is published about but its id: smaller than minGroupSize ('small'), or hidden as well so
 * that a single small segment's figures cannot be derived from the totals ('complementary').
 */
export interface SuppressedSegment {
  id: number;
  suppressed: true;
  /** Absent in files written before complementary suppression: read as 'small'. */
  why?: 'small' | 'complementary';
  reason: string;
}

export type SegmentEntry = SegmentPersona | SuppressedSegment;

/** Customers by R score × F score (1–5); cells below minGroupSize are null. */
export interface RfmGrid {
  rScores: number[];
  fScores: number[];
  /** counts[r][f] for rScores[r], fScores[f]. */
  counts: (number | null)[][];
  /** The segment holding most of the cell's customers (null when suppressed or the segment is). */
  dominantSegment: (number | null)[][];
}

/** A segment's size now and in the previous run, for segments matched across runs by their centres. */
export interface SizeChange {
  /** Segment id in this run; null when the segment is gone. */
  currentId: number | null;
  /** Its id in the previous run; null when it is new. Equal to currentId when the run kept the previous ids. */
  previousId: number | null;
  /** This run's name (the previous name when gone); null when suppressed. */
  name: string | null;
  /** The previous name of a segment renamed because its profile (archetype) changed; null otherwise. */
  renamedFrom: string | null;
  previousSize: number | null;
  currentSize: number | null;
  previousShare: number | null;
  currentShare: number | null;
  /** currentShare / previousShare − 1; null when either side is missing or suppressed. */
  relativeChange: number | null;
  /** |relativeChange| > alertThreshold, or the segment appeared / disappeared. */
  alert: boolean;
  status: 'kept' | 'new' | 'gone';
}

export interface PersonaResult {
  schemaVersion: typeof PERSONA_RESULT_SCHEMA_VERSION;
  locale: Locale;
  minGroupSize: number;
  /** Significance level of the categorical tests (0.05 = 95%). */
  alpha: number;
  currency: string | null;
  base: {
    customers: number;
    segmentsShown: number;
    segmentsSuppressed: number;
    /** Customers in suppressed segments; null when that total is itself below minGroupSize. */
    suppressedCustomers: number | null;
    /** Customers labelled noise (-1, DBSCAN); null when below minGroupSize. */
    noise: number | null;
    kpis: KpiValues;
  };
  kpiDefinitions: KpiDefinition[];
  /** Ordered by segment id. */
  segments: SegmentEntry[];
  rfm: RfmGrid | null;
  /** Sentences about what was left out or assumed (missing columns, suppressed cells). */
  notes: string[];
  /**
   * Which rate the outcome actions (retention offer, protect and grow, outreach) follow when a model score
   * was given: the score or the data's outcome. Absent without a score.
   */
  actionsFollow?: 'score' | 'outcome';
}
