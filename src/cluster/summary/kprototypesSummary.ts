import type { KPrototypesModel } from '../kprototypes/KPrototypesModel';
import type { KPrototypesSummary } from './ClusterResult';

/** What the categorical part of a fitted k-prototypes model did, with modes by published segment id (`ids[c]`: cluster c's id). */
export function kprototypesSummary(kp: KPrototypesModel, ids: readonly number[]): KPrototypesSummary {
  const share = (part: number, all: number): number => (all > 0 ? 1 - part / all : 0);
  return {
    categorical: [...kp.categoricalColumns],
    gamma: kp.gamma,
    gammaRule: kp.gammaRule,
    costShare: kp.costShare,
    explained: {
      numeric: share(kp.costParts.numeric, kp.oneClusterCost.numeric),
      categorical: share(kp.costParts.categorical, kp.oneClusterCost.categorical),
    },
    movedByCategorical: kp.movedByCategorical,
    modes: kp.modes
      .map((row, c) => ({ segment: ids[c]!, values: Object.fromEntries(kp.categoricalColumns.map((name, j) => [name, row[j]!])) }))
      .sort((a, b) => a.segment - b.segment),
  };
}
