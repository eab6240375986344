import type { ClvSegmentValue } from '../clv/clvBySegment';

/**
 * What the review shows of the clv stage (clv.json): the models in a line, totals, the top value band and per
 * segment the value aggregates. Segments by id; the renderer applies the review's suppression.
 */
export interface ValueSummary {
  model: string;
  horizon: number;
  discount: number;
  /** Customers in the fit, and the repeat buyers among them. */
  customers: number;
  repeatBuyers: number;
  params: Record<string, number>;
  /** The Gamma-Gamma frequency–monetary correlation, and whether the fit warned about it. */
  correlation: number;
  correlationWarning: boolean;
  totalClv: number;
  highValue: { share: number; leavingBelow: number };
  segments: ClvSegmentValue[];
}
