import { categoryLabel, channelLabel } from './featureLabel';
import type { Formatter } from './Formatter';
import type { SegmentFacts } from './SegmentFacts';
import type { V } from './texts/PersonaTexts';

/**
 * A segment's numbers formatted for sentences; a key is absent when its number is unknown, so
 * the card and action rules check presence before they use a sentence.
 */
export function factValues(f: SegmentFacts, fmt: Formatter): V {
  const v: V = { customers: fmt.num(f.size), share: fmt.pct(f.share) };
  const put = (key: string, value: number | null | undefined, as: (x: number) => string): void => {
    if (value !== null && value !== undefined && Number.isFinite(value)) v[key] = as(value);
  };
  const k = f.kpis;
  const b = f.base;
  put('revenueShare', k.revenueShare, (x) => fmt.pct(x));
  put('freq', k.frequency, (x) => fmt.num(x, 1));
  put('baseFreq', b.frequency, (x) => fmt.num(x, 1));
  put('aov', k.aov, (x) => fmt.money(x));
  put('baseAov', b.aov, (x) => fmt.money(x));
  put('recency', k.recency, (x) => fmt.days(x));
  put('baseRecency', b.recency, (x) => fmt.days(x));
  put('tenure', k.tenure, (x) => fmt.days(x));
  put('interval', f.interpurchase, (x) => fmt.days(x));
  put('open', k.emailOpenRate, (x) => fmt.pct(x));
  put('baseOpen', b.emailOpenRate, (x) => fmt.pct(x));
  put('optIn', k.emailOptIn, (x) => fmt.pct(x));
  put('disc', k.discountShare, (x) => fmt.pct(x));
  put('baseDisc', b.discountShare, (x) => fmt.pct(x));
  put('cart', k.cartAbandonment, (x) => fmt.pct(x));
  put('baseCart', b.cartAbandonment, (x) => fmt.pct(x));
  put('sessions', f.sessions90, (x) => fmt.num(x, 1));
  put('orders', f.meanOrders, (x) => fmt.num(x, 1));
  put('oneOrder', f.oneOrderShare, (x) => fmt.pct(x));
  // Orders in the last 12 months describe a rhythm only for customers who have been here a good part of them.
  if (f.tenureDays === null || f.tenureDays >= 180) put('freq12m', f.ordersLast12m, (x) => fmt.num(x, 1));
  if (f.outcome) {
    v.outcomeLabel = f.outcome.label;
    v.outcomeRate = fmt.pct(f.outcome.rate);
    v.baseOutcomeRate = fmt.pct(f.outcome.baseRate);
  }
  put('risk', k.churnRisk, (x) => fmt.pct(x));
  put('baseRisk', b.churnRisk, (x) => fmt.pct(x));
  if (f.topCategory) {
    v.category = categoryLabel(f.topCategory.name, fmt.locale);
    v.categoryShare = fmt.pct(f.topCategory.share);
    v.baseCategoryShare = fmt.pct(f.topCategory.baseShare);
  }
  if (f.appShare) {
    v.app = fmt.pct(f.appShare.share);
    v.baseApp = fmt.pct(f.appShare.baseShare);
  }
  if (f.topChannel) {
    v.channel = channelLabel(f.topChannel.name, fmt.locale);
    v.channelShare = fmt.pct(f.topChannel.share);
  }
  return v;
}
