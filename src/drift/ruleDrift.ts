import { checkParam } from '../core/errors';
import type { RuleDrift } from './DriftResult';

/** The rule a customer got: no rule matched (the fallback, when the bundle has one, takes them). */
export const NO_RULE = -2;
/** This quarter's segment of a customer has no partner in the bundle's run (a new segment, or noise). */
export const NO_PARTNER = -3;

export interface RuleDriftInput {
  /** The bundle's file name without extension (segments.v2). */
  bundleVersion: string;
  /** Per customer of this quarter: the segment id of the first rule it matches, NO_RULE when none. */
  ruleSegment: Int32Array;
  /** The bundle's fallback segment id (who matches no rule), or null. */
  fallbackId: number | null;
  /** Per customer: this quarter's segment as the bundle's run numbers it (its matched partner), NO_PARTNER when it has none. */
  clusterSegment: Int32Array;
  /** The fidelity (holdout accuracy) the bundle was validated with, and the gate it passed. */
  validatedFidelity: number | null;
  fidelityGate: number;
}

/**
 * The last validated rule bundle on this quarter's customers. coverage: share a rule assigns; fallbackShare:
 * share left to the fallback (0 without one: those customers get no segment); agreement: share whose rule
 * segment (fallback included) is this quarter's cluster — the bundle's fidelity measured today. Below the
 * gate the bundle needs re-validation: the segments it was cut for have moved.
 */
export function ruleDrift(input: RuleDriftInput): RuleDrift {
  const { ruleSegment, clusterSegment, fallbackId } = input;
  const n = ruleSegment.length;
  checkParam(clusterSegment.length === n, 'ruleDrift clusterSegment', clusterSegment.length, `one segment per customer (${n})`);
  checkParam(n > 0, 'ruleDrift ruleSegment', n, 'at least one customer');
  checkParam(Number.isFinite(input.fidelityGate) && input.fidelityGate >= 0 && input.fidelityGate <= 1, 'ruleDrift fidelityGate', input.fidelityGate, 'a share from 0 to 1');
  let covered = 0;
  let agree = 0;
  const fallback = fallbackId ?? NO_RULE;
  for (let i = 0; i < n; i++) {
    const r = ruleSegment[i]!;
    if (r !== NO_RULE) covered++;
    const predicted = r === NO_RULE ? fallback : r;
    if (predicted !== NO_RULE && predicted === clusterSegment[i]) agree++;
  }
  const agreement = agree / n;
  return {
    bundleVersion: input.bundleVersion,
    coverage: covered / n,
    fallbackShare: fallbackId === null ? 0 : (n - covered) / n,
    agreement,
    validatedFidelity: input.validatedFidelity,
    fidelityGate: input.fidelityGate,
    needsRevalidation: agreement < input.fidelityGate,
  };
}
