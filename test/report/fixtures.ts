import type { Locale } from '../../src/core/Locale';
import type { ExperimentSummary } from '../../src/experiments/experimentSummarySchema';
import { PERSONA_RESULT_SCHEMA_VERSION, type KpiDefinition, type KpiValues, type PersonaResult, type SegmentEntry, type SegmentPersona } from '../../src/personas/PersonaResult';
import type { ValueSummary } from '../../src/report/ValueSummary';
import type { PredictionSummary } from '../../src/report/PredictionSummary';
import { REPORT_DATA_SCHEMA_VERSION, type ReportData } from '../../src/report/ReportData';

/** Markup that must render as visible text everywhere it appears. */
export const PAYLOAD = '</script><img src=x onerror=alert(1)>';

/**
 * Everything known about the suppressed segment (id 3). None of it may appear in a report: the
 * fixture plants these values where a careless renderer would print them (changes, stability,
 * projection, RFM grid, the suppression reason).
 */
export const SECRET = {
  id: 3,
  name: 'Secret segment name',
  reason: 'REASON-MARKER fewer than 30 customers (12)',
  previousSize: 97531,
  previousShare: 0.04321,
  jaccard: 0.4321,
  x: 7.7771,
  y: -8.8881,
} as const;

const KPI_LABELS: Record<string, Record<Locale, string>> = {
  customers: { en: 'Customers', fr: 'Clients' },
  share: { en: 'Share of customers', fr: 'Part des clients' },
  revenuePerCustomer: { en: 'Revenue per customer', fr: 'Chiffre d’affaires par client' },
  aov: { en: 'Average order value', fr: 'Panier moyen' },
  frequency: { en: 'Orders per customer', fr: 'Commandes par client' },
  recency: { en: 'Days since last order', fr: 'Jours depuis la dernière commande' },
  discountShare: { en: 'Orders with a discount', fr: 'Commandes avec remise' },
};

function kpiDefinitions(locale: Locale): KpiDefinition[] {
  const def = (key: KpiDefinition['key'], unit: KpiDefinition['unit'], aggregate: KpiDefinition['aggregate'], source: string[], higherIsBetter: boolean | null): KpiDefinition => ({
    key,
    label: KPI_LABELS[key]![locale],
    unit,
    aggregate,
    source,
    description: locale === 'en' ? `How ${key} is computed: ${aggregate} of ${source.join(', ')}.` : `Calcul de ${key} : ${aggregate} de ${source.join(', ')}.`,
    higherIsBetter,
  });
  return [
    def('customers', 'count', 'count', ['customer_id'], null),
    def('share', 'share', 'share', ['customer_id'], null),
    def('revenuePerCustomer', 'currency', 'mean', ['monetary_total'], true),
    def('aov', 'currency', 'ratioOfSums', ['monetary_total', 'frequency'], true),
    def('frequency', 'orders', 'mean', ['frequency'], true),
    def('recency', 'days', 'median', ['recency_days'], false),
    def('discountShare', 'share', 'mean', ['discount_share'], null),
  ];
}

interface SegmentSpec {
  id: number;
  name: string;
  size: number;
  share: number;
  /** Numeric traits: feature, label, stdDiff. */
  traits: [string, string, number][];
  categorical?: { feature: string; label: string; value: string };
}

