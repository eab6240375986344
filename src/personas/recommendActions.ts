import type { ActionId, ArchetypeId, PersonaAction } from './PersonaResult';
import { mostlyOneTimers, type SegmentFacts } from './SegmentFacts';
import type { PersonaTexts, V } from './texts/PersonaTexts';

/** The actions each archetype calls for first, with their weight (a catalogue a CRM team recognises). */
const BY_ARCHETYPE: Record<ArchetypeId, Partial<Record<ActionId, number>>> = {
  champions: { vipEarlyAccess: 3, referralProgramme: 2.5, crossSell: 1 },
  highValueLoyal: { vipEarlyAccess: 3, loyaltyProgramme: 2, crossSell: 1.5 },
  bigSpendersOccasional: { crossSell: 2.5, loyaltyProgramme: 2, reengagementSeries: 1 },
  loyalRegulars: { loyaltyProgramme: 3, referralProgramme: 1.5, crossSell: 1.5 },
  promoDriven: { valueMessaging: 3, bundleOffers: 1.5, loyaltyProgramme: 1 },
  // No loyalty programme for newcomers: a few orders in their first weeks are not yet a rhythm.
  newcomers: { onboardingSeries: 3, secondPurchaseNudge: 2.5 },
  promisingNewcomers: { onboardingSeries: 3, secondPurchaseNudge: 2.5, crossSell: 1 },
  cartAbandoners: { cartRecovery: 3, browseAbandonment: 1.5 },
  engagedBrowsers: { browseAbandonment: 3, secondPurchaseNudge: 1.5 },
  atRisk: { reengagementSeries: 3, loyaltyProgramme: 1 },
  lapsedRegulars: { winBack: 3, reengagementSeries: 1.5 },
  lapsedOneTimers: { winBack: 3, secondPurchaseNudge: 1.5, sunsetPolicy: 1 },
  fadingOneTimers: { secondPurchaseNudge: 3, reengagementSeries: 2 },
  dormant: { winBack: 2.5, sunsetPolicy: 2 },
  lowValueOccasional: { valueMessaging: 2, bundleOffers: 2, secondPurchaseNudge: 1.5 },
  steadyMidValue: { loyaltyProgramme: 2, crossSell: 2 },
  traitProfile: {},
  unassigned: {},
};

/** Values an action's reason needs: it is only recommended when they are known. */
const NEEDS: Record<ActionId, string[]> = {
  vipEarlyAccess: ['revenueShare', 'share'],
  loyaltyProgramme: ['freq12m'],
  referralProgramme: ['freq12m'],
  crossSell: ['category', 'categoryShare'],
  secondPurchaseNudge: ['oneOrder'],
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
  retentionOffer: ['outcomeRate', 'baseOutcomeRate'],
  protectAndGrow: ['outcomeRate', 'baseOutcomeRate'],
  prioritiseOutreach: ['outcomeRate', 'baseOutcomeRate'],
  reduceContactPressure: ['outcomeRate', 'baseOutcomeRate'],
  keepHighValue: ['highValueLeaving', 'topShare', 'leavingBelow'],
};

/** An outcome rate this far from the base (relative, both ways) calls for an outcome action: our alert rule. */
export const OUTCOME_ACTION_CHANGE = 0.15;

/** The outcome action a segment's rate calls for, or null when the rate is near the base (or its direction unknown). */
export function outcomeAction(f: SegmentFacts): ActionId | null {
  const o = f.outcome;
  if (!o || o.higherIsBetter === null || !(o.baseRate > 0)) return null;
  const high = o.rate > o.baseRate * (1 + OUTCOME_ACTION_CHANGE);
  const low = o.rate < o.baseRate * (1 - OUTCOME_ACTION_CHANGE);
  if (!high && !low) return null;
  if (o.higherIsBetter) return high ? 'prioritiseOutreach' : 'reduceContactPressure';
  return high ? 'retentionOffer' : 'protectAndGrow';
}

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
  if (mostlyOneTimers(f) && archetype !== 'unassigned') add('secondPurchaseNudge', 1);
  // What the data's own outcome says comes first: it is the number the segment is judged on.
  const byOutcome = outcomeAction(f);
  if (byOutcome) add(byOutcome, 3.5);
  // Valuable customers the purchase model sees leaving: the money at stake is named, so it comes first.
  if (f.valueAtRisk) add('keepHighValue', 5);
  // The second-purchase sentence is only true of segments whose buyers mostly ordered once.
  if (!mostlyOneTimers(f)) score.delete('secondPurchaseNudge');
  return [...score.entries()]
    .filter(([id, w]) => w > 0 && NEEDS[id].every((k) => values[k] !== undefined))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([id]) => {
      const t = texts.actions[id];
      return { id, title: t.title, description: t.description, reason: t.reason(values) };
    });
}
