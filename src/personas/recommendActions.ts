import type { ActionId, ArchetypeId, PersonaAction } from './PersonaResult';
import type { SegmentFacts } from './SegmentFacts';
import type { PersonaTexts, V } from './texts/PersonaTexts';

/** The actions each archetype calls for first, with their weight (a catalogue a CRM team recognises). */
const BY_ARCHETYPE: Record<ArchetypeId, Partial<Record<ActionId, number>>> = {
  champions: { vipEarlyAccess: 3, referralProgramme: 2.5, crossSell: 1 },
  highValueLoyal: { vipEarlyAccess: 3, loyaltyProgramme: 2, crossSell: 1.5 },
  bigSpendersOccasional: { crossSell: 2.5, loyaltyProgramme: 2, reengagementSeries: 1 },
  loyalRegulars: { loyaltyProgramme: 3, referralProgramme: 1.5, crossSell: 1.5 },
  promoDriven: { valueMessaging: 3, bundleOffers: 1.5, loyaltyProgramme: 1 },
  newcomers: { onboardingSeries: 3, secondPurchaseNudge: 2.5, loyaltyProgramme: 1 },
  promisingNewcomers: { onboardingSeries: 3, secondPurchaseNudge: 2.5, loyaltyProgramme: 1 },
  cartAbandoners: { cartRecovery: 3, browseAbandonment: 1.5 },
  engagedBrowsers: { browseAbandonment: 3, secondPurchaseNudge: 1.5 },
  atRisk: { reengagementSeries: 3, loyaltyProgramme: 1 },
  lapsedRegulars: { winBack: 3, reengagementSeries: 1.5 },
  lapsedOneTimers: { winBack: 3, secondPurchaseNudge: 1.5, sunsetPolicy: 1 },
  dormant: { winBack: 2.5, sunsetPolicy: 2 },
  lowValueOccasional: { valueMessaging: 2, bundleOffers: 2, secondPurchaseNudge: 1.5 },
  steadyMidValue: { loyaltyProgramme: 2, crossSell: 2 },
  unassigned: {},
};

/** Values an action's reason needs: it is only recommended when they are known. */
const NEEDS: Record<ActionId, string[]> = {
  vipEarlyAccess: ['revenueShare', 'share'],
  loyaltyProgramme: ['freq'],
  referralProgramme: ['freq'],
  crossSell: ['category', 'categoryShare'],
  secondPurchaseNudge: ['orders'],
  onboardingSeries: ['tenure'],
  reengagementSeries: ['recency', 'baseRecency'],
  winBack: ['recency'],
  sunsetPolicy: ['open', 'baseOpen'],
  valueMessaging: ['disc', 'baseDisc'],
  cartRecovery: ['cart', 'baseCart'],
  browseAbandonment: ['sessions'],
  channelShiftApp: ['app', 'baseApp'],
  preferenceCentre: ['open', 'baseOpen'],
  optInCampaign: ['optIn'],
  bundleOffers: ['aov', 'baseAov'],
};

/**
 * Up to `max` actions for a segment: the archetype's own actions plus those its traits trigger
 * (a high discount share calls for value messaging whatever the archetype), each with the number
 * that triggered it.
 */
export function recommendActions(archetype: ArchetypeId, f: SegmentFacts, values: V, texts: PersonaTexts, max = 3): PersonaAction[] {
  const s = f.signals;
  const score = new Map<ActionId, number>(Object.entries(BY_ARCHETYPE[archetype]) as [ActionId, number][]);
  const add = (id: ActionId, w: number): void => void score.set(id, (score.get(id) ?? 0) + w);
  if (s.discount > 0.6) add('valueMessaging', 1.5);
  if (s.cart > 0.6) add('cartRecovery', 1.5);
  if (s.email < -0.5) add('preferenceCentre', 1.2);
  if (s.email < -1) add('sunsetPolicy', 0.8);
  if (f.kpis.emailOptIn !== undefined && f.kpis.emailOptIn !== null && f.kpis.emailOptIn < 0.6) add('optInCampaign', f.signals.value > 0.5 ? 2.2 : 1.2);
  if (s.aov < -0.3 && s.frequency > 0) add('bundleOffers', 1.2);
  if (f.topCategory && f.topCategory.share > 0.5) add('crossSell', 1);
  if (s.app < -0.3 && f.topDevice?.value === 'mobile') add('channelShiftApp', 1.2);
  if (f.meanOrders !== null && f.meanOrders <= 1.5 && archetype !== 'unassigned') add('secondPurchaseNudge', 1);
  // The second-purchase sentence is only true of customers with about one order.
  if (f.meanOrders === null || f.meanOrders > 2) score.delete('secondPurchaseNudge');
  return [...score.entries()]
    .filter(([id, w]) => w > 0 && NEEDS[id].every((k) => values[k] !== undefined))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([id]) => {
      const t = texts.actions[id];
      return { id, title: t.title, description: t.description, reason: t.reason(values) };
    });
}