function persona(spec: SegmentSpec, locale: Locale): SegmentPersona {
  const en = locale === 'en';
  const kpis: KpiValues = {
    customers: spec.size,
    share: spec.share,
    revenuePerCustomer: 120 + spec.id * 85.5,
    aov: 42.5 + spec.id,
    frequency: 2.8 - spec.id * 0.4,
    recency: 30 + spec.id * 90,
    discountShare: 0.2 + spec.id * 0.1,
  };
  return {
    id: spec.id,
    suppressed: false,
    name: spec.name,
    archetype: 'loyalRegulars',
    activity: 'active',
    customName: false,
    size: spec.size,
    share: spec.share,
    kpis,
    traits: {
      numeric: spec.traits.map(([feature, label, stdDiff]) => {
        // plausible means for the unit: days around 90, shares around 20%, counts around 4
        const unit = feature.endsWith('_days') ? 'days' : feature.includes('share') || feature.includes('rate') ? 'share' : null;
        const [baseMean, baseSd] = unit === 'days' ? [90, 40] : unit === 'share' ? [0.2, 0.1] : [4, 1.5];
        const segmentMean = Math.max(baseMean / 10, baseMean + stdDiff * baseSd);
        return { feature, label, unit, segmentMean, baseMean, baseSd, stdDiff, lift: segmentMean / baseMean, direction: stdDiff >= 0 ? ('higher' as const) : ('lower' as const), customers: spec.size };
      }),
      categorical: spec.categorical
        ? [{ ...spec.categorical, valueLabel: spec.categorical.value, count: Math.round(spec.size * 0.4), segmentShare: 0.4, baseShare: 0.2, lift: 2, chi2: 35.2, pValue: 1e-9, pAdjusted: 1e-8 }]
        : [],
    },
    card: {
      tagline: en ? `Tagline of segment ${spec.id}` : `Accroche du segment ${spec.id}`,
      who: en ? 'Long-standing customers, mostly in Paris.' : 'Clients de longue date, surtout à Paris.',
      behaviour: en ? 'They order every six weeks.' : 'Ils commandent toutes les six semaines.',
      values: en ? 'They bring a third of revenue.' : 'Ils apportent un tiers du chiffre d’affaires.',
      channel: en ? 'Mostly the app.' : 'Surtout l’application.',
      timing: en ? 'Weekend evenings.' : 'Le week-end, en soirée.',
      risks: [en ? 'Order frequency is slowing.' : 'La fréquence d’achat ralentit.'],
      apart: en ? 'What sets them apart: orders 6.1 on average (base: 4).' : 'Ce qui les distingue : commandes 6,1 en moyenne (base : 4).',
      actionsNote: null,
      actions: [
        {
          id: 'loyaltyProgramme',
          title: en ? 'Loyalty programme' : 'Programme de fidélité',
          description: en ? 'Reward repeat orders.' : 'Récompenser les commandes répétées.',
          reason: en ? 'Frequency 2.8 orders per customer, 40% above the base.' : 'Fréquence de 2,8 commandes par client, 40 % au-dessus de la moyenne.',
        },
      ],
    },
  };
}

