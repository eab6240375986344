import type { Locale } from '../../src/core/Locale';
import type { DriftDistribution, DriftReport, FeatureDrift, FeatureDriftResult, MigrationMatrix, SegmentSizeShift } from '../../src/drift/DriftResult';
import type { SegmentPersona } from '../../src/personas/PersonaResult';
import type { ReportData } from '../../src/report/ReportData';
import { PAYLOAD, reportFixture, SECRET } from './fixtures';

/**
 * A hand-made DriftReport for reportFixture's segments, shaped like the sample's documented Q1 → Q2 drift:
 * more mobile sign-ups (device), more app orders (app_order_share), promo hunters growing (segment 1),
 * at-risk customers lapsing (segment 2 → 4). The suppressed segment (3) is planted everywhere a careless
 * renderer would print it, and previous-run segment 5 has fewer than 30 customers (23).
 */
export const DRIFT_SECRET = {
  /** Previous-run segment 3 (matched to the suppressed one): its size and its customers who moved to segment 4. */
  referenceSize: 907,
  toLapsed: 22,
  centreDistance: 9.8765,
  /** Previous-run segment 5, too small to publish. */
  smallId: 5,
  smallName: 'Tiny previous segment',
} as const;

const REFERENCE_SIZES: [number, number][] = [
  [0, 4800],
  [1, 2900],
  [2, 2000],
  [3, DRIFT_SECRET.referenceSize],
  [4, 700],
  [DRIFT_SECRET.smallId, 23],
];
const CURRENT_SIZES: [number, number][] = [
  [0, 5000],
  [1, 3738],
  [2, 1250],
  [3, 12],
  [4, 1200],
];

function feature(column: string, kind: FeatureDrift['kind'], test: FeatureDrift['test'], statistic: number, threshold: number, distribution: DriftDistribution, extra: Partial<FeatureDrift> = {}): FeatureDrift {
  const pValueTest = test === 'ks' || test === 'chi-square' || test === 'z-test';
  return {
    column,
    kind,
    test,
    statisticKind: pValueTest ? 'p-value' : 'distance',
    statistic,
    pValue: null,
    threshold,
    drifted: statistic >= threshold,
    referenceRows: 10_000,
    currentRows: 11_000,
    referenceMissing: 0,
    currentMissing: 0,
    effectSize: statistic,
    chosenBy: 'auto-large',
    distribution,
    ...extra,
  };
}

function featureResult(features: FeatureDrift[]): FeatureDriftResult {
  const drifted = features.filter((f) => f.drifted).length;
  return { features, driftedColumns: drifted, driftedShare: drifted / features.length, datasetDriftShare: 0.5, datasetDrift: drifted / features.length >= 0.5, sample: null };
}

function sizeShift(): SegmentSizeShift {
  const refTotal = REFERENCE_SIZES.reduce((a, [, n]) => a + n, 0);
  const curTotal = CURRENT_SIZES.reduce((a, [, n]) => a + n, 0);
  const ref = new Map(REFERENCE_SIZES);
  const cur = new Map(CURRENT_SIZES);
  const ids = [...new Set([...ref.keys(), ...cur.keys()])].sort((a, b) => a - b);
  return {
    chiSquare: 1234.5678,
    degreesOfFreedom: 4,
    pValue: 1e-12,
    segments: ids.map((id) => {
      const rs = (ref.get(id) ?? 0) / refTotal;
      const cs = (cur.get(id) ?? 0) / curTotal;
      return {
        currentId: cur.has(id) ? id : null,
        referenceId: ref.has(id) ? id : null,
        name: id === 3 ? SECRET.name : id === DRIFT_SECRET.smallId ? DRIFT_SECRET.smallName : null,
        referenceCustomers: ref.get(id) ?? 0,
        currentCustomers: cur.get(id) ?? 0,
        referenceShare: rs,
        currentShare: cs,
        shareChange: cs - rs,
        shareChangeInterval: { low: cs - rs - 0.012, high: cs - rs + 0.011, level: 0.95 },
      };
    }),
  };
}

