import { ARCHETYPE_IDS, type ArchetypeId } from './PersonaResult';
import type { SegmentFacts } from './SegmentFacts';

/**
 * How well a segment fits each archetype, from its signals (standardised differences against the
 * base). Higher is a better fit; -Infinity = does not fit. The thresholds are effect sizes:
 * 0.5 ≈ "clearly above", 0.8 ≈ "far above" the base (Cohen's medium and large).
 * NaN signals (feature absent) make a condition false, so an archetype needs its evidence.
 */
export function archetypeScores(f: SegmentFacts): Record<ArchetypeId, number> {
  const s = f.signals;
  const no = -Infinity;
  const gt = (v: number, t: number): boolean => v > t;
  const lt = (v: number, t: number): boolean => v < t;
  const oneTimers = f.meanOrders !== null && f.meanOrders <= 1.5;
  const recencyDays = f.kpis.recency ?? null;
  // "Lapsed" also needs an absolute gap: a quarter without orders, and beyond their usual rhythm.
  const lapsedAbsolute = recencyDays !== null && recencyDays >= 120 && (f.interpurchase === null || recencyDays > 1.5 * f.interpurchase);
  const noOrders = f.noOrderShare !== null && f.noOrderShare >= 0.5;
  if (f.id < 0) return { ...allNo(), unassigned: 1 };
  return {
    champions: gt(s.value, 0.8) && gt(s.frequency, 0.8) && lt(s.recency, 0) ? (s.value + s.frequency) / 2 + 0.3 : no,
    highValueLoyal: gt(s.value, 0.5) && gt(s.frequency, 0.3) && lt(s.recency, 0.3) ? (s.value + s.frequency) / 2 : no,
    bigSpendersOccasional: gt(s.aov, 0.7) && lt(s.frequency, 0.3) ? s.aov - Math.max(0, s.frequency) : no,
    loyalRegulars: gt(s.frequency, 0.4) && lt(s.recency, 0.3) ? s.frequency : no,
    promoDriven: gt(s.discount, 0.6) ? s.discount : no,
    newcomers: lt(s.tenure, -0.7) ? -s.tenure : no,
    promisingNewcomers: lt(s.tenure, -0.7) && gt(s.engagement, 0.3) ? (-s.tenure + s.engagement) / 2 + 0.2 : no,
    cartAbandoners: gt(s.cart, 0.6) ? s.cart : no,
    engagedBrowsers: gt(s.engagement, 0.6) && (lt(s.frequency, 0) || noOrders) ? s.engagement : no,
    atRisk: gt(s.recency, 0.3) && !lapsedAbsolute && !lt(s.frequency, -0.3) ? s.recency + 0.2 : no,
    lapsedRegulars: lapsedAbsolute && gt(s.recency, 0.5) && !oneTimers ? s.recency : no,
    lapsedOneTimers: lapsedAbsolute && gt(s.recency, 0.5) && oneTimers ? s.recency + 0.3 : no,
    dormant: (lapsedAbsolute || noOrders) && lt(s.engagement, -0.5) ? -s.engagement : no,
    lowValueOccasional: lt(s.value, -0.4) && lt(s.frequency, -0.3) ? -(s.value + s.frequency) / 2 - 0.2 : no,
    steadyMidValue: 0.05,
    unassigned: no,
  };
}

function allNo(): Record<ArchetypeId, number> {
  return Object.fromEntries(ARCHETYPE_IDS.map((a) => [a, -Infinity])) as Record<ArchetypeId, number>;
}

/**
 * One archetype per segment, each archetype used once where possible: the best (segment, archetype)
 * pairs are taken greedily by score. A segment whose fitting archetypes are all taken gets its best
 * one again and `shared: true` (its name is then qualified by its most distinctive trait).
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
    if (out[p.s] || used.has(p.a)) continue;
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
