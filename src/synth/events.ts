import type { Rng } from '../core/rng';
import type { CustomerPlan } from './CustomerPlan';
import { DAY_S } from './dates';
import { AVG_DAYS_PER_MONTH, HOURS_ONLINE_W, STORE, type OrderBuffer } from './orders';
import type { SynthCalendar } from './SynthCalendar';
import { PROFILES } from './segments';

/** Event codes: indexes into EVENT_TYPES of data/schema.ts. */
export const SESSION = 0;
export const PRODUCT_VIEW = 1;
export const ADD_TO_CART = 2;
export const CART_ABANDONED = 3;
export const EMAIL_SENT = 4;
export const EMAIL_OPEN = 5;
export const EMAIL_CLICK = 6;

/** Median delay between an e-mail being sent and opened: three hours, lognormal. */
const OPEN_DELAY_MU = Math.log(3 * 3600);
const OPEN_DELAY_SIGMA = 1.2;
/** A cart counts as abandoned after 30–60 minutes without checkout. */
const ABANDON_MIN_S = 1800;

/** Events of one customer as parallel typed arrays (reused across customers). */
export class EventBuffer {
  n = 0;
  /** Sessions of this customer; the writer turns local numbers into global session ids. */
  sessions = 0;
  ts = new Int32Array(256);
  type = new Uint8Array(256);
  /** Local session number, -1 for e-mail events. */
  session = new Int32Array(256);
  order = new Int32Array(256);

  add(ts: number, type: number, session: number): void {
    if (this.n === this.ts.length) {
      const cap = this.n * 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(cap);
        b.set(a);
        return b;
      };
      this.ts = grow(this.ts);
      this.type = grow(this.type);
      this.session = grow(this.session);
      this.order = grow(this.order);
    }
    const i = this.n++;
    this.ts[i] = ts;
    this.type[i] = type;
    this.session[i] = session;
  }

  sort(): void {
    const idx = this.order.subarray(0, this.n);
    for (let i = 0; i < this.n; i++) idx[i] = i;
    const ts = this.ts;
    idx.sort((a, b) => ts[a]! - ts[b]! || a - b);
  }
}

/**
 * Web / app events of one customer from the events window on:
 * - every online order has its purchase session: session, product views, one add_to_cart (bought);
 * - browsing sessions follow the segment's rate; some put a product in a cart and leave it
 *   (add_to_cart then cart_abandoned), so abandonment = cart_abandoned / add_to_cart;
 * - campaign e-mails go to opted-in customers only; opens ⊂ sent, clicks ⊂ opens.
 */
export function generateEvents(plan: CustomerPlan, orders: OrderBuffer, optIn: boolean, cal: SynthCalendar, rng: Rng, out: EventBuffer): void {
  out.n = 0;
  out.sessions = 0;
  const startTs = cal.eventsFromDay * DAY_S;
  const endTs = cal.days * DAY_S;

  for (let i = 0; i < orders.n; i++) {
    const ts = orders.ts[i]!;
    if (orders.returnOf[i] !== -1 || orders.channel[i] === STORE || ts < startTs) continue;
    const prof = PROFILES[plan.segmentAt(Math.floor(ts / DAY_S))]!;
    const sid = out.sessions++;
    // The visit starts 3-28 minutes before checkout, on the same day (the signup day for a first order).
    const t0 = Math.max(ts - 180 - rng.int(1500), ts - (ts % DAY_S));
    const views = 1 + Math.min(15, rng.poisson(prof.viewsPerSession * 0.5));
    const span = ts - t0;
    out.add(t0, SESSION, sid);
    for (let j = 1; j <= views; j++) out.add(t0 + Math.floor((span * j) / (views + 2)), PRODUCT_VIEW, sid);
    out.add(t0 + Math.floor((span * (views + 1)) / (views + 2)), ADD_TO_CART, sid);
  }

  const evDay = Math.max(cal.eventsFromDay, plan.signupDay);
  for (let k = 0; k < plan.phaseCount; k++) {
    const seg = plan.phaseSeg[k]!;
    const a = Math.max(evDay, plan.phaseStart[k]!);
    const b = plan.phaseEnd(k, cal.days);
    if (b <= a) continue;
    const prof = PROFILES[seg]!;
    const cum = cal.sessionCum[seg]!;
    const count = rng.poisson((prof.sessionsPerMonth / AVG_DAYS_PER_MONTH) * plan.sessionMult * (cum[b]! - cum[a]!));
    for (let j = 0; j < count; j++) {
      const day = cal.sampleDay(cum, a, b, rng.next());
      let t = day * DAY_S + rng.weighted(HOURS_ONLINE_W) * 3600 + rng.int(3600);
      const cart = rng.next() < prof.abandonPerSession;
      const views = Math.max(cart ? 1 : 0, Math.min(40, rng.poisson(prof.viewsPerSession)));
      const sid = out.sessions++;
      out.add(t, SESSION, sid);
      for (let v = 0; v < views; v++) {
        t += 10 + rng.int(170);
        if (t < endTs) out.add(t, PRODUCT_VIEW, sid);
      }
      if (cart) {
        t += 5 + rng.int(60);
        const abandonedAt = t + ABANDON_MIN_S + rng.int(ABANDON_MIN_S);
        // A cart still open when the data end is neither bought nor abandoned yet: leave it out.
        if (abandonedAt < endTs) {
          out.add(t, ADD_TO_CART, sid);
          out.add(abandonedAt, CART_ABANDONED, sid);
        }
      }
    }
  }

  if (optIn) {
    const firstDay = Math.max(cal.eventsFromDay, plan.signupDay + 1);
    for (let c = 0; c < cal.campaignDay.length; c++) {
      const day = cal.campaignDay[c]!;
      if (day < firstDay) continue;
      const prof = PROFILES[plan.segmentAt(day)]!;
      if (rng.next() >= prof.emailTargeting) continue;
      // Campaigns go out in batches over two hours.
      const sent = day * DAY_S + cal.campaignSec[c]! + rng.int(7200);
      out.add(sent, EMAIL_SENT, -1);
      if (rng.next() >= Math.min(0.95, prof.emailOpen * plan.emailMult)) continue;
      const opened = sent + Math.max(60, Math.round(rng.lognormal(OPEN_DELAY_MU, OPEN_DELAY_SIGMA)));
      if (opened >= endTs) continue;
      out.add(opened, EMAIL_OPEN, -1);
      if (rng.next() >= (cal.campaignPromo[c] ? prof.emailClickPromo : prof.emailClick)) continue;
      const clicked = opened + 5 + rng.int(600);
      if (clicked < endTs) out.add(clicked, EMAIL_CLICK, -1);
    }
  }
  out.sort();
}
