import type { Rng } from '../core/rng';
import { CATEGORIES } from './catalog';
import type { CustomerPlan } from './CustomerPlan';
import { DAY_S } from './dates';
import type { SynthCalendar } from './SynthCalendar';
import { AT_RISK, LAPSED, NEW, PROFILES, PROMO } from './segments';
import type { DriftSpec } from './synthParams';

export const CHANNELS = ['web', 'app', 'store'] as const;
export const WEB = 0;
export const APP = 1;
export const STORE = 2;

/** Channel weights [web, app, store] by main device (mobile, desktop, tablet). */
const CHANNEL_BY_DEVICE: readonly (readonly number[])[] = [
  [0.38, 0.52, 0.1],
  [0.76, 0.04, 0.2],
  [0.55, 0.3, 0.15],
];
/** Online orders by hour: lunch break and evening peaks. */
const HOURS_ONLINE = [0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.1, 1.2, 1.3, 1.6, 1.5, 1.2, 1.1, 1.1, 1.3, 1.6, 1.9, 2.1, 2.0, 1.5, 0.8];
/** Store orders: opening hours 9:00–20:00, busiest late afternoon. */
const HOURS_STORE = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.6, 0.9, 1.1, 1.2, 1.0, 1.0, 1.2, 1.4, 1.6, 1.6, 1.0, 0, 0, 0, 0];
export const AVG_DAYS_PER_MONTH = 30.4375;
const BASKET_SIGMA = 0.45;
/** Returns come back 2–30 days after the order. */
const RETURN_MIN_DAYS = 2;
const RETURN_SPAN_DAYS = 28;

/**
 * Orders and returns of one customer as parallel typed arrays (reused across customers).
 * A return is its own row with a negative amount and item count, pointing at the order it returns.
 */
export class OrderBuffer {
  n = 0;
  ts = new Int32Array(64);
  cents = new Int32Array(64);
  items = new Int32Array(64);
  category = new Uint8Array(64);
  discount = new Uint8Array(64);
  channel = new Uint8Array(64);
  /** -1 for an order, else index of the returned order. */
  returnOf = new Int32Array(64);
  /** Emission order (sorted by time), filled by sort(). */
  order = new Int32Array(64);

  private grow(): void {
    const cap = this.ts.length * 2;
    const g = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.ts = g(this.ts);
    this.cents = g(this.cents);
    this.items = g(this.items);
    this.category = g(this.category);
    this.discount = g(this.discount);
    this.channel = g(this.channel);
    this.returnOf = g(this.returnOf);
    this.order = g(this.order);
  }

  add(ts: number, cents: number, items: number, category: number, discount: boolean, channel: number, returnOf: number): void {
    if (this.n === this.ts.length) this.grow();
    const i = this.n++;
    this.ts[i] = ts;
    this.cents[i] = cents;
    this.items[i] = items;
    this.category[i] = category;
    this.discount[i] = discount ? 1 : 0;
    this.channel[i] = channel;
    this.returnOf[i] = returnOf;
  }

  /** Fill `order` with row indexes sorted by time (ties: generation order). */
  sort(): void {
    const idx = this.order.subarray(0, this.n);
    for (let i = 0; i < this.n; i++) idx[i] = i;
    const ts = this.ts;
    idx.sort((a, b) => ts[a]! - ts[b]! || a - b);
  }
}

/** Segment whose ordering behaviour phase k follows: promo-acquired new customers buy like promo hunters. */
function orderSegment(plan: CustomerPlan, k: number): number {
  const seg = plan.phaseSeg[k]!;
  return seg === NEW && plan.promoAcquired ? PROMO : seg;
}

/** New customers and promo-acquired ones sign up at their first checkout; window shoppers just register. */
function opensWithOrder(segment: number): boolean {
  return segment === NEW || segment === PROMO;
}

/**
 * Expected orders of a planned customer, for calibrating transactionsPerCustomer: the welcome
 * order is fixed, the rest scales with the rate.
 */
export function expectedOrders(plan: CustomerPlan, cal: SynthCalendar): { fixed: number; scaled: number } {
  let total = 0;
  let fixed = 0;
  for (let k = 0; k < plan.phaseCount; k++) {
    const seg = orderSegment(plan, k);
    const a = Math.max(0, plan.phaseStart[k]!);
    const b = plan.phaseEnd(k, cal.days);
    if (k === 0 && a === plan.signupDay && b > a && opensWithOrder(seg)) fixed = 1;
    if (b <= a || seg === LAPSED) continue;
    const cum = cal.orderCum[seg]!;
    total += (PROFILES[seg]!.ordersPerMonth / AVG_DAYS_PER_MONTH) * plan.orderMult * (cum[b]! - cum[a]!);
  }
  return { fixed, scaled: total };
}

