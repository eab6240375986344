import { assertUnreachable } from '../../core/assertUnreachable';
import { checkParam, typeName, usageError } from '../../core/errors';
import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';
import { confusionFromCounts, type ConfusionMatrix } from './confusionMatrix';
import { descendingOrder } from './descendingOrder';

/**
 * How to pick the threshold:
 * - budget: contact at most `share` of the rows (0.1 = the top 10%), the highest scores first;
 * - cost: minimise falsePositive·FP + falseNegative·FN − truePositiveValue·TP (a contact wasted, a
 *   churner missed, the value of a churner reached).
 */
export type ThresholdRule = { by: 'budget'; share: number } | { by: 'cost'; falsePositive: number; falseNegative: number; truePositiveValue?: number };

export interface ThresholdChoice {
  rule: ThresholdRule;
  /** Rows with score >= threshold are contacted (Infinity: nobody). */
  threshold: number;
  confusion: ConfusionMatrix;
  /** The rule's total cost at this threshold (cost rule), or null (budget rule). */
  cost: number | null;
}

/**
 * A threshold chosen by budget or by cost. Rows with equal scores are never split: the threshold contacts
 * the whole tied group or none of it, so a budget rule contacts at most the share (never more; less when a
 * tied group straddles the edge), and a cost rule compares every distinct score (and contacting nobody),
 * the higher threshold winning an equal cost.
 */
export function chooseThreshold(y: BinaryLabels, p: Scores, rule: ThresholdRule, options: { sampleWeight?: SampleWeights } = {}): ThresholdChoice {
  if (rule === null || typeof rule !== 'object') throw usageError('chooseThreshold', `rule must be { by: 'budget', share } or { by: 'cost', falsePositive, falseNegative } (got ${typeName(rule)})`);
  const finiteNonNegative = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  switch (rule.by) {
    case 'budget':
      checkParam(typeof rule.share === 'number' && rule.share >= 0 && rule.share <= 1, 'chooseThreshold share', rule.share, 'a share of rows from 0 to 1 (0.1 = the top 10%)');
      break;
    case 'cost':
      checkParam(finiteNonNegative(rule.falsePositive), 'chooseThreshold falsePositive', rule.falsePositive, 'the cost of contacting a row that is 0: a finite number >= 0');
      checkParam(finiteNonNegative(rule.falseNegative), 'chooseThreshold falseNegative', rule.falseNegative, 'the cost of missing a row that is 1: a finite number >= 0');
      checkParam(rule.truePositiveValue === undefined || finiteNonNegative(rule.truePositiveValue), 'chooseThreshold truePositiveValue', rule.truePositiveValue, 'the value of contacting a row that is 1: a finite number >= 0');
      break;
    default:
      throw usageError('chooseThreshold', `unknown rule ${JSON.stringify((rule as { by: unknown }).by)}`, "use by: 'budget' or by: 'cost'");
  }
  const input = checkBinaryInput('chooseThreshold', y, p, options.sampleWeight, { pName: 'scores' });
  const { y: yy, p: pp, w, positive, negative } = input;
  const order = descendingOrder(pp);
  const total = positive + negative;
  const costOf = (tp: number, fp: number): number => {
    if (rule.by !== 'cost') return 0;
    return rule.falsePositive * fp + rule.falseNegative * (positive - tp) - (rule.truePositiveValue ?? 0) * tp;
  };
  // Candidate 0: contact nobody.
  let best = { threshold: Infinity, tp: 0, fp: 0, cost: costOf(0, 0) };
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const wi = w === null ? 1 : w[i]!;
    if (yy[i] === 1) tp += wi;
    else fp += wi;
    if (k < order.length - 1 && pp[order[k + 1]!] === pp[i]) continue;
    switch (rule.by) {
      case 'budget':
        // Relative tolerance: 0.1 of 1000 rows is 100 rows even when 0.1 · 1000 rounds to 100.00000000000001.
        if (tp + fp > rule.share * total * (1 + 1e-12)) return done(best);
        best = { threshold: pp[i]!, tp, fp, cost: 0 };
        break;
      case 'cost': {
        const cost = costOf(tp, fp);
        if (cost < best.cost) best = { threshold: pp[i]!, tp, fp, cost };
        break;
      }
      default:
        assertUnreachable(rule);
    }
  }
  return done(best);

  function done(b: { threshold: number; tp: number; fp: number; cost: number }): ThresholdChoice {
    return { rule, threshold: b.threshold, confusion: confusionFromCounts(b.threshold, b.tp, b.fp, positive, negative), cost: rule.by === 'cost' ? b.cost : null };
  }
}
