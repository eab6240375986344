import type { Activity } from './PersonaResult';
import { ARCHETYPE_IDS, type ArchetypeId } from './PersonaResult';
import { mostlyOneTimers, type SegmentFacts } from './SegmentFacts';

/**
 * Archetypes a segment may take in each buying-cycle state: a name never contradicts the segment's own
 * absolute numbers (a segment that mostly has not bought for a year is never "loyal" or "steady", however
 * it compares with a base that is itself mostly inactive). The first of each list is the fallback.
 */
const ALLOWED: Record<Activity, readonly ArchetypeId[]> = {
  active: ['steadyMidValue', 'champions', 'highValueLoyal', 'bigSpendersOccasional', 'loyalRegulars', 'promoDriven', 'newcomers', 'promisingNewcomers', 'cartAbandoners', 'engagedBrowsers', 'lowValueOccasional'],
  overdue: ['atRisk', 'fadingOneTimers', 'promoDriven', 'newcomers', 'cartAbandoners', 'engagedBrowsers'],
  lapsed: ['lapsedRegulars', 'lapsedOneTimers', 'dormant', 'engagedBrowsers'],
  noOrders: ['dormant', 'engagedBrowsers', 'cartAbandoners', 'newcomers'],
};

/** Score of the fallback archetype of a state: any fitting archetype beats it. */
const FALLBACK_SCORE = 0.05;

/**
 * How well a segment fits each archetype. Higher is a better fit; -Infinity = does not fit. Two kinds of
 * evidence: the segment's buying-cycle state (absolute, see activityOf) decides which archetypes are
 * possible; within those, signals (standardised differences against the base, effect sizes: 0.5 ≈ "clearly
 * above", 0.8 ≈ "far above", Cohen's medium and large) and the value share pick one. NaN signals (feature
 * absent) make a condition false, so an archetype needs its evidence. Without order dates (a customer
 * snapshot such as a subscription base) no behavioural archetype applies: 'traitProfile'.
 */