/** Expected share of orders returned (before the end-of-data cut), for the same calibration. */
export function expectedReturnShare(plan: CustomerPlan): number {
  let w = 0, r = 0;
  for (let c = 0; c < CATEGORIES.length; c++) {
    w += plan.categoryWeights[c]!;
    r += plan.categoryWeights[c]! * CATEGORIES[c]!.returnRate;
  }
  return (r / w) * PROFILES[plan.core]!.returnAffinity;
}

export const HOURS_ONLINE_W = Float64Array.from(HOURS_ONLINE);
const HOURS_STORE_W = Float64Array.from(HOURS_STORE);

/**
 * Draw the orders of one customer: per phase a Poisson count with the segment's rate times the
 * customer's Gamma multiplier (NBD), days from the segment's seasonal / promo intensity, lognormal
 * baskets, and returns. Lapsed phases produce nothing.
 */
export function generateOrders(
  plan: CustomerPlan,
  device: number,
  cal: SynthCalendar,
  drift: DriftSpec,
  rateScale: number,
  rng: Rng,
  out: OrderBuffer,
): void {
  out.n = 0;
  const endTs = cal.days * DAY_S;
  const channelW = new Float64Array(3);
  for (let k = 0; k < plan.phaseCount; k++) {
    const seg = orderSegment(plan, k);
    const a = Math.max(0, plan.phaseStart[k]!);
    const b = plan.phaseEnd(k, cal.days);
    if (b <= a || seg === LAPSED) continue;
    const prof = PROFILES[seg]!;
    const cum = cal.orderCum[seg]!;
    const mean = (prof.ordersPerMonth / AVG_DAYS_PER_MONTH) * plan.orderMult * rateScale * (cum[b]! - cum[a]!);
    const count = rng.poisson(mean);
    const welcome = k === 0 && a === plan.signupDay && opensWithOrder(seg) ? 1 : 0;
    // A declining customer also buys smaller baskets (the rest goes elsewhere).
    const muShift = seg === AT_RISK ? Math.log(0.75) : 0;
    for (let j = -welcome; j < count; j++) {
      // The account is created at the first checkout; regular buyers then place order j in the
      // j-th equal slice of the phase's intensity, the others at random.
      const u = rng.next() < prof.regularity ? (j + rng.next()) / count : rng.next();
      const day = j < 0 ? a : cal.sampleDay(cum, a, b, u);
      const base = CHANNEL_BY_DEVICE[device]!;
      channelW[WEB] = base[WEB]!;
      channelW[APP] = base[APP]! * (cal.driftDay[day] ? drift.appChannelBoost : 1);
      channelW[STORE] = base[STORE]! * prof.storeAffinity;
      let channel = rng.weighted(channelW);
      // Most French shops are closed on Sunday.
      if (channel === STORE && cal.weekday[day] === 0) channel = WEB;
      const hour = rng.weighted(channel === STORE ? HOURS_STORE_W : HOURS_ONLINE_W);
      const ts = day * DAY_S + hour * 3600 + rng.int(3600);
      const cat = rng.weighted(plan.categoryWeights);
      const spec = CATEGORIES[cat]!;
      const discount = rng.next() < (cal.promo[day] ? prof.discountPromo : prof.discountBase);
      let amount = Math.exp(plan.basketMu + muShift + rng.normal(0, BASKET_SIGMA)) * spec.basketFactor;
      if (discount) amount *= 1 - rng.uniform(0.1, 0.35);
      amount = Math.min(8000, Math.max(2, amount));
      const cents = Math.round(amount * 100);
      const items = Math.min(60, Math.max(1, Math.round(amount / (spec.unitPrice * rng.lognormal(0, 0.35)))));
      const orderIdx = out.n;
      out.add(ts, cents, items, cat, discount, channel, -1);
      if (rng.next() < spec.returnRate * prof.returnAffinity) {
        const rts = ts + (RETURN_MIN_DAYS + rng.int(RETURN_SPAN_DAYS)) * DAY_S + rng.int(DAY_S);
        if (rts < endTs) {
          // Mostly the whole order; sometimes part of it.
          const frac = items > 1 && rng.next() < 0.3 ? rng.uniform(0.2, 0.8) : 1;
          const rItems = Math.max(1, Math.round(items * frac));
          const rCents = frac === 1 ? cents : Math.round((cents * rItems) / items);
          out.add(rts, -rCents, -rItems, cat, discount, channel, orderIdx);
        }
      }
    }
  }
  out.sort();
}
