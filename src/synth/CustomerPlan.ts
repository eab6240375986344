import type { Rng } from '../core/rng';
import { CATEGORY_COUNT } from './catalog';
import { PRE_HISTORY_DAYS, type SynthCalendar } from './SynthCalendar';
import { AT_RISK, isCoreSegment, LAPSED, LOYAL, NEW, PROFILES, PROMO, SEGMENT_COUNT, SEGMENTS, VIP, WINDOW } from './segments';
import { drawNewcomer, NEWCOMER_WINDOW_SHARE, PROMO_ACQUIRED_GRADUATE } from './transitions';
import { BASELINE_DRIFT, type DriftSpec } from './synthParams';

/** A new customer is "new promising" while younger than this at an asOf date. */
export const NEW_TENURE_DAYS = 180;
const MAX_PHASES = 32;
/** Shape of the per-customer Gamma factor on the order rate (coefficient of variation 1/√8 ≈ 0.35). */
export const ORDER_RATE_SHAPE = 10;
export const NOT_YET = 255;

/**
 * The latent life of one customer: signup, piecewise-constant segment phases (day index where each
 * starts), the segment at the end of each labelled quarter, and the per-customer traits that make
 * two customers of a segment differ. One reusable object; planCustomer overwrites it.
 */
export class CustomerPlan {
  signupDay = 0;
  /** Segment whose demographics, basket and category taste the customer keeps (vip, loyal, promo, window or new). */
  core = 0;
  /** Signed up through a promotion: while new, orders like a promo hunter (sales, discount codes). */
  promoAcquired = false;
  phaseCount = 0;
  readonly phaseStart = new Int32Array(MAX_PHASES);
  readonly phaseSeg = new Uint8Array(MAX_PHASES);
  /** Segment at the end of each labelled quarter, NOT_YET before signup. */
  readonly labels: Uint8Array;
  /** NBD heterogeneity: Gamma(ORDER_RATE_SHAPE) multiplier of the order rate, mean 1. */
  orderMult = 1;
  sessionMult = 1;
  emailMult = 1;
  /** Log of the median basket. */
  basketMu = 0;
  /** Main interest (category index); triples that category's weight in baskets. */
  interest = 0;
  readonly categoryWeights = new Float64Array(CATEGORY_COUNT);

  constructor(quarters: number) {
    this.labels = new Uint8Array(quarters);
  }

  push(start: number, segment: number): void {
    const n = this.phaseCount;
    if (n > 0 && this.phaseSeg[n - 1] === segment) return;
    if (n > 0 && start <= this.phaseStart[n - 1]!) {
      // The previous phase would be empty: replace it.
      this.phaseSeg[n - 1] = segment;
      if (n > 1 && this.phaseSeg[n - 2] === segment) this.phaseCount--;
      return;
    }
    this.phaseStart[n] = start;
    this.phaseSeg[n] = segment;
    this.phaseCount = n + 1;
  }

  /** Segment on a day, or -1 before signup. */
  segmentAt(day: number): number {
    if (day < this.signupDay) return -1;
    let k = this.phaseCount - 1;
    while (k > 0 && this.phaseStart[k]! > day) k--;
    return this.phaseSeg[k]!;
  }

  /** End (exclusive) of phase k, capped at `end`. */
  phaseEnd(k: number, end: number): number {
    return k + 1 < this.phaseCount ? Math.min(this.phaseStart[k + 1]!, end) : end;
  }
}

const uniInt = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng.next() * (hi - lo + 1));

/**
 * Draw the latent path of a customer. `kind` < SEGMENT_COUNT is its segment at the end of the first
 * labelled quarter; SEGMENT_COUNT + k means it signs up during labelled quarter k (k ≥ 1).
 * The first quarter is designed backwards from its label (an at-risk customer was a regular until a
 * decline 90–200 days before asOf, a lapsed one stopped buying before the quarter began…), so that
 * its shares are exact; later quarters follow the transition matrix.
 */
