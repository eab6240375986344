import type { ActionId, ArchetypeId, KpiKey } from '../PersonaResult';

/** Values of a sentence, already formatted for the locale. */
export type V = Record<string, string>;

/**
 * Every sentence personas write, per locale. Sentences receive formatted values; the decisions
 * (which sentence, which action) are made once in personaCard / recommendActions, not per language.
 * A locale must provide every key: the compiler checks it.
 */
export interface PersonaTexts {
  archetypes: Record<ArchetypeId, { name: string; tagline: string }>;
  actions: Record<ActionId, { title: string; description: string; reason: (v: V) => string }>;
  kpis: Record<KpiKey, { label: string; description: (source: string[]) => string }>;
  /** The outcome KPI is named after the data's outcome ("Churn" → "Churn rate"). */
  outcomeRate: { label: (outcome: string) => string; description: (column: string) => string };
  /** "Name · qualifier" when two segments share an archetype. */
  qualified: (name: string, qualifier: string) => string;
  who: (v: V & { customers: string; share: string }) => string;
  whoTenure: (v: V & { tenure: string }) => string;
  overRepresented: (list: string) => string;
  traitItem: (v: V & { value: string; label: string; lift: string }) => string;
  behaviourFrequency: (v: V & { freq: string; baseFreq: string }) => string;
  behaviourAov: (v: V & { aov: string; baseAov: string }) => string;
  behaviourRecency: (v: V & { recency: string }) => string;
  behaviourNoOrders: (v: V & { share: string }) => string;
  valuesCategory: (v: V & { category: string; share: string; baseShare: string }) => string;
  /** No category stands out against the base. */
  valuesCategoryMix: string;
  /** The clv stage's value: mean CLV, the segment's share of all customer value and of the customers. */
  valuesClv: (v: V & { clv: string; valueShare: string; share: string }) => string;
  valuesDiscount: (level: 'high' | 'low' | 'average', v: V & { share: string; baseShare: string }) => string;
  valuesUnknown: string;
  channelMain: (v: V & { channel: string; share: string }) => string;
  channelDevice: (v: V & { device: string; share: string }) => string;
  channelEmail: (v: V & { optIn?: string; open?: string; baseOpen?: string }) => string;
  channelUnknown: string;
  timingDue: (v: V & { interval: string; recency: string }) => string;
  timingOverdue: (v: V & { interval: string; recency: string }) => string;
  timingOneOrder: (v: V & { recency: string }) => string;
  timingNoOrder: string;
  timingUnknown: string;
  risks: {
    churn: (v: V & { recency: string; baseRecency: string }) => string;
    margin: (v: V & { share: string; baseShare: string }) => string;
    cart: (v: V & { share: string; baseShare: string }) => string;
    reach: (v: V & { optIn: string }) => string;
    emailFatigue: (v: V & { open: string; baseOpen: string }) => string;
    concentration: (v: V & { revenue: string; customers: string }) => string;
    small: (v: V & { customers: string }) => string;
    churnScore: (v: V & { risk: string; baseRisk: string }) => string;
  };
  /** "What sets them apart: …" with the segment's strongest traits and their numbers. */
  apart: (list: string) => string;
  apartNumeric: (v: V & { label: string; value: string; base: string }) => string;
  apartCategorical: (v: V & { label: string; value: string; share: string; base: string }) => string;
  apartNone: string;
  /** Why a segment gets no action. */
  noActions: {
    noBehaviour: string;
    noneFits: string;
    outcomeNearBase: (v: V & { outcome: string; rate: string; baseRate: string }) => string;
  };
  outcomeRisk: (v: V & { outcome: string; rate: string; baseRate: string }) => string;
  suppressedSegment: (minGroupSize: string) => string;
  suppressedComplementary: (minGroupSize: string) => string;
  notes: {
    missingKpis: (labels: string) => string;
    suppressedSegments: (count: string, minGroupSize: string) => string;
    suppressedCells: (minGroupSize: string) => string;
    complementary: (minGroupSize: string) => string;
    traitsMethod: (alpha: string, minCustomers: string) => string;
    activityMethod: (cycle: string, overdueAfter: string) => string;
    noRfm: string;
    /** Which rate the outcome actions follow, when a model score is shown beside (or instead of) the data's outcome. */
    actionsFollow: (followed: string, other: string | null) => string;
  };
}