export function archetypeScores(f: SegmentFacts): Record<ArchetypeId, number> {
  if (f.id < 0) return { ...allNo(), unassigned: 1 };
  const s = f.signals;
  const no = -Infinity;
  const gt = (v: number, t: number): boolean => v > t;
  const lt = (v: number, t: number): boolean => v < t;
  const oneTimers = mostlyOneTimers(f);
  // Value and frequency as ratios to the base as well as effect sizes: on heavy-tailed spend a segment with
  // 4× its share of revenue can sit only half a standard deviation above the mean. "High value" must be true
  // in money: the revenue share over the customer share.
  const valueRatio = f.kpis.revenueShare != null && f.share > 0 ? f.kpis.revenueShare / f.share : null;
  const freqLift = f.kpis.frequency != null && f.base.frequency != null && f.base.frequency > 0 ? f.kpis.frequency / f.base.frequency : null;
  const valueAtLeast = (r: number): boolean => valueRatio === null || valueRatio >= r;
  const highValue = (z: number, ratio: number): boolean => gt(s.value, z) || (valueRatio !== null && valueRatio >= ratio);
  const frequent = (z: number, lift: number): boolean => gt(s.frequency, z) || (freqLift !== null && freqLift >= lift);
  const recentAsBase = lt(s.recency, 0) || (f.kpis.recency != null && f.base.recency != null && f.kpis.recency <= f.base.recency);
  const strength = (ratio: number | null, z: number): number => Math.max(Number.isFinite(z) ? z : 0, ratio !== null ? Math.log2(ratio) : 0);
  const newish = lt(s.tenure, -0.7) || (f.tenureDays !== null && f.tenureDays < 180);
  const scores: Record<ArchetypeId, number> = {
    champions: highValue(0.8, 2.5) && frequent(0.8, 2) && recentAsBase && valueAtLeast(2) ? (strength(valueRatio, s.value) + strength(freqLift, s.frequency)) / 2 + 0.3 : no,
    highValueLoyal: highValue(0.5, 1.5) && frequent(0.3, 1.3) && lt(s.recency, 0.3) && valueAtLeast(1.5) ? (strength(valueRatio, s.value) + strength(freqLift, s.frequency)) / 2 : no,
    bigSpendersOccasional: gt(s.aov, 0.7) && lt(s.frequency, 0.3) ? s.aov - Math.max(0, s.frequency) : no,
    loyalRegulars: frequent(0.4, 1.3) && lt(s.recency, 0.3) && !oneTimers ? strength(freqLift, s.frequency) : no,
    promoDriven: gt(s.discount, 0.6) ? s.discount : no,
    newcomers: newish ? Math.max(-s.tenure, 0.7) : no,
    promisingNewcomers: newish && gt(s.engagement, 0.3) ? (Math.max(-s.tenure, 0.7) + s.engagement) / 2 + 0.2 : no,
    cartAbandoners: gt(s.cart, 0.6) ? s.cart : no,
    engagedBrowsers: gt(s.engagement, 0.6) && (lt(s.frequency, 0) || f.activity === 'noOrders') ? s.engagement : no,
    atRisk: !oneTimers ? 0.5 + Math.max(0, s.recency) : no,
    fadingOneTimers: oneTimers ? 0.5 + Math.max(0, s.recency) : no,
    lapsedRegulars: !oneTimers ? 0.5 + Math.max(0, s.recency) : no,
    lapsedOneTimers: oneTimers ? 0.6 + Math.max(0, s.recency) : no,
    dormant: f.activity === 'noOrders' || lt(s.engagement, -0.5) ? 0.5 + Math.max(0, -s.engagement || 0) : no,
    lowValueOccasional: lt(s.value, -0.4) && lt(s.frequency, -0.3) ? -(s.value + s.frequency) / 2 - 0.2 : no,
    steadyMidValue: no,
    traitProfile: no,
    unassigned: no,
  };
  if (f.activity === null) return { ...allNo(), traitProfile: FALLBACK_SCORE };
  const allowed = ALLOWED[f.activity];
  const out = allNo();
  for (const a of allowed) out[a] = scores[a];
  // Every state has a name of its own kind when nothing more specific fits.
  const fallback = f.activity === 'overdue' ? (oneTimers ? 'fadingOneTimers' : 'atRisk') : f.activity === 'lapsed' ? (oneTimers ? 'lapsedOneTimers' : 'lapsedRegulars') : allowed[0]!;
  out[fallback] = Math.max(out[fallback], FALLBACK_SCORE);
  return out;
}

function allNo(): Record<ArchetypeId, number> {
  return Object.fromEntries(ARCHETYPE_IDS.map((a) => [a, -Infinity])) as Record<ArchetypeId, number>;
}

/** Archetypes whose name is made for each segment (never shared, never qualified). */
const PER_SEGMENT: ReadonlySet<ArchetypeId> = new Set(['traitProfile', 'unassigned']);

/**
 * One archetype per segment, each archetype used once where possible: the best (segment, archetype)
 * pairs are taken greedily by score. A segment whose fitting archetypes are all taken gets its best
 * one again and `shared: true` (its name is then qualified by what sets it apart from the other).
 */
export function assignArchetypes(facts: readonly SegmentFacts[]): { archetype: ArchetypeId; shared: boolean }[] {
  const scores = facts.map(archetypeScores);
  const pairs: { s: number; a: ArchetypeId; score: number }[] = [];
  scores.forEach((sc, s) => {
    for (const [a, score] of Object.entries(sc) as [ArchetypeId, number][]) if (score > -Infinity) pairs.push({ s, a, score });
  });
  pairs.sort((x, y) => y.score - x.score || x.s - y.s || x.a.localeCompare(y.a));
  const out: ({ archetype: ArchetypeId; shared: boolean } | undefined)[] = new Array(facts.length);
  const used = new Set<ArchetypeId>();
  for (const p of pairs) {
    if (out[p.s] || (used.has(p.a) && !PER_SEGMENT.has(p.a))) continue;
    out[p.s] = { archetype: p.a, shared: false };
    used.add(p.a);
  }
  // Array.from, not out.map: map skips the holes, which are exactly the segments still to name.
  return Array.from(out, (o, s) => {
    if (o) return o;
    const best = pairs.find((p) => p.s === s)!;
    return { archetype: best.a, shared: true };
  });
}
