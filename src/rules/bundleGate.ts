import { formatAgainst } from './formatAgainst';
import type { BundleCheck, BundleStatus } from './RuleBundle';

/** What a bundle must show before production gets it as `validated`. */
export interface GateThresholds {
  /** Accuracy of the rules against the cluster labels on the holdout (default 0.9). */
  minFidelity: number;
  /** Every segment holds at least this many customers under the rules (default 50). */
  minSegmentSize: number;
  /** Share of customers a segment rule (not the fallback) assigns (default 1: full coverage). */
  minCoverage: number;
  /** Mean bootstrap Jaccard of the segmentation (default 0.75, "stable"); 0 = not required. */
  minStability: number;
}

export const DEFAULT_GATE: GateThresholds = { minFidelity: 0.9, minSegmentSize: 50, minCoverage: 1, minStability: 0.75 };

export interface GateEvidence {
  /** Holdout accuracy of the rules; null for hand-written rules (no labels to agree with). */
  fidelity: number | null;
  /** Customers per segment under the rules, by segment id (fallback excluded). */
  sizes: ReadonlyMap<number, number>;
  segmentNames: ReadonlyMap<number, string>;
  /** Share of customers assigned by a segment rule. */
  coverage: number;
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
  for (const [id, size] of [...e.sizes].sort((a, b) => a[0] - b[0])) {
    const name = e.segmentNames.get(id) ?? `segment ${id}`;
    checks.push({ name: `min-size:${id}`, passed: size >= t.minSegmentSize, value: size, threshold: t.minSegmentSize, message: `${name}: ${size.toLocaleString('en-US')} customers (need ${t.minSegmentSize.toLocaleString('en-US')})` });
  }
  checks.push({ name: 'coverage', passed: e.coverage >= t.minCoverage - 1e-12, value: e.coverage, threshold: t.minCoverage, message: `segment rules assign ${pct(e.coverage, t.minCoverage).replace(' (', ' of customers; the rest fall to the fallback (')}` });
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
