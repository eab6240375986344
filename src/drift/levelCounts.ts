/** Counts per level of a categorical column in both periods, on the union of their levels. */
export interface LevelCounts {
  /** Levels, most frequent in the reference first (then in the current, then by name): a stable order. */
  levels: string[];
  reference: Float64Array;
  current: Float64Array;
  referenceTotal: number;
  currentTotal: number;
}

/** Count the levels of two samples (no missing values: the caller drops them). */
export function levelCounts(reference: ReadonlyArray<string>, current: ReadonlyArray<string>): LevelCounts {
  const ref = new Map<string, number>();
  const cur = new Map<string, number>();
  for (const v of reference) ref.set(v, (ref.get(v) ?? 0) + 1);
  for (const v of current) cur.set(v, (cur.get(v) ?? 0) + 1);
  const levels = [...new Set([...ref.keys(), ...cur.keys()])].sort((a, b) => (ref.get(b) ?? 0) - (ref.get(a) ?? 0) || (cur.get(b) ?? 0) - (cur.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  return {
    levels,
    reference: Float64Array.from(levels, (l) => ref.get(l) ?? 0),
    current: Float64Array.from(levels, (l) => cur.get(l) ?? 0),
    referenceTotal: reference.length,
    currentTotal: current.length,
  };
}