/** Three shown segments and one suppressed, in the given locale, with a previous run to compare with. */
export function reportFixture(locale: Locale): ReportData {
  const en = locale === 'en';
  const currency = 'EUR';
  const specs: SegmentSpec[] = [
    {
      id: 0,
      name: en ? 'Loyal regulars' : 'Fidèles réguliers',
      size: 5000,
      share: 0.5,
      traits: [
        ['frequency', en ? 'Orders (all time)' : 'Commandes (total)', 1.42],
        ['recency_days', en ? 'Days since last order' : 'Jours depuis la dernière commande', -0.87],
        ['email_open_rate', `Open rate ${PAYLOAD}`, 0.55],
      ],
      categorical: { feature: 'device', label: en ? 'Device' : 'Appareil', value: 'mobile' },
    },
    {
      id: 1,
      name: PAYLOAD,
      size: 3738,
      share: 0.3738,
      traits: [
        ['discount_share', en ? 'Orders with a discount' : 'Commandes avec remise', 1.9],
        ['frequency', en ? 'Orders (all time)' : 'Commandes (total)', 0.3],
      ],
      categorical: { feature: 'city', label: en ? 'City' : 'Ville', value: `Lyon ${PAYLOAD}` },
    },
    {
      id: 2,
      name: en ? 'Promo | *hunters* _x_ [link](y)' : 'Chasseurs | *de promos* _x_ [lien](y)',
      size: 1250,
      share: 0.125,
      traits: [
        ['recency_days', en ? 'Days since last order' : 'Jours depuis la dernière commande', 2.1],
        ['frequency', en ? 'Orders (all time)' : 'Commandes (total)', -1.2],
      ],
    },
  ];
  const segments: SegmentEntry[] = [...specs.map((s) => persona(s, locale)), { id: SECRET.id, suppressed: true, reason: SECRET.reason }];
  const personas: PersonaResult = {
    schemaVersion: PERSONA_RESULT_SCHEMA_VERSION,
    locale,
    minGroupSize: 30,
    alpha: 0.05,
    currency,
    base: {
      customers: 10000,
      segmentsShown: 3,
      segmentsSuppressed: 1,
      suppressedCustomers: null,
      noise: null,
      kpis: { customers: 10000, share: 1, revenuePerCustomer: 1234.5, aov: 45.2, frequency: 2.1, recency: 75, discountShare: 0.25 },
    },
    kpiDefinitions: kpiDefinitions(locale),
    segments,
    rfm: {
      rScores: [1, 2, 3, 4, 5],
      fScores: [1, 2, 3, 4, 5],
      counts: [
        [410, 380, null, 120, 95],
        [395, 402, 388, 210, 150],
        [300, 350, 402, 399, 220],
        [180, 250, 390, 415, 404],
        [null, 160, 300, 420, 480],
      ],
      dominantSegment: [
        [2, 2, null, 1, SECRET.id],
        [2, 1, 1, 1, 0],
        [1, 1, 1, 0, 0],
        [1, 0, 0, 0, 0],
        [null, 0, 0, 0, 0],
      ],
    },
    notes: [en ? `Note with markup ${PAYLOAD}` : `Remarque avec balisage ${PAYLOAD}`, en ? 'Churn risk left out: no churn column.' : 'Risque d’attrition omis : aucune colonne d’attrition.'],
  };
  const n = 60;
  return {
    schemaVersion: REPORT_DATA_SCHEMA_VERSION,
    locale,
    title: en ? 'Segment review 2026-Q2' : 'Revue des segments T2 2026',
    runId: 'sample-2026-07-01-abc123',
    asOf: '2026-07-01',
    seglabVersion: '0.1.0',
    clustering: {
      algorithm: 'kmeans',
      k: 4,
      kSource: 'auto',
      features: ['recency_days', 'orders_90d', 'monetary_avg'],
      selection: {
        ks: [2, 3, 4, 5, 6],
        metrics: {
          inertia: [900.123456, 700.5, 520.25, 480.1, 450.7],
          silhouette: [0.31234567, 0.35, 0.41, 0.38, 0.33],
          calinskiHarabasz: [1500.5, 1720.25, 1910.75, 1800.1, 1650.9],
          daviesBouldin: [1.2, 1.05, 0.92, 0.98, 1.1],
          bic: [null, null, null, null, null],
          aic: [null, null, null, null, null],
          gap: [0.5, 0.62, 0.71, 0.7, 0.69],
          gapS: [0.02, 0.02, 0.021, 0.022, 0.02],
        },
        eligible: [true, true, true, true, false],
        recommendedK: 4,
        rule: 'structure-first',
        ruleName: 'structure-first',
        reasons: [`gap statistic: smallest k with gap(k) >= gap(k+1) - s(k+1) is 4 ${PAYLOAD}`, 'silhouette agrees'],
        votes: [
          { criterion: 'elbow', k: 4 },
          { criterion: 'silhouette', k: 4 },
          { criterion: 'calinskiHarabasz', k: 4 },
          { criterion: 'daviesBouldin', k: 4 },
          { criterion: 'bic', k: null },
          { criterion: 'gap', k: 5 },
        ],
        limits: { minShare: 0.03, maxShare: 0.5, maxSegments: 12 },
        structure: { found: false, check: { code: 'unstable', k: 5, stability: 0.71, threshold: 0.75 }, text: 'unstable (English text)', preferredK: [4, 6] },
      },
      stability: {
        resamples: 20,
        meanJaccard: 0.78,
        meanAri: 0.81,
        segments: [
          { id: 0, meanJaccard: 0.91, verdict: 'stable' },
          { id: 1, meanJaccard: 0.68, verdict: 'patterns' },
          { id: 2, meanJaccard: 0.55, verdict: 'doubtful' },
          // a careless producer left the suppressed segment in: the report must drop it
          { id: SECRET.id, meanJaccard: SECRET.jaccard, verdict: 'dissolved' },
        ],
      },
      kprototypes: null,
      absent: { projection: null, stability: null },
    },
    personas,
    projection: {
      method: 'pca',
      explained: [0.412, 0.187],
      x: [...Array.from({ length: n }, (_, i) => Math.cos(i) * (1 + (i % 3))), SECRET.x],
      y: [...Array.from({ length: n }, (_, i) => Math.sin(i) * (1 + (i % 3))), SECRET.y],
      segment: [...Array.from({ length: n }, (_, i) => i % 3), SECRET.id],
      sampled: n,
      total: 9988,
    },
    quality: {
      tables: [
        { table: 'customers', rows: 10000, columns: 14, missing: [{ column: 'age', share: 0.12 }, { column: `city ${PAYLOAD}`, share: 0.05 }], duplicateRows: 0 },
        { table: 'transactions', rows: 85000, columns: 9, missing: [], duplicateRows: null },
      ],
      warnings: [en ? '12 rows with a future date were excluded.' : '12 lignes datées dans le futur ont été exclues.'],
    },
    prediction: predictionFixture(),
    experiments: [experimentFixture()],
    value: valueFixture(),
    changes: {
      previousRunId: 'sample-2026-04-01-def456',
      previousAsOf: '2026-04-01',
      alertThreshold: 0.15,
      idsKept: true,
      matchMaxDistance: 1,
      segments: [
        { currentId: 0, previousId: 0, name: null, renamedFrom: null, previousSize: 4800, currentSize: 5000, previousShare: 0.48, currentShare: 0.5, relativeChange: 0.0417, alert: false, status: 'kept' },
        { currentId: 1, previousId: 1, name: null, renamedFrom: null, previousSize: 2900, currentSize: 3738, previousShare: 0.29, currentShare: 0.3738, relativeChange: 0.289, alert: true, status: 'kept' },
        { currentId: 2, previousId: 2, name: null, renamedFrom: null, previousSize: 2000, currentSize: 1250, previousShare: 0.2, currentShare: 0.125, relativeChange: -0.375, alert: true, status: 'kept' },
        {
          currentId: SECRET.id,
          previousId: SECRET.id,
          name: SECRET.name,
          renamedFrom: null,
          previousSize: SECRET.previousSize,
          currentSize: null,
          previousShare: SECRET.previousShare,
          currentShare: null,
          relativeChange: null,
          alert: true,
          status: 'kept',
        },
      ],
    },
  };
}

