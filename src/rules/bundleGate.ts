import { assertUnreachable } from '../core/assertUnreachable';
import { formatAgainst } from './formatAgainst';
import type { BundleCheck, BundleStatus } from './RuleBundle';

/** What a bundle must show before production gets it as `validated`. */
export interface GateThresholds {
  /** Accuracy of the rules against the cluster labels on the holdout (default 0.9). */
  minFidelity: number;
  /** Every segment holds at least this many customers under the rules (default 50). */
  minSegmentSize: number;
  /**
   * Share of customers a segment rule (not the fallback) assigns (default 1: full coverage). A named
   * catch-all of hand-written rules is a segment (full coverage); score bundles score everyone.
   */
  minCoverage: number;
  /** Mean bootstrap Jaccard of the segmentation (default 0.75, "stable"); 0 = not required. */
  minStability: number;
}

export const DEFAULT_GATE: GateThresholds = { minFidelity: 0.9, minSegmentSize: 50, minCoverage: 1, minStability: 0.75 };

/** How many customers the rules assign, by the kind of bundle (each kind says it in its own words). */
export type CoverageEvidence =
  /** Rules extracted from segments: the fallback is one of the segments (the tree's majority), not a catch-all. */
  | { kind: 'segments'; matched: number; fallback: { id: number; name: string } | null }
  /** Hand-written segments ending in a named catch-all ("Everyone else"): every customer gets a segment. */
  | { kind: 'catch-all'; matched: number; catchAll: { id: number; name: string } }
  /** Lead scoring: every customer gets a score (the base plus the points of the rules that hold). */
  | { kind: 'score'; matched: number; base: number };

export interface GateEvidence {
  /** Holdout accuracy of the rules; null for hand-written rules (no labels to agree with). */
  fidelity: number | null;
  /** Customers per segment under the rules, counted from the first rule each customer matches (fallback excluded), by segment id. */
  sizes: ReadonlyMap<number, number>;
  segmentNames: ReadonlyMap<number, string>;
  /** Segments of the clustering that got no rule (none of the tree's leaves predicts them), with their share of customers. */
  withoutRule?: readonly { id: number; name: string; share: number }[];
  /** `matched`: share of customers whose first matching rule is a segment rule (score: who match at least one rule). */
  coverage: CoverageEvidence;
  /** Mean bootstrap Jaccard; null when not computed; 'n/a' for hand-written rules (no clustering). */
  stability: number | null | 'n/a';
}

/**
 * The validation gate: every check is listed with its value and threshold; the bundle is
 * `validated` only when all pass, otherwise `draft` with one reason per failed check.
 */
export function runGate(e: GateEvidence, t: GateThresholds = DEFAULT_GATE): { status: BundleStatus; checks: BundleCheck[]; reasons: string[] } {
  const checks: BundleCheck[] = [];
  const pct = (v: number, need: number): string => {
    const f = formatAgainst(v, need, 'percent');
    return `${f.value} (need ${f.threshold})`;
  };
  if (e.fidelity === null) {
    checks.push({ name: 'fidelity', passed: true, value: null, threshold: t.minFidelity, message: 'hand-written rules: no clustering to agree with' });
  } else {
    checks.push({ name: 'fidelity', passed: e.fidelity >= t.minFidelity, value: e.fidelity, threshold: t.minFidelity, message: `rules agree with the segments on ${pct(e.fidelity, t.minFidelity).replace(' (', ' of the holdout customers (')}` });
  }
  for (const m of e.withoutRule ?? []) {
    checks.push({
      name: `rule:${m.id}`,
      passed: false,
      value: null,
      threshold: null,
      message: `${m.name}: no rule for this segment (${(100 * m.share).toFixed(1)}% of customers): no leaf of the decision tree predicts it (try --max-depth ${DEEPER_HINT} or fewer segments)`,
    });
  }
  for (const [id, size] of [...e.sizes].sort((a, b) => a[0] - b[0])) {
    const name = e.segmentNames.get(id) ?? `segment ${id}`;
    checks.push({ name: `min-size:${id}`, passed: size >= t.minSegmentSize, value: size, threshold: t.minSegmentSize, message: `${name}: ${size.toLocaleString('en-US')} customers (need ${t.minSegmentSize.toLocaleString('en-US')})` });
  }
  checks.push(coverageCheck(e.coverage, t.minCoverage));
  if (e.stability === 'n/a') {
    checks.push({ name: 'stability', passed: true, value: null, threshold: t.minStability, message: 'hand-written rules: no clustering whose stability to check' });
  } else if (e.stability === null) {
    const required = t.minStability > 0;
    checks.push({
      name: 'stability',
      passed: !required,
      value: null,
      threshold: t.minStability,
      message: required
        ? 'stability was not computed (cluster.stabilityResamples is 0 or the algorithm has none)'
        : 'not required (--min-stability 0); stability was not computed (cluster.stabilityResamples is 0 or the algorithm has none)',
    });
  } else {
    const f = formatAgainst(e.stability, t.minStability, 'decimal');
    checks.push({ name: 'stability', passed: e.stability >= t.minStability, value: e.stability, threshold: t.minStability, message: `mean bootstrap Jaccard ${f.value} (need ${f.threshold})` });
  }
  const reasons = checks.filter((c) => !c.passed).map((c) => c.message);
  return { status: reasons.length ? 'draft' : 'validated', checks, reasons };
}

/** `--max-depth` to suggest when a segment has no rule. */
const DEEPER_HINT = 6;

function share(v: number): string {
  return `${(100 * v).toFixed(1)}%`;
}

/** The coverage check in the words of the bundle's kind. */
function coverageCheck(c: CoverageEvidence, minCoverage: number): BundleCheck {
  switch (c.kind) {
    case 'segments': {
      const f = formatAgainst(c.matched, minCoverage, 'percent');
      const rest = c.matched < 1 ? `; the other ${formatAgainst(1 - c.matched, 1 - minCoverage, 'percent').value} match no rule${c.fallback ? ` and go to the fallback, segment ${c.fallback.id} "${c.fallback.name}"` : ''}` : '';
      return { name: 'coverage', passed: c.matched >= minCoverage - 1e-12, value: c.matched, threshold: minCoverage, message: `segment rules assign ${f.value} of customers (need ${f.threshold})${rest}` };
    }
    case 'catch-all':
      // A named catch-all is a segment like the others: every customer gets one.
      return { name: 'coverage', passed: true, value: 1, threshold: minCoverage, message: `every customer gets a segment: ${share(c.matched)} by a rule, ${share(1 - c.matched)} by the catch-all "${c.catchAll.name}"` };
    case 'score':
      return { name: 'coverage', passed: true, value: 1, threshold: minCoverage, message: `every customer gets a score: ${share(c.matched)} match at least one rule, the others get the base score ${c.base}` };
    default:
      return assertUnreachable(c, 'coverage kind');
  }
}
