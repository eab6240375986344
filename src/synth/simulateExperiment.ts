import { checkParam } from '../core/errors';
import { Rng } from '../core/rng';
import { checkSeed } from '../core/seedParam';

/** One targeted segment of a synthetic experiment: its customers' base conversion rate and the true lift of the offer. */
export interface SimulatedArmSpec {
  segment: string;
  /** Conversion rate without the offer over the measurement window. */
  baseRate: number;
  /** True absolute lift of the offer (0.12 = +12 points); 0 = the offer does nothing there. */
  trueLift: number;
}

export interface SimulatedExperimentSpec {
  experiment: string;
  segments: SimulatedArmSpec[];
  /** Customers per variant and segment (fewer when a segment is smaller: half of it each). */
  perVariant: number;
  assignedAt: string;
  measuredAt: string;
  /** Mean order value of a conversion, in money (revenue = converted × a lognormal amount around it). */
  meanOrderValue: number;
}

export interface SimulatedExperiment {
  assignments: { customer_id: string; experiment: string; variant: 'control' | 'offer'; assigned_at: string; segment: string }[];
  outcomes: { customer_id: string; measured_at: string; converted: 0 | 1; revenue: number; pre_revenue: number }[];
}

/**
 * A seeded e-mail offer test on chosen segments: customers drawn at random inside each segment, split
 * half offer / half control, conversion Bernoulli(base + lift for the offer), revenue a lognormal order
 * value for converters, and a pre-period revenue that shares each customer's spending level (so CUPED has
 * something to remove). The truth (which segment has a lift, how big) is in the spec, never in the files.
 */
export function simulateExperiment(customers: readonly { id: string; segment: string }[], spec: SimulatedExperimentSpec, seed: number): SimulatedExperiment {
  checkSeed(seed, 'simulateExperiment seed');
  checkParam(Number.isInteger(spec.perVariant) && spec.perVariant >= 1, 'simulateExperiment perVariant', spec.perVariant, 'a whole number ≥ 1');
  for (const s of spec.segments) {
    checkParam(s.baseRate > 0 && s.baseRate + s.trueLift < 1 && s.baseRate + s.trueLift > 0, `simulateExperiment ${s.segment} rates`, [s.baseRate, s.trueLift], 'a base rate and lift that keep both rates inside (0, 1)');
  }
  const rng = Rng.derive(seed, `experiment:${spec.experiment}`);
  const out: SimulatedExperiment = { assignments: [], outcomes: [] };
  for (const s of spec.segments) {
    const pool = customers.filter((c) => c.segment === s.segment).map((c) => c.id);
    // Fisher–Yates on the segment's customers: a random sample, then alternate offer / control.
    for (let i = pool.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    const take = Math.min(pool.length - (pool.length % 2), 2 * spec.perVariant);
    for (let i = 0; i < take; i++) {
      const id = pool[i];
      const variant = i % 2 === 0 ? 'offer' : 'control';
      out.assignments.push({ customer_id: id, experiment: spec.experiment, variant, assigned_at: spec.assignedAt, segment: s.segment });
      const level = Math.exp(rng.normal(0, 0.5));
      const rate = s.baseRate + (variant === 'offer' ? s.trueLift : 0);
      const converted = rng.next() < rate ? 1 : 0;
      const amount = converted ? spec.meanOrderValue * level * Math.exp(rng.normal(-0.08, 0.4)) : 0;
      const pre = spec.meanOrderValue * level * Math.exp(rng.normal(-0.08, 0.4)) * (rng.next() < 0.6 ? 1 : 0);
      out.outcomes.push({ customer_id: id, measured_at: spec.measuredAt, converted, revenue: Math.round(amount * 100) / 100, pre_revenue: Math.round(pre * 100) / 100 });
    }
  }
  // Files list customers in id order, not in draw order.
  out.assignments.sort((a, b) => (a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : 0));
  out.outcomes.sort((a, b) => (a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : 0));
  return out;
}