function migration(): MigrationMatrix {
  // rows: previous segments 0..5; columns: current segments 0..4; each row + lost = the previous size
  const counts = [
    [4200, 300, 150, 2, 48],
    [100, 2600, 60, 1, 39],
    [50, 200, 900, 0, 500],
    [0, 0, 0, 9, DRIFT_SECRET.toLapsed],
    [0, 0, 20, 0, 580],
    [0, 5, 3, 0, 0],
  ];
  return {
    referenceIds: [0, 1, 2, 3, 4, 5],
    currentIds: [0, 1, 2, 3, 4],
    counts,
    newCustomers: [600, 600, 100, 0, 11],
    lostCustomers: [100, 100, 350, DRIFT_SECRET.referenceSize - 31, 100, 15],
    cameBack: [50, 33, 17, 0, 0],
    stayed: 4200 + 2600 + 900 + 9 + 580,
    moved: 1500,
    totalReference: 10_423 + DRIFT_SECRET.referenceSize,
    totalCurrent: 11_200,
    biggestFlows: [
      { fromId: 2, toId: 4, customers: 500, shareOfFrom: 0.25 },
      { fromId: 0, toId: 1, customers: 300, shareOfFrom: 0.0625 },
      { fromId: 2, toId: 1, customers: 200, shareOfFrom: 0.1 },
      { fromId: 0, toId: 2, customers: 150, shareOfFrom: 0.03125 },
      { fromId: 1, toId: 0, customers: 100, shareOfFrom: 100 / 2900 },
      { fromId: 3, toId: 4, customers: DRIFT_SECRET.toLapsed, shareOfFrom: DRIFT_SECRET.toLapsed / DRIFT_SECRET.referenceSize },
    ],
  };
}

/** The drifting quarter: what the sample's Q1 → Q2 comparison should say, by hand. */
export function driftReportFixture(): DriftReport {
  const deviceDist = { bins: ['desktop', 'mobile', `tablet ${PAYLOAD}`], reference: [0.35, 0.55, 0.1], current: [0.22, 0.7, 0.08] };
  const appDist = { bins: ['[0, 0.2)', '[0.2, 0.5)', '[0.5, 1]'], reference: [0.5, 0.3, 0.2], current: [0.35, 0.35, 0.3] };
  const flat = { bins: ['[0, 30)', '[30, 90)', '[90, 400]'], reference: [0.3, 0.4, 0.3], current: [0.31, 0.39, 0.3] };
  return {
    schemaVersion: 1,
    referenceRunId: 'sample-2026-04-01-def456',
    currentRunId: 'sample-2026-07-01-abc123',
    referenceAsOf: '2026-04-01',
    currentAsOf: '2026-07-01',
    alertThreshold: 0.15,
    features: featureResult([
      feature('recency_days', 'numeric', 'wasserstein', 0.04, 0.1, flat),
      feature('device', 'categorical', 'jensen-shannon', 0.1234, 0.1, deviceDist),
      feature('app_order_share', 'numeric', 'wasserstein', 0.3125, 0.1, appDist, { referenceMissing: 0.02, currentMissing: 0.05 }),
      feature('frequency', 'numeric', 'ks', 0.021, 0.05, flat, { pValue: 0.4321, drifted: false, effectSize: 0.03, chosenBy: 'override' }),
      feature(`note ${PAYLOAD}`, 'categorical', 'chi-square', 45.6, 0.05, flat, { pValue: 0.0004, drifted: true, effectSize: 0.05, chosenBy: 'override' }),
    ]),
    sizeShift: sizeShift(),
    alerts: [
      { segmentId: 1, segmentName: null, figure: 'size', reference: 2900, current: 3738, relativeChange: 3738 / 2900 - 1, threshold: 0.15 },
      { segmentId: 2, segmentName: null, figure: 'size', reference: 2000, current: 1250, relativeChange: -0.375, threshold: 0.15 },
      { segmentId: 4, segmentName: null, figure: 'size', reference: 700, current: 1200, relativeChange: 1200 / 700 - 1, threshold: 0.15 },
      { segmentId: 3, segmentName: SECRET.name, figure: 'size', reference: DRIFT_SECRET.referenceSize, current: 12, relativeChange: 12 / DRIFT_SECRET.referenceSize - 1, threshold: 0.15 },
      { segmentId: null, segmentName: null, figure: 'aov', reference: 45.2, current: 53.1, relativeChange: 53.1 / 45.2 - 1, threshold: 0.15 },
      { segmentId: 2, segmentName: null, figure: 'churn-risk', reference: 0.3, current: 0.45, relativeChange: 0.5, threshold: 0.15 },
    ],
    migration: migration(),
    segments: [
      { referenceId: 0, currentId: 0, name: null, centreDistance: 0.1, features: featureResult([feature('recency_days', 'numeric', 'wasserstein', 0.02, 0.1, flat)]) },
      { referenceId: 2, currentId: 2, name: null, centreDistance: 0.62, features: featureResult([feature('recency_days', 'numeric', 'wasserstein', 0.4, 0.1, flat), feature('frequency', 'numeric', 'wasserstein', 0.05, 0.1, flat)]) },
      { referenceId: 3, currentId: 3, name: SECRET.name, centreDistance: DRIFT_SECRET.centreDistance, features: featureResult([feature('secret_feature', 'numeric', 'wasserstein', 0.9, 0.1, flat)]) },
    ],
    rules: { bundleVersion: '2026-04-01.1', coverage: 0.91, fallbackShare: 0.09, agreement: 0.78, validatedFidelity: 0.88, fidelityGate: 0.85, needsRevalidation: true },
    scores: [
      { column: 'churn_score', psi: 0.2734, threshold: 0.25, drifted: true, distribution: { bins: ['[0, 0.1)', '[0.1, 0.3)', '[0.3, 1]'], reference: [0.5, 0.3, 0.2], current: [0.3, 0.35, 0.35] } },
      { column: 'clv', psi: 0.05, threshold: 0.25, drifted: false, distribution: flat },
    ],
  };
}

