import type { SegmentFidelity } from '../extract/fidelityReport';
import type { RuleBundle, SegmentNames } from '../RuleBundle';
import type { RuleSizes } from './ruleSizes';

/** A population (customers of a cluster segment, or of a rule) with the data's outcome rate among them when the run has one. */
export interface PopulationSize {
  customers: number;
  share: number;
  /** Rate of the data's outcome (Telco's churn, Bank Marketing's subscription) among them; absent without an outcome. */
  outcomeRate?: number | null;
}

/**
 * One segment's size under the clustering and under its rule, side by side (the fidelity file, the CLI
 * summary, notebook 04). Each population is its own object so that per-population figures (an outcome
 * rate, say) can sit beside `customers`.
 */
export interface SegmentSizes {
  id: number;
  names: SegmentNames;
  /** Customers the clustering put in this segment (null for hand-written rules: no clustering). */
  cluster: PopulationSize | null;
  /**
   * Customers whose first matching rule is this segment's (null: the segment has no rule). For the
   * catch-all of hand-written rules: the customers no rule matches.
   */
  rules: PopulationSize | null;
  /** Holdout precision and recall of the rule against the clustering (extracted rules only). */
  holdout: { precision: number; recall: number; support: number } | null;
}

/** What the size table is built from: the rules' sizes, and for extracted rules the clustering they reproduce. */
export interface SegmentSizeInputs {
  rowCount: number;
  bundle: Pick<RuleBundle, 'segments' | 'fallback' | 'score'>;
  sizes: RuleSizes;
  /** The clustering (extracted rules); null for hand-written rules, whose fallback is their catch-all segment. */
  clustering: { segments: readonly { id: number; size: number; share: number }[]; labels: ArrayLike<number>; names(id: number): SegmentNames; holdout: readonly SegmentFidelity[] } | null;
  /** The data's outcome per customer (1 happened, 0 not, NaN unknown); null when the run has none. */
  outcome: Float64Array | null;
}

/** Per segment, cluster size next to rule size, each with its outcome rate (empty for score bundles). */
export function segmentSizeTable(inputs: SegmentSizeInputs): SegmentSizes[] {
  const { rowCount: n, bundle, sizes: rule, clustering, outcome } = inputs;
  if (bundle.score) return [];
  const share = (v: number): number => (n ? v / n : 0);
  const first = rule.first;
  const rateOf = (member: (i: number) => boolean): number | null => {
    let known = 0;
    let ones = 0;
    for (let i = 0; i < n; i++) {
      const v = outcome![i]!;
      if (v !== v || !member(i)) continue;
      known++;
      ones += v;
    }
    return known ? ones / known : null;
  };
  const population = (customers: number, member: (i: number) => boolean, ofAll = share(customers)): PopulationSize =>
    outcome ? { customers, share: ofAll, outcomeRate: rateOf(member) } : { customers, share: ofAll };
  const ruleIndex = new Map(bundle.segments.map((s, r) => [s.id, r]));
  const rulePopulation = (id: number): PopulationSize | null =>
    rule.sizes.has(id) ? population(rule.sizes.get(id)!, (i) => first !== null && first[i] === ruleIndex.get(id)) : null;

  if (!clustering) {
    const fallback = bundle.fallback!;
    return [
      ...bundle.segments.map((s) => ({ id: s.id, names: s.names, cluster: null, rules: rulePopulation(s.id), holdout: null })),
      { id: fallback.id, names: fallback.names, cluster: null, rules: population(n - rule.matched, (i) => first !== null && first[i]! < 0), holdout: null },
    ];
  }
  const holdout = new Map(clustering.holdout.map((p) => [p.id, p]));
  return clustering.segments
    .filter((c) => c.id >= 0)
    .map((c) => {
      const p = holdout.get(c.id);
      return {
        id: c.id,
        names: bundle.segments.find((s) => s.id === c.id)?.names ?? clustering.names(c.id),
        cluster: population(c.size, (i) => clustering.labels[i] === c.id, c.share),
        rules: rulePopulation(c.id),
        holdout: p ? { precision: p.precision, recall: p.recall, support: p.support } : null,
      };
    })
    .sort((a, b) => a.id - b.id);
}