export function planCustomer(
  plan: CustomerPlan,
  kind: number,
  cal: SynthCalendar,
  drift: DriftSpec,
  matrix: readonly Float64Array[],
  rng: Rng,
): void {
  plan.phaseCount = 0;
  plan.promoAcquired = false;
  const q0 = cal.quarters[0]!;
  const A1 = q0.asOfDay;
  const S1 = q0.startDay;
  const PRE = -PRE_HISTORY_DAYS;
  let s: number;
  let firstQuarterAfterSignup = 1;
  if (kind < SEGMENT_COUNT) {
    switch (kind) {
      case VIP: {
        s = uniInt(rng, PRE, A1 - 365);
        plan.push(s, NEW);
        const t = s + NEW_TENURE_DAYS;
        // Most VIPs were regulars first and got upgraded at least nine months ago.
        if (rng.next() < 0.6 && t < A1 - 270) {
          plan.push(t, LOYAL);
          plan.push(uniInt(rng, t + 1, A1 - 270), VIP);
        } else plan.push(t, VIP);
        break;
      }
      case LOYAL:
        s = uniInt(rng, PRE, A1 - NEW_TENURE_DAYS);
        plan.push(s, NEW);
        plan.push(s + NEW_TENURE_DAYS, LOYAL);
        break;
      case PROMO:
        s = uniInt(rng, -730, A1 - NEW_TENURE_DAYS);
        plan.push(s, PROMO);
        break;
      case NEW:
        s = uniInt(rng, A1 - NEW_TENURE_DAYS + 1, A1 - 5);
        plan.push(s, NEW);
        plan.promoAcquired = rng.next() < BASELINE_DRIFT.newcomerPromoShare / (1 - NEWCOMER_WINDOW_SHARE);
        break;
      case AT_RISK: {
        // Former regulars and VIPs (promo hunters who fade out become at risk later, see transitions.ts).
        const base = rng.next() < 0.8 ? LOYAL : VIP;
        s = uniInt(rng, PRE, A1 - 300);
        const baseStart = s + NEW_TENURE_DAYS;
        plan.push(s, NEW);
        plan.push(baseStart, base);
        plan.push(uniInt(rng, Math.max(baseStart + 1, A1 - 200), A1 - 90), AT_RISK);
        break;
      }
      case LAPSED: {
        const u = rng.next();
        if (u < 0.3) {
          // One-and-done: bought in the first weeks, never came back.
          s = uniInt(rng, -150, S1 - 90);
          plan.push(s, NEW);
          plan.push(Math.min(S1 - 30, s + uniInt(rng, 30, 150)), LAPSED);
        } else {
          // Former regulars and promo hunters, after a decline.
          const base = u < 0.7 ? LOYAL : PROMO;
          s = uniInt(rng, PRE, S1 - 300);
          const baseStart = base === PROMO ? s : s + NEW_TENURE_DAYS;
          if (base !== PROMO) plan.push(s, NEW);
          plan.push(baseStart, base);
          // Stopped buying before the quarter began, after a decline of two to six months.
          const d1 = uniInt(rng, Math.max(s + 200, 0), S1 - 60);
          plan.push(Math.max(baseStart + 1, d1 - uniInt(rng, 60, 180)), AT_RISK);
          plan.push(d1, LAPSED);
        }
        break;
      }
      case WINDOW:
        s = uniInt(rng, -730, A1 - 30);
        plan.push(s, WINDOW);
        break;
      default:
        throw new Error(`unknown customer kind ${kind}`);
    }
  } else {
    const k = kind - SEGMENT_COUNT;
    const q = cal.quarters[k]!;
    s = uniInt(rng, q.startDay, q.asOfDay - 1);
    const newcomer = drawNewcomer(rng, drift);
    plan.push(s, newcomer.segment);
    plan.promoAcquired = newcomer.promoAcquired;
    firstQuarterAfterSignup = k + 1;
  }
  plan.signupDay = s;

  // Quarter boundaries: move along the transition matrix.
  for (let k = firstQuarterAfterSignup; k < cal.quarters.length; k++) {
    const q = cal.quarters[k]!;
    const cur = plan.phaseSeg[plan.phaseCount - 1]!;
    if (cur === NEW && s >= q.asOfDay - NEW_TENURE_DAYS) continue;
    const next = rng.weighted(matrix[cur === NEW && plan.promoAcquired ? PROMO_ACQUIRED_GRADUATE : cur]!);
    if (next !== cur) plan.push(q.startDay, next);
  }
  for (let k = 0; k < cal.quarters.length; k++) {
    const q = cal.quarters[k]!;
    plan.labels[k] = s < q.asOfDay ? plan.segmentAt(q.asOfDay - 1) : NOT_YET;
  }

  // Core: VIP if ever VIP, else the first core segment of the path (a lapsed former regular keeps
  // a regular's profile), else new — or promo hunter for the promo-acquired.
  let core = -1;
  for (let k = 0; k < plan.phaseCount; k++) {
    const seg = plan.phaseSeg[k]!;
    if (seg === VIP) {
      core = VIP;
      break;
    }
    if (core < 0 && isCoreSegment(SEGMENTS[seg]!)) core = seg;
  }
  plan.core = core < 0 ? (plan.promoAcquired ? PROMO : NEW) : core;

  const prof = PROFILES[plan.core]!;
  plan.orderMult = rng.gamma(ORDER_RATE_SHAPE, 1 / ORDER_RATE_SHAPE);
  // Heavier buyers browse a little more.
  plan.sessionMult = Math.pow(plan.orderMult, 0.3) * rng.gamma(6, 1 / 6);
  plan.emailMult = rng.gamma(16, 1 / 16);
  plan.basketMu = Math.log(prof.basketMedian) + rng.normal(0, 0.2);
  plan.interest = rng.weighted(prof.categoryWeights);
  for (let c = 0; c < CATEGORY_COUNT; c++) plan.categoryWeights[c] = prof.categoryWeights[c]! * (c === plan.interest ? 3 : 1);
}
