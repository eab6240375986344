import type { KPrototypesSummary } from './ClusterResult';

/** What k-prototypes did with the categories, as a review may show it. */
export interface KPrototypesFacts {
  categorical: string[];
  gamma: number;
  gammaRule: string;
  costShare: { numeric: number; categorical: number };
  /** Customers whose segment is not the nearest on the numeric features alone. */
  movedByCategorical: number;
  /** Per shown segment, the most frequent value of each categorical column; null when fewer than minGroupSize customers hold it. */
  modes: { segment: number; values: Record<string, string | null> }[];
}

/**
 * The k-prototypes summary for readers: modes of shown segments only, and a segment's mode published only
 * when at least minGroupSize of its customers hold it (a rare value could otherwise single people out).
 */
export function kprototypesFacts(
  kp: KPrototypesSummary,
  labels: ArrayLike<number>,
  categorical: Readonly<Record<string, readonly (string | null)[]>>,
  shown: ReadonlySet<number>,
  minGroupSize: number,
): KPrototypesFacts {
  const modes = kp.modes
    .filter((m) => shown.has(m.segment))
    .map((m) => {
      const values: Record<string, string | null> = {};
      for (const [column, value] of Object.entries(m.values)) {
        const col = categorical[column];
        let held = 0;
        if (col) for (let i = 0; i < col.length; i++) if (labels[i] === m.segment && (col[i] ?? '') === value) held++;
        values[column] = held >= minGroupSize ? value : null;
      }
      return { segment: m.segment, values };
    });
  return { categorical: kp.categorical, gamma: kp.gamma, gammaRule: kp.gammaRule, costShare: kp.costShare, movedByCategorical: kp.movedByCategorical, modes };
}
