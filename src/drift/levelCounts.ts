/** Counts per level of a categorical column in both periods, on the union of their levels. */
export interface LevelCounts {
  /** Levels, most frequent in the reference first (then in the current, then by name): a stable order. */
  levels: string[];
  reference: Float64Array;
  current: Float64Array;
  referenceTotal: number;
  currentTotal: number;
}

/**
 * Count per level of one sample: strings as they are, or the numbers of a sorted Float64Array (a 0/1 or
 * few-valued column) by runs, each distinct number named once by its text — converting every value to a
 * string would cost more than the whole test on a million rows.
 */
export function countLevels(values: ReadonlyArray<string> | Float64Array): Map<string, number> {
  const counts = new Map<string, number>();
  if (values instanceof Float64Array) {
    let i = 0;
    while (i < values.length) {
      const v = values[i]!;
      let j = i + 1;
      while (j < values.length && values[j] === v) j++;
      const key = String(v);
      counts.set(key, (counts.get(key) ?? 0) + (j - i));
      i = j;
    }
    return counts;
  }
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** Both periods' counts on the union of their levels. */
export function levelCountsOf(ref: Map<string, number>, cur: Map<string, number>, referenceTotal: number, currentTotal: number): LevelCounts {
  const levels = [...new Set([...ref.keys(), ...cur.keys()])].sort((a, b) => (ref.get(b) ?? 0) - (ref.get(a) ?? 0) || (cur.get(b) ?? 0) - (cur.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  return {
    levels,
    reference: Float64Array.from(levels, (l) => ref.get(l) ?? 0),
    current: Float64Array.from(levels, (l) => cur.get(l) ?? 0),
    referenceTotal,
    currentTotal,
  };
}

/** Count the levels of two samples (no missing values: the caller drops them; numbers sorted ascending). */
export function levelCounts(reference: ReadonlyArray<string> | Float64Array, current: ReadonlyArray<string> | Float64Array): LevelCounts {
  return levelCountsOf(countLevels(reference), countLevels(current), reference.length, current.length);
}
