import type { Activity, KpiValues } from './PersonaResult';
import type { NumericComparison } from './numericTraits';
import type { CategoryCounts } from './categoricalTraits';

/**
 * What the names, cards and actions of one segment are written from: KPIs, standardised differences
 * and a few medians. Signals are standardised differences against the base (0 = like everyone,
 * +1 = one base standard deviation above), NaN when the data lacks the feature.
 */
export interface SegmentFacts {
  id: number;
  size: number;
  share: number;
  kpis: KpiValues;
  base: KpiValues;
  signals: Signals;
  /** Median days between orders of the segment's repeat buyers. */
  interpurchase: number | null;
  /** Mean all-time orders; null when unknown. */
  meanOrders: number | null;
  /** Among the segment's buyers, the share with exactly one order; null when unknown. */
  oneOrderShare: number | null;
  /** Share of the segment with no order before asOf. */
  noOrderShare: number | null;
  /** Mean 90-day sessions. */
  sessions90: number | null;
  /** The category most above the base in the segment's spend (standardised difference). */
  topCategory: { name: string; share: number; baseShare: number; stdDiff: number } | null;
  /** Channel with the largest mean share of orders. */
  topChannel: { name: string; share: number; baseShare: number; stdDiff: number } | null;
  /** Mean share of orders placed in the app (channel_share_app). */
  appShare: { share: number; baseShare: number } | null;
  /** Most frequent device (only when at least minGroupSize customers have it). */
  topDevice: { value: string; share: number } | null;
  /** The data's usual time between orders: median over the base's repeat buyers of their mean gap, in days. */
  cycleDays: number | null;
  /** Share of the segment with an order in the last 90 / 365 days (null when the windows are absent). */
  active90: number | null;
  active365: number | null;
  /** Where the segment stands in its buying cycle (absolute levels); null without order dates. */
  activity: Activity | null;
  /** Mean orders in the last 365 days (null when the window is absent). */
  ordersLast12m: number | null;
  /** Median tenure in days (null when unknown). */
  tenureDays: number | null;
  /** The data's outcome per segment (rate of 1s among known values) and over the base. */
  outcome: { label: string; rate: number; baseRate: number; higherIsBetter: boolean | null } | null;
  /** Customers of the top value band probably leaving (PersonaInput.valueAtRisk); null without it or below minGroupSize (suppressed). */
  valueAtRisk: { count: number; topShare: number; leavingBelow: number } | null;
}

/**
 * ACTIVITY_STATES from a segment's absolute levels. Lapsed: most customers have no order in 12 months (or,
 * without that window, a median time since the last order of a year or more). Overdue: the median time since
 * the last order is more than twice the data's usual interval between orders (180 days when unknown).
 */
/** Most of the segment's buyers bought once (or, when that share is unknown, a mean of at most 1.5 orders). */
export function mostlyOneTimers(f: Pick<SegmentFacts, 'oneOrderShare' | 'meanOrders'>): boolean {
  if (f.oneOrderShare !== null) return f.oneOrderShare >= 0.5;
  return f.meanOrders !== null && f.meanOrders <= 1.5;
}

export function activityOf(f: Pick<SegmentFacts, 'noOrderShare' | 'kpis' | 'active365' | 'cycleDays'>): Activity | null {
  if (f.noOrderShare !== null && f.noOrderShare >= 0.5) return 'noOrders';
  const recency = f.kpis.recency ?? null;
  if (recency === null) return f.noOrderShare === null ? null : 'noOrders';
  if (f.active365 !== null ? f.active365 < 0.5 : recency >= 365) return 'lapsed';
  const overdueAfter = f.cycleDays !== null ? 2 * f.cycleDays : 180;
  return recency > overdueAfter ? 'overdue' : 'active';
}

export interface Signals {
  value: number;
  aov: number;
  frequency: number;
  recency: number;
  tenure: number;
  discount: number;
  cart: number;
  engagement: number;
  email: number;
  app: number;
}

const meanOf = (xs: number[]): number => {
  const ok = xs.filter(Number.isFinite);
  return ok.length ? ok.reduce((s, v) => s + v, 0) / ok.length : NaN;
};

export function segmentSignals(z: (feature: string) => number): Signals {
  return {
    value: meanOf([z('spend_365d'), z('monetary_total')]),
    aov: z('monetary_avg'),
    frequency: meanOf([z('orders_365d'), z('frequency')]),
    recency: z('recency_days'),
    tenure: z('tenure_days'),
    discount: z('discount_share'),
    cart: z('cart_abandonment_rate'),
    engagement: meanOf([z('sessions_90d'), z('product_views_365d'), -z('days_since_last_session')]),
    email: meanOf([z('email_open_rate'), z('email_click_rate')]),
    app: z('channel_share_app'),
  };
}

/**
 * Among columns with a prefix (cat_share_, channel_share_; "other" left out): by 'largest' the one
 * with the largest mean, by 'distinctive' the one most above the base (standardised difference).
 */
export function topShare(comparisons: readonly NumericComparison[], prefix: string, g: number, by: 'largest' | 'distinctive' = 'largest'): { name: string; share: number; baseShare: number; stdDiff: number } | null {
  let best: { name: string; share: number; baseShare: number; stdDiff: number } | null = null;
  for (const c of comparisons) {
    if (!c.feature.startsWith(prefix)) continue;
    const name = c.feature.slice(prefix.length);
    if (name === 'other') continue;
    const share = c.mean[g]!;
    const stdDiff = c.stdDiff[g]!;
    if (!Number.isFinite(share)) continue;
    const better = !best || (by === 'largest' ? share > best.share : stdDiff > best.stdDiff);
    if (better) best = { name, share, baseShare: c.baseMean, stdDiff };
  }
  return best;
}

/** The most frequent value of a categorical column in group g, if its cell is large enough to publish. */
export function topValue(counts: CategoryCounts | undefined, g: number, minGroupSize: number): { value: string; share: number } | null {
  if (!counts || !(counts.known[g]! > 0)) return null;
  let best = -1;
  counts.counts.forEach((row, k) => {
    if (best < 0 || row[g]! > counts.counts[best]![g]!) best = k;
  });
  if (best < 0 || counts.counts[best]![g]! < minGroupSize) return null;
  return { value: counts.values[best]!, share: counts.counts[best]![g]! / counts.known[g]! };
}