/** A large review: `segments` shown segments with 10 numeric and 5 categorical traits each, a projection of `points`. */
export function largeReportFixture(segments = 12, points = 5000): ReportData {
  const base = reportFixture('en');
  const shown: SegmentPersona[] = Array.from({ length: segments }, (_, id) => {
    const p = persona(
      {
        id,
        name: `Segment name number ${id}`,
        size: 1000 + id,
        share: 1 / segments,
        traits: Array.from({ length: 10 }, (_, j) => [`feature_${j}`, `Feature label ${j}`, Math.sin(id * 10 + j) * 2] as [string, string, number]),
      },
      'en',
    );
    p.traits.categorical = Array.from({ length: 5 }, (_, j) => ({
      feature: `cat_${j}`,
      label: `Category ${j}`,
      value: `value ${j}`,
      valueLabel: `value ${j}`,
      count: 300,
      segmentShare: 0.3,
      baseShare: 0.1,
      lift: 3,
      chi2: 40,
      pValue: 1e-10,
      pAdjusted: 1e-9,
    }));
    p.card.actions = [...p.card.actions, ...p.card.actions, ...p.card.actions];
    return p;
  });
  const ks = Array.from({ length: 11 }, (_, i) => i + 2);
  const wave = (f: (k: number) => number | null) => ks.map(f);
  return {
    ...base,
    clustering: {
      ...base.clustering,
      k: segments,
      selection: {
        ...base.clustering.selection!,
        ks,
        metrics: {
          inertia: wave((k) => 1000 / k),
          silhouette: wave((k) => 0.3 + Math.sin(k) / 10),
          calinskiHarabasz: wave((k) => 1500 + 100 * Math.cos(k)),
          daviesBouldin: wave((k) => 1 + Math.sin(k) / 5),
          bic: wave(() => null),
          aic: wave(() => null),
          gap: wave((k) => 0.5 + Math.log(k) / 10),
          gapS: wave(() => 0.02),
        },
        eligible: ks.map(() => true),
        recommendedK: segments,
      },
      stability: { resamples: 20, meanJaccard: 0.8, meanAri: 0.8, segments: shown.map((s) => ({ id: s.id, meanJaccard: 0.5 + s.id / 30, verdict: 'stable' })) },
    },
    personas: { ...base.personas, segments: shown, base: { ...base.personas.base, segmentsShown: segments, segmentsSuppressed: 0 } },
    projection: {
      method: 'pca',
      explained: [0.4, 0.2],
      x: Array.from({ length: points }, (_, i) => Math.cos(i * 0.37) * 3.123456789),
      y: Array.from({ length: points }, (_, i) => Math.sin(i * 0.73) * 2.987654321),
      segment: Array.from({ length: points }, (_, i) => i % segments),
      sampled: points,
      total: 250_000,
    },
    changes: {
      ...base.changes!,
      segments: shown.map((s) => ({ currentId: s.id, previousId: s.id, name: s.name, renamedFrom: null, previousSize: 900, currentSize: s.size, previousShare: 0.08, currentShare: s.share, relativeChange: 0.04, alert: false, status: 'kept' as const })),
    },
  };
}

const ci = (estimate: number, low: number, high: number) => ({ estimate, low, high, level: 0.95 });

