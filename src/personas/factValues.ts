import type { LocaleFormatter } from '../core/localeFormatter';
import { categoryLabel, channelLabel } from './featureLabel';
import type { SegmentFacts } from './SegmentFacts';
import type { V } from './texts/PersonaTexts';

/**
 * A segment's numbers formatted for sentences; a key is absent when its number is unknown, so
 * the card and action rules check presence before they use a sentence.
 */
export function factValues(f: SegmentFacts, fmt: LocaleFormatter): V {
  const v: V = { customers: fmt.integer(f.size), share: fmt.percent(f.share) };
  const put = (key: string, value: number | null | undefined, as: (x: number) => string): void => {
    if (value !== null && value !== undefined && Number.isFinite(value)) v[key] = as(value);
  };
  const k = f.kpis;
  const b = f.base;
  put('revenueShare', k.revenueShare, (x) => fmt.percent(x));
  put('freq', k.frequency, (x) => fmt.number(x));
  put('baseFreq', b.frequency, (x) => fmt.number(x));
  put('aov', k.aov, (x) => fmt.money(x));
  put('baseAov', b.aov, (x) => fmt.money(x));
  put('recency', k.recency, (x) => fmt.duration(x));
  put('baseRecency', b.recency, (x) => fmt.duration(x));
  put('tenure', k.tenure, (x) => fmt.duration(x));
  put('interval', f.interpurchase, (x) => fmt.duration(x));
  put('open', k.emailOpenRate, (x) => fmt.percent(x));
  put('baseOpen', b.emailOpenRate, (x) => fmt.percent(x));
  put('optIn', k.emailOptIn, (x) => fmt.percent(x));
  put('disc', k.discountShare, (x) => fmt.percent(x));
  put('baseDisc', b.discountShare, (x) => fmt.percent(x));
  put('cart', k.cartAbandonment, (x) => fmt.percent(x));
  put('baseCart', b.cartAbandonment, (x) => fmt.percent(x));
  put('sessions', f.sessions90, (x) => fmt.number(x));
  put('orders', f.meanOrders, (x) => fmt.number(x));
  put('oneOrder', f.oneOrderShare, (x) => fmt.percent(x));
  // Orders in the last 12 months describe a rhythm only for customers who have been here a good part of them.
  if (f.tenureDays === null || f.tenureDays >= 180) put('freq12m', f.ordersLast12m, (x) => fmt.number(x));
  if (f.outcome) {
    v.outcomeLabel = f.outcome.label;
    v.outcomeRate = fmt.percent(f.outcome.rate);
    v.baseOutcomeRate = fmt.percent(f.outcome.baseRate);
  }
  put('risk', k.churnRisk, (x) => fmt.percent(x));
  put('baseRisk', b.churnRisk, (x) => fmt.percent(x));
  put('clv', k.clv, (x) => fmt.money(x));
  put('valueShare', k.valueShare, (x) => fmt.percent(x));
  if (f.valueAtRisk) {
    v.highValueLeaving = fmt.integer(f.valueAtRisk.count);
    v.topShare = fmt.percent(f.valueAtRisk.topShare);
    v.leavingBelow = fmt.percent(f.valueAtRisk.leavingBelow);
  }
  if (f.topCategory) {
    v.category = categoryLabel(f.topCategory.name, fmt.locale);
    v.categoryShare = fmt.percent(f.topCategory.share);
    v.baseCategoryShare = fmt.percent(f.topCategory.baseShare);
  }
  if (f.appShare) {
    v.app = fmt.percent(f.appShare.share);
    v.baseApp = fmt.percent(f.appShare.baseShare);
  }
  if (f.topChannel) {
    v.channel = channelLabel(f.topChannel.name, fmt.locale);
    v.channelShare = fmt.percent(f.topChannel.share);
  }
  return v;
}
