import { Registry } from '../../core/Registry';
import { bicCriterion } from './criteria/bicCriterion';
import { calinskiHarabaszCriterion } from './criteria/calinskiHarabaszCriterion';
import { daviesBouldinCriterion } from './criteria/daviesBouldinCriterion';
import { elbowCriterion } from './criteria/elbowCriterion';
import { gapCriterion } from './criteria/gapCriterion';
import { silhouetteCriterion } from './criteria/silhouetteCriterion';
import type { AnySelectionCriterion } from './SelectionCriterionEntry';

/**
 * Every k-selection criterion, registered once: selectK measures each at every k (KCandidate.metrics)
 * and asks each for its vote, in this order (the order of the reasons).
 */
export const K_SELECTION_CRITERIA = new Registry('k-selection criterion', [elbowCriterion, silhouetteCriterion, calinskiHarabaszCriterion, daviesBouldinCriterion, bicCriterion, gapCriterion]);

/** The registered criterion names, in order. */
export const SELECTION_CRITERIA = K_SELECTION_CRITERIA.names;
export type SelectionCriterion = (typeof SELECTION_CRITERIA)[number];

type CriterionEntries = ReturnType<(typeof K_SELECTION_CRITERIA)['list']>[number];
/** Every measure the registered criteria record per k (KCandidate.metrics keys). */
export type SelectionMetric = CriterionEntries['metrics'][number];

/** Every registered criterion, without their literal types. */
export function selectionCriteria(): readonly AnySelectionCriterion[] {
  return K_SELECTION_CRITERIA.list() as unknown as readonly AnySelectionCriterion[];
}

/** Every measure name, in registration order (each criterion's own first). */
export function selectionMetrics(): SelectionMetric[] {
  return K_SELECTION_CRITERIA.list().flatMap((c) => [...c.metrics]);
}
