import type { Locale } from '../core/Locale';
import type { Matrix } from '../core/Matrix';
import type { ModelCard } from '../models/ModelCard';
import type { PredictionSummary } from '../report/PredictionSummary';
import { segmentDrivers, type SegmentDrivers } from './segmentDrivers';

/** The scores of a run's models stage, as the report reads them. */
export interface RunPrediction {
  card: ModelCard;
  ids: readonly string[];
  probability: Float64Array;
  /** The explained customers (indices into ids: the highest scores), and their contributions × the card's inputs (null for the MLP). */
  explained: Int32Array;
  contributions: Matrix | null;
  /**
   * The per-segment aggregates of those contributions (model-segments.json): what `seglab report` reads back
   * instead of the rows; computed from explained and contributions when absent.
   */
  segmentDrivers?: SegmentDrivers;
}

/**
 * The review's model section from the card and the scores: per segment (by the cluster labels of the same
 * customers) the customers scored, mean score, expected number (sum of probabilities) and the inputs that
 * push its score up most on average; the words of the label in both languages. Only aggregates.
 */
export function predictionSummary(
  p: RunPrediction,
  segmentOf: ReadonlyMap<string, number>,
  labelOf: (column: string) => string,
  isRisk = isRiskTarget(p.card),
  label: Record<Locale, string> = targetLabel(p.card),
): PredictionSummary {
  const { card } = p;
  const bySegment = new Map<number, { n: number; sum: number }>();
  p.ids.forEach((id, i) => {
    const seg = segmentOf.get(id);
    if (seg === undefined || seg < 0) return;
    let s = bySegment.get(seg);
    if (!s) bySegment.set(seg, (s = { n: 0, sum: 0 }));
    s.n++;
    s.sum += p.probability[i]!;
  });
  // Drivers: what pushes the score of the segment's explained customers up, on average (the models stage explains
  // a sample of every segment; without those aggregates, the highest-scored customers in memory).
  const drivers = p.segmentDrivers ?? segmentDrivers(card.inputs.map((c) => c.name), p.ids, p.explained, p.contributions, segmentOf);
  const driversOf = new Map((drivers.segments ?? []).map((s) => [s.id, s.meanContribution]));
  const segments = [...bySegment.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([id, s]) => ({
      id,
      customers: s.n,
      meanScore: s.sum / s.n,
      expected: s.sum,
      drivers: (driversOf.get(id) ?? [])
        .map((v, j) => ({ v, j }))
        .filter((d) => d.v > 0)
        .sort((a, b) => b.v - a.v || a.j - b.j)
        .slice(0, 3)
        .map((d) => labelOf(drivers.inputs[d.j]!)),
    }));
  return {
    label,
    isRisk,
    family: card.family,
    chosenBy: card.chosenBy,
    validation: card.validation.scheme,
    evaluatedRows: card.validation.testRows,
    baseRate: card.baseRate,
    metrics: { rocAuc: interval(card.metrics.rocAuc), prAuc: interval(card.metrics.averagePrecision), brier: interval(card.metrics.brier) },
    expectedCalibrationError: card.metrics.expectedCalibrationError,
    lift: card.lift.map((r) => ({ decile: r.decile, rate: r.rate, lift: r.lift, cumulativeGain: r.cumulativeGain })),
    calibration: card.calibration,
    budget: { share: card.budget.share, fraction: card.budget.contacted / Math.max(1, card.validation.testRows), threshold: card.budget.threshold, precision: card.budget.precision, recall: card.budget.recall },
    drivers: card.drivers.slice(0, 8).map((d) => ({ feature: d.feature, label: labelOf(d.feature), importance: d.importance, sd: d.sd })),
    segments,
  };
}

function interval(ci: { estimate: number; low: number; high: number; level: number }) {
  return { estimate: ci.estimate, low: ci.low, high: ci.high, level: ci.level };
}

/**
 * Whether a high score is a risk: churn is; a propensity is not; a label column is a risk when the data's
 * outcome says lower is better (`outcome.higherIsBetter: false`, passed by the caller), else not.
 */
export function isRiskTarget(card: ModelCard, outcomeHigherIsBetter: boolean | null = null): boolean {
  const t = card.target;
  return t.kind === 'churn' || (t.kind === 'column' && outcomeHigherIsBetter === false);
}

/** What is predicted, in words per language. */
export function targetLabel(card: ModelCard): Record<Locale, string> {
  const t = card.target;
  switch (t.kind) {
    case 'churn':
      return { en: `No order within ${t.horizonDays} days (churn)`, fr: `Aucune commande sous ${t.horizonDays} jours (départ)` };
    case 'propensity': {
      const e = t.event;
      const what = 'category' in e ? { en: `an order in ${e.category}`, fr: `une commande en ${e.category}` } : 'channel' in e ? { en: `an order on ${e.channel}`, fr: `une commande sur ${e.channel}` } : { en: `a ${e.eventType} event`, fr: `un évènement ${e.eventType}` };
      return { en: `${what.en} within ${t.horizonDays} days`, fr: `${what.fr} sous ${t.horizonDays} jours` };
    }
    case 'column':
      return { en: t.column, fr: t.column };
  }
}