/** A run compared with itself: every test at its null, a diagonal migration, nothing new or lost. */
export function identicalDriftReport(): DriftReport {
  const d = driftReportFixture();
  const still = (f: FeatureDrift): FeatureDrift => ({ ...f, statistic: 0, pValue: f.pValue === null ? null : 1, drifted: false, effectSize: 0, referenceMissing: 0, currentMissing: 0, distribution: { ...f.distribution, current: [...f.distribution.reference] } });
  const sizes = new Map(CURRENT_SIZES);
  const total = CURRENT_SIZES.reduce((a, [, n]) => a + n, 0);
  return {
    ...d,
    referenceRunId: d.currentRunId,
    referenceAsOf: d.currentAsOf,
    features: featureResult(d.features.features.map(still)),
    sizeShift: {
      chiSquare: 0,
      degreesOfFreedom: 4,
      pValue: 1,
      segments: CURRENT_SIZES.map(([id, n]) => ({ currentId: id, referenceId: id, name: null, referenceCustomers: n, currentCustomers: n, referenceShare: n / total, currentShare: n / total, shareChange: 0, shareChangeInterval: { low: -0.004, high: 0.004, level: 0.95 } })),
    },
    alerts: [],
    migration: {
      referenceIds: [0, 1, 2, 3, 4],
      currentIds: [0, 1, 2, 3, 4],
      counts: [0, 1, 2, 3, 4].map((i) => [0, 1, 2, 3, 4].map((j) => (i === j ? sizes.get(i)! : 0))),
      newCustomers: [0, 0, 0, 0, 0],
      lostCustomers: [0, 0, 0, 0, 0],
      cameBack: [0, 0, 0, 0, 0],
      stayed: total,
      moved: 0,
      totalReference: total,
      totalCurrent: total,
      biggestFlows: [],
    },
    segments: d.segments.map((s) => ({ ...s, centreDistance: 0, features: featureResult(s.features.features.map(still)) })),
    rules: { ...d.rules!, agreement: 0.93, needsRevalidation: false },
    scores: d.scores.map((s) => ({ ...s, psi: 0, drifted: false, distribution: { ...s.distribution, current: [...s.distribution.reference] } })),
  };
}

const NAMES: Record<Locale, Record<number, string>> = {
  en: { 0: 'Loyal regulars', 1: 'Promo hunters', 2: 'At risk', 4: 'Lapsed' },
  fr: { 0: 'Fidèles réguliers', 1: 'Chasseurs de promos', 2: 'À risque', 4: 'Partis' },
};

/** reportFixture with the sample's segment names (and a shown "Lapsed" segment 4), and the given drift report. */
export function driftReviewFixture(locale: Locale, drift: DriftReport = driftReportFixture()): ReportData {
  const data = reportFixture(locale);
  const shown = data.personas.segments.filter((s): s is SegmentPersona => !s.suppressed);
  const lapsed: SegmentPersona = { ...shown[0]!, id: 4, name: NAMES[locale][4]!, size: 1200, share: 0.107 };
  const segments = [...data.personas.segments.map((s) => (s.suppressed ? s : { ...s, name: NAMES[locale][s.id] ?? s.name })), lapsed];
  return { ...data, personas: { ...data.personas, segments }, drift };
}
