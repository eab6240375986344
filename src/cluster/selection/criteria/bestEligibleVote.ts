import { formatMeasure } from '../formatMeasure';
import type { CriterionVote, KCandidate } from '../KCandidate';

/** The vote of a criterion read k by k: the eligible k with the best value of its measure (ties: the smaller k). */
export function bestEligibleVote(candidates: readonly KCandidate[], metric: string, better: 'higher' | 'lower', measureName: string): Omit<CriterionVote, 'criterion'> {
  let best: KCandidate | null = null;
  let bestValue = 0;
  for (const c of candidates) {
    const v = c.metrics[metric];
    if (!c.eligible || v === null || v === undefined) continue;
    if (best === null || (better === 'higher' ? v > bestValue : v < bestValue)) {
      best = c;
      bestValue = v;
    }
  }
  if (best) return { k: best.k, reason: `${better === 'higher' ? 'highest' : 'lowest'} ${measureName} among eligible k: ${formatMeasure(bestValue)} at k=${best.k}` };
  const any = candidates.some((c) => c.metrics[metric] !== null && c.metrics[metric] !== undefined);
  return { k: null, reason: any ? `no eligible k has a ${measureName}` : `the model has no ${measureName}` };
}
