import { DAY_MS, isoDate, lastWeekday, nextQuarter, nthWeekday, parseIsoDate, parseQuarter, quarterStartMs } from './dates';
import { PROFILES, SEGMENT_COUNT } from './segments';
import type { ResolvedSynthParams } from './synthParams';

/** Oldest signup, in days before the history start: the shop existed before its data export. */
export const PRE_HISTORY_DAYS = 3 * 365;

export interface QuarterWindow {
  name: string;
  /** First day (inclusive) and asOf (exclusive end = first day of the next quarter), as day indexes. */
  startDay: number;
  asOfDay: number;
  start: string;
  /** Last day of the quarter. */
  end: string;
  asOf: string;
  /** Quarters after the first: transitions and device/channel mix use the drift spec. */
  drift: boolean;
}

export interface PromoPeriod {
  name: string;
  start: string;
  /** Last day, inclusive. */
  end: string;
}

/** Month multipliers of activity: post-summer dip, Black Friday and Christmas peak. */
const MONTH_FACTOR = [0.95, 0.8, 0.9, 0.92, 0.95, 0.98, 0.95, 0.8, 0.95, 1.0, 1.3, 1.5];
/** Weekday multipliers, Sunday first (JS getUTCDay order). */
const WEEKDAY_FACTOR = [0.95, 0.95, 0.95, 1.0, 1.0, 1.05, 1.1];

/**
 * Day-level calendar of the synthetic history: dates, seasonality, promotion periods, drift quarters,
 * e-mail campaigns, and per-segment cumulative intensity so that a day is drawn by one binary search.
 */
export class SynthCalendar {
  readonly startMs: number;
  /** Days of data: day 0 = startDate, day `days` = asOf of the last quarter (exclusive). */
  readonly days: number;
  readonly eventsFromDay: number;
  readonly quarters: QuarterWindow[];
  readonly promoPeriods: PromoPeriod[];
  /** 0 = Sunday … 6 = Saturday, per data day. */
  readonly weekday: Uint8Array;
  readonly promo: Uint8Array;
  readonly driftDay: Uint8Array;
  /** Per segment: cumulative order intensity, normalised so that its mean per day is 1 (length days + 1). */
  readonly orderCum: Float64Array[];
  readonly sessionCum: Float64Array[];
  /** E-mail campaigns in the events window, sorted by time. */
  readonly campaignDay: Int32Array;
  readonly campaignSec: Int32Array;
  readonly campaignPromo: Uint8Array;
  private readonly dayStrings: string[];

