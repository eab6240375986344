import type { Locale } from '../core/Locale';
import { valueLabel } from './featureLabel';
import type { CategoryCounts } from './categoricalTraits';
import type { NumericComparison } from './numericTraits';
import type { ArchetypeId, CategoricalTrait, NumericTrait, SegmentPersona } from './PersonaResult';
import { categoricalTraitPhrase, joinPhrases, numericTraitPhrase } from './traitPhrase';
import { en } from './texts/en';
import { fr } from './texts/fr';
import type { PersonaTexts } from './texts/PersonaTexts';

/** A segment of the previous run a run is compared with, as naming sees it. */
export interface PreviousSegmentName {
  /** This run's segment it was matched to; null when it has no counterpart (gone, or too far). */
  id: number | null;
  name: string;
  /** Its archetype then; null when unknown (the name is then kept as it is). */
  archetype: ArchetypeId | null;
}

const ARCHETYPE_NAMES: Record<Locale, PersonaTexts['archetypes']> = { en: en.archetypes, fr: fr.archetypes };

/**
 * A previous segment's name as this run shows it: a plain archetype name written in another language is
 * that archetype's name in this run's language; a name the team chose, or one qualified by a trait, is
 * carried over as it was published.
 */
export function carriedName(segment: { name: string; archetype: ArchetypeId | null; customName: boolean }, from: Locale, to: Locale): string {
  const { name, archetype } = segment;
  if (from === to || segment.customName || archetype === null || ARCHETYPE_NAMES[from][archetype].name !== name) return name;
  return ARCHETYPE_NAMES[to][archetype].name;
}

/** A trait as a phrase with its effect size, so numeric and categorical traits rank on one scale. */
export interface RankedPhrase {
  feature: string;
  phrase: string;
  /** |Cohen's d| for numeric traits, |Cohen's h| for categorical values (0.2 small, 0.5 medium, 0.8 large). */
  effect: number;
}

/** Cohen's h: the effect size of a difference between two proportions. */
export function cohensH(p1: number, p0: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p0));
}

/** A segment's traits as phrases, strongest first, one per feature. */
export function rankedPhrases(traits: { numeric: readonly NumericTrait[]; categorical: readonly CategoricalTrait[] }, locale: Locale): RankedPhrase[] {
  const out: RankedPhrase[] = [
    ...traits.numeric.map((t) => ({ feature: t.feature, phrase: numericTraitPhrase(t.feature, t.label, t.unit, t.direction, locale, t.segmentMean), effect: Math.abs(t.stdDiff) })),
    ...traits.categorical.map((t) => ({ feature: t.feature, phrase: categoricalTraitPhrase(t.label, t.valueLabel ?? t.value, locale), effect: Math.abs(cohensH(t.segmentShare, t.baseShare)) })),
  ];
  out.sort((a, b) => b.effect - a.effect || a.phrase.localeCompare(b.phrase));
  const seen = new Set<string>();
  return out.filter((p) => (seen.has(p.feature) ? false : (seen.add(p.feature), true)));
}

export interface NamingContext {
  texts: PersonaTexts;
  locale: Locale;
  /** Names chosen by the team, by segment id. */
  custom: Readonly<Record<string, string>>;
  comparisons: readonly NumericComparison[];
  categories: readonly CategoryCounts[];
  /** Group index of each persona (same order as the personas). */
  groups: readonly number[];
  minGroupSize: number;
  label: (feature: string) => string;
  unit: (feature: string) => string | null;
  /** The previous run's segments when this run is compared with one (empty otherwise). */
  previous: readonly PreviousSegmentName[];
}

/** Phrases in a name made of traits; a longer name stops being one a reader remembers. */
const TRAIT_NAME_PHRASES = 3;
const TRAIT_NAME_MAX_CHARS = 70;

/**
 * A distinct name for every segment: the team's names first; archetype names; for 'traitProfile' the
 * segment's strongest traits in words ("Month-to-month, fiber optic, short tenure"); a second segment of
 * an archetype already taken is qualified by what sets it apart from the first ("Lapsed one-timers ·
 * big baskets"). A name is never repeated.
 *
 * Compared with a previous run: a segment matched to a previous one keeps that one's name while its
 * archetype is the same, else gets its new name and `renamedFrom`; no other segment takes a previous
 * segment's name (one name, one segment, in the whole comparison) — it is qualified by its strongest trait.
 */
