import { ColumnarScorer, type ScoringColumns } from '../ColumnarScorer';
import type { RuleBundle } from '../RuleBundle';

/** How many customers each rule takes, on every customer of a run. */
export interface RuleSizes {
  /** Customers per segment id whose FIRST matching rule is that segment's (0 for a segment nobody reaches). */
  sizes: Map<number, number>;
  /** Customers that match some rule (a score bundle: some scoring condition). */
  matched: number;
  /** Per customer, the index in `segments` of the first rule it matches, −1 for none; null for a score bundle. */
  first: Int32Array | null;
}

/**
 * Sizes and coverage under rules, counted from the first rule each customer matches (priority order): the
 * fallback's customers are not covered, even when the fallback is a segment too.
 */
export function ruleSizes(columns: ScoringColumns, bundle: Pick<RuleBundle, 'segments' | 'fallback' | 'score'>): RuleSizes {
  const scorer = new ColumnarScorer(columns);
  const sizes = new Map<number, number>(bundle.segments.map((s) => [s.id, 0]));
  let matched = 0;
  if (bundle.score) {
    for (const hit of scorer.matchesAny({ segments: [], fallback: null, score: bundle.score })) matched += hit;
    return { sizes, matched, first: null };
  }
  const first = scorer.firstMatch({ segments: bundle.segments, fallback: bundle.fallback, score: null });
  for (const r of first) {
    if (r < 0) continue;
    const id = bundle.segments[r]!.id;
    sizes.set(id, sizes.get(id)! + 1);
    matched++;
  }
  return { sizes, matched, first };
}