/** A churn model's section: one shown segment, and the suppressed one planted where a careless renderer would print it. */
export function predictionFixture(): PredictionSummary {
  return {
    label: { en: 'Churn within 90 days', fr: 'Départ sous 90 jours' },
    isRisk: true,
    family: 'hist-gradient-boosting',
    chosenBy: 'auto',
    validation: 'out-of-time',
    evaluatedRows: 12345,
    baseRate: 0.2,
    metrics: { rocAuc: ci(0.8123, 0.8011, 0.8234), prAuc: ci(0.5, 0.48, 0.52), brier: ci(0.12, 0.11, 0.13) },
    expectedCalibrationError: 0.0123,
    lift: Array.from({ length: 10 }, (_, i) => ({ decile: i + 1, rate: 0.5 - i * 0.04, lift: (0.5 - i * 0.04) / 0.2, cumulativeGain: Math.min(1, (i + 1) * 0.18) })),
    calibration: [0.05, 0.15, 0.3, 0.6].map((p) => ({ meanPredicted: p, observed: p * 1.1, count: 100 })),
    budget: { share: 0.1, fraction: 0.1, threshold: 0.45, precision: 0.5, recall: 0.25 },
    drivers: [{ feature: 'recency_days', label: `Days since last order ${PAYLOAD}`, importance: 0.0812, sd: 0.004 }],
    segments: [
      { id: 0, customers: 5000, meanScore: 0.1, expected: 500, drivers: ['Orders (all time)'] },
      { id: SECRET.id, customers: 12, meanScore: 0.987654, expected: 11.85, drivers: ['secret driver'] },
    ],
  };
}

const arm = (variant: string, customers: number) => ({ variant, customers });
/** An A/B test result as `seglab ab` writes it: two tested segments, one too small (named with the payload). */
export function experimentFixture(): ExperimentSummary {
  return {
  experiment: 'email-offer',
  metric: 'conversion',
  control: 'control',
  treatment: 'offer',
  alpha: 0.05,
  overall: { segment: null, treatment: arm('offer', 500), control: arm('control', 500), difference: 0.062, interval: { low: 0.018, high: 0.106 }, relativeLift: 0.525, liftInterval: { low: 0.124, high: 1.059 }, pValue: 0.0059, adjustedPValue: 0.0059, significant: true, verdict: 'roll-out' },
  segments: [
    { segment: 'Loyal regulars', treatment: arm('offer', 250), control: arm('control', 250), difference: 0.016, interval: { low: -0.047, high: 0.079 }, relativeLift: 0.114, liftInterval: { low: -0.268, high: 0.69 }, pValue: 0.6144, adjustedPValue: 0.6144, significant: false, verdict: 'stop' },
    { segment: 'Promo hunters', treatment: arm('offer', 250), control: arm('control', 250), difference: 0.108, interval: { low: 0.046, high: 0.17 }, relativeLift: 1.125, liftInterval: { low: 0.351, high: 2.29 }, pValue: 0.0007, adjustedPValue: 0.0014, significant: true, verdict: 'roll-out' },
    { segment: PAYLOAD, treatment: arm('offer', 12), control: arm('control', 11), difference: null, interval: { low: null, high: null }, relativeLift: null, liftInterval: { low: null, high: null }, pValue: null, adjustedPValue: null, significant: false, verdict: 'too-small', neededPerVariant: 230 },
  ],
  heterogeneity: { q: 4.22, pValue: 0.0399 },
  warnings: [],
  };
}

/** The value section (clv stage): three shown segments, and the suppressed one planted with numbers a careless renderer would print. */
export function valueFixture(): ValueSummary {
  const seg = (id: number, customers: number, customerShare: number, valueShare: number, meanClv: number, meanPAlive: number, highValueLeaving: number) => ({
    id,
    customers,
    withClv: customers,
    customerShare,
    totalClv: meanClv * customers,
    valueShare,
    meanClv,
    meanPAlive,
    meanExpectedPurchases: 2.5,
    highValueLeaving,
  });
  return {
    model: 'bg-nbd',
    horizon: 12,
    discount: 0.01,
    customers: 9500,
    repeatBuyers: 6100,
    params: { r: 0.25, alpha: 4.4, a: 0.79, b: 2.4 },
    correlation: 0.41,
    correlationWarning: true,
    totalClv: 1_234_567,
    highValue: { share: 0.2, leavingBelow: 0.5 },
    segments: [seg(0, 5000, 0.5, 0.2, 48.5, 0.61, 0), seg(1, 3000, 0.3, 0.7, 287.25, 0.9, 412), seg(2, 1988, 0.1988, 0.0999, 62, 0.33, 7), seg(SECRET.id, 12, 0.0012, 0.000123, 987.654, 0.123, 9)],
  };
}