export function nameSegments(personas: SegmentPersona[], archetypes: readonly { archetype: ArchetypeId; shared: boolean }[], ctx: NamingContext): void {
  const { texts, locale } = ctx;
  const taken = new Set<string>();
  const firstOf = new Map<ArchetypeId, number>();
  personas.forEach((p, i) => {
    if (!archetypes[i]!.shared && !firstOf.has(p.archetype)) firstOf.set(p.archetype, i);
  });
  const names: string[] = personas.map((p, i) => {
    const own = ctx.custom[String(p.id)];
    if (own !== undefined) return own.trim();
    const a = archetypes[i]!.archetype;
    if (a === 'traitProfile') return traitName(rankedPhrases(p.traits, locale)) ?? texts.archetypes.traitProfile.name;
    const base = texts.archetypes[a].name;
    if (!archetypes[i]!.shared) return base;
    const first = firstOf.get(a);
    const q = first === undefined ? rankedPhrases(p.traits, locale)[0]?.phrase : siblingQualifier(ctx.groups[i]!, ctx.groups[first]!, ctx);
    return q ? texts.qualified(base, q) : base;
  });
  const before = new Map(ctx.previous.filter((s) => s.id !== null).map((s) => [s.id!, s]));
  const reserved = new Set(ctx.previous.map((s) => s.name));
  const holderOf = new Map<string, number>();
  personas.forEach((p, i) => {
    const custom = ctx.custom[String(p.id)] !== undefined;
    if (custom) p.customName = true;
    const was = custom ? undefined : before.get(p.id);
    const keeps = was !== undefined && (was.archetype === null || was.archetype === p.archetype);
    let name = keeps ? was.name : names[i]!;
    // Custom names are the team's; any other name may not be a previous segment's other than this one's own.
    const blocked = (n: string): boolean => taken.has(n) || (!custom && reserved.has(n) && n !== was?.name);
    if (blocked(name) && !custom) {
      // Another segment has this name: add what tells this one from the segment holding it, else its own
      // strongest trait not yet in the name.
      const holder = holderOf.get(name);
      const sibling = holder === undefined ? null : siblingQualifier(ctx.groups[i]!, ctx.groups[holder]!, ctx);
      const candidates = [sibling, ...rankedPhrases(p.traits, locale).map((r) => r.phrase)].filter((q): q is string => q !== null && !name.toLowerCase().includes(q.toLowerCase()));
      const base = name;
      name = candidates.map((q) => texts.qualified(base, q)).find((n) => !blocked(n)) ?? name;
    }
    for (let n = 2; blocked(name); n++) name = `${names[i]} (${n})`;
    taken.add(name);
    holderOf.set(name, i);
    p.name = name;
    if (was !== undefined && name !== was.name) p.renamedFrom = was.name;
  });
}

function traitName(phrases: readonly RankedPhrase[], count = TRAIT_NAME_PHRASES): string | null {
  // Phrases that repeat another one ("no phone service" twice) do not count towards the name's length.
  const picked: string[] = [];
  for (const p of phrases) {
    if (picked.length >= count) break;
    if (joinPhrases([...picked, p.phrase]) !== joinPhrases(picked) || !picked.length) picked.push(p.phrase);
  }
  // Two phrases stay even when long: one alone rarely tells a segment from the others.
  while (picked.length > 2 && joinPhrases(picked).length > TRAIT_NAME_MAX_CHARS) picked.pop();
  return picked.length ? joinPhrases(picked) : null;
}

/**
 * What best tells group g from group h (the archetype's first segment), as a phrase read from g's side: the
 * largest effect among numeric features (difference of means in base standard deviations) and categorical
 * values (Cohen's h between the two groups' shares), counting only what both groups have enough customers
 * for and what may be published (a value held by at least minGroupSize of g's customers).
 */
function siblingQualifier(g: number, h: number, ctx: NamingContext): string | null {
  let best: { effect: number; phrase: () => string } | null = null;
  const consider = (effect: number, phrase: () => string): void => {
    if (Number.isFinite(effect) && (!best || Math.abs(effect) > Math.abs(best.effect))) best = { effect, phrase };
  };
  for (const c of ctx.comparisons) {
    if (c.n[g]! < ctx.minGroupSize || c.n[h]! < ctx.minGroupSize) continue;
    const d = (c.mean[g]! - c.mean[h]!) / c.baseSd;
    consider(d, () => numericTraitPhrase(c.feature, ctx.label(c.feature), ctx.unit(c.feature), d > 0 ? 'higher' : 'lower', ctx.locale, c.mean[g]));
  }
  for (const col of ctx.categories) {
    if (col.known[g]! < ctx.minGroupSize || col.known[h]! < ctx.minGroupSize) continue;
    col.values.forEach((value, k) => {
      const a = col.counts[k]![g]!;
      if (a < ctx.minGroupSize) return;
      const effect = cohensH(a / col.known[g]!, col.counts[k]![h]! / col.known[h]!);
      if (effect > 0) consider(effect, () => categoricalTraitPhrase(ctx.label(col.feature), valueLabel(value, ctx.locale), ctx.locale));
    });
  }
  const found = best as { effect: number; phrase: () => string } | null;
  return found && Math.abs(found.effect) >= 0.1 ? found.phrase() : null;
}