  constructor(p: ResolvedSynthParams) {
    this.startMs = parseIsoDate(p.startDate);
    const refs = p.quarters.map((q) => parseQuarter(q)!);
    const endMs = quarterStartMs(nextQuarter(refs[refs.length - 1]!));
    this.days = Math.round((endMs - this.startMs) / DAY_MS);
    this.eventsFromDay = this.dayOf(parseIsoDate(p.eventsFrom));
    this.quarters = refs.map((ref, k) => {
      const s = quarterStartMs(ref);
      const e = quarterStartMs(nextQuarter(ref));
      return {
        name: p.quarters[k]!,
        startDay: this.dayOf(s),
        asOfDay: this.dayOf(e),
        start: isoDate(s),
        end: isoDate(e - DAY_MS),
        asOf: isoDate(e),
        drift: k > 0,
      };
    });

    this.dayStrings = new Array(PRE_HISTORY_DAYS + this.days + 1);
    for (let d = -PRE_HISTORY_DAYS; d <= this.days; d++) this.dayStrings[d + PRE_HISTORY_DAYS] = isoDate(this.startMs + d * DAY_MS);

    const D = this.days;
    this.weekday = new Uint8Array(D);
    const season = new Float64Array(D);
    for (let d = 0; d < D; d++) {
      const date = new Date(this.startMs + d * DAY_MS);
      const month = date.getUTCMonth();
      const dom = date.getUTCDate();
      this.weekday[d] = date.getUTCDay();
      let f = MONTH_FACTOR[month]! * WEEKDAY_FACTOR[this.weekday[d]!]!;
      // Christmas: gifts bought before the 20th, shops quiet on the 24th-25th.
      if (month === 11) f *= dom <= 20 ? 1.15 : dom <= 23 ? 1.0 : dom <= 25 ? 0.35 : 0.75;
      season[d] = f;
    }

    this.promo = new Uint8Array(D);
    this.promoPeriods = [];
    const y0 = new Date(this.startMs).getUTCFullYear();
    const y1 = new Date(endMs).getUTCFullYear();
    for (let y = y0; y <= y1; y++) {
      const bf = nthWeekday(y, 10, 4, 4) + 1;
      const periods: [string, number, number, number][] = [
        [`winter sales ${y}`, 0, nthWeekday(y, 0, 3, 2), 28],
        [`French Days spring ${y}`, 3, lastWeekday(y, 3, 2), 6],
        [`summer sales ${y}`, 5, lastWeekday(y, 5, 3), 28],
        [`French Days autumn ${y}`, 8, lastWeekday(y, 8, 2), 6],
        [`Black Friday week ${y}`, 10, bf - 4, 8],
      ];
      for (const [name, month, dom, length] of periods) {
        const first = this.dayOf(Date.UTC(y, month, dom));
        const last = first + length - 1;
        if (last < 0 || first >= D) continue;
        this.promoPeriods.push({ name, start: this.dateOf(first), end: this.dateOf(last) });
        for (let d = Math.max(0, first); d <= Math.min(D - 1, last); d++) this.promo[d] = 1;
      }
    }

    this.driftDay = new Uint8Array(D);
    for (const q of this.quarters) if (q.drift) this.driftDay.fill(1, q.startDay, q.asOfDay);

    this.orderCum = [];
    this.sessionCum = [];
    for (let s = 0; s < SEGMENT_COUNT; s++) {
      const prof = PROFILES[s]!;
      this.orderCum.push(cumulative(D, (d) => season[d]! * (this.promo[d] ? prof.promoOrderBoost : 1)));
      // Browsing is less seasonal than buying.
      this.sessionCum.push(cumulative(D, (d) => Math.sqrt(season[d]!) * (this.promo[d] ? prof.promoSessionBoost : 1)));
    }

    // Campaigns: a weekly newsletter on Thursday at 10:00, a promo mail when a sale opens (08:00)
    // and a "last chance" two days before it closes (18:00).
    const campaigns: [number, number, number][] = [];
    let thursday = this.eventsFromDay;
    while (thursday < D && this.weekday[thursday] !== 4) thursday++;
    for (let d = thursday; d < D; d += 7) campaigns.push([d, 10 * 3600, 0]);
    for (const period of this.promoPeriods) {
      const first = this.dayOf(parseIsoDate(period.start));
      const last = this.dayOf(parseIsoDate(period.end));
      if (first >= this.eventsFromDay && first < D) campaigns.push([first, 8 * 3600, 1]);
      if (last - first >= 5 && last - 2 >= this.eventsFromDay && last - 2 < D) campaigns.push([last - 2, 18 * 3600, 1]);
    }
    campaigns.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.campaignDay = Int32Array.from(campaigns, (c) => c[0]);
    this.campaignSec = Int32Array.from(campaigns, (c) => c[1]);
    this.campaignPromo = Uint8Array.from(campaigns, (c) => c[2]);
  }

  /** Day index of a UTC-midnight millisecond time. */
  dayOf(ms: number): number {
    return Math.round((ms - this.startMs) / DAY_MS);
  }

  /** ISO date of a day index (cached from PRE_HISTORY_DAYS before the start to the end). */
  dateOf(day: number): string {
    return this.dayStrings[day + PRE_HISTORY_DAYS] ?? isoDate(this.startMs + day * DAY_MS);
  }

  /** Day in [a, b) drawn in proportion to the intensity whose cumulative is `cum`; u uniform in [0, 1). */
  sampleDay(cum: Float64Array, a: number, b: number, u: number): number {
    const target = cum[a]! + u * (cum[b]! - cum[a]!);
    let lo = a, hi = b - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (cum[mid]! <= target) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function cumulative(days: number, weight: (d: number) => number): Float64Array {
  const cum = new Float64Array(days + 1);
  for (let d = 0; d < days; d++) cum[d + 1] = cum[d]! + weight(d);
  const scale = days / cum[days]!;
  for (let d = 0; d <= days; d++) cum[d] = cum[d]! * scale;
  return cum;
}
