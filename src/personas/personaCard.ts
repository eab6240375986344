import type { LocaleFormatter } from '../core/localeFormatter';
import type { ArchetypeId, CategoricalTrait, NumericTrait, PersonaCard } from './PersonaResult';
import { valueLabel } from './featureLabel';
import { cohensH } from './nameSegments';
import { outcomeAction, recommendActions } from './recommendActions';
import { mostlyOneTimers, type SegmentFacts } from './SegmentFacts';
import type { PersonaTexts, V } from './texts/PersonaTexts';

/** Effect size from which a difference is worth a sentence (Cohen's medium effect). */
const NOTABLE = 0.5;

/**
 * The persona card of one segment: each line picks its sentence from the facts (the same decision
 * in every language) and fills it with the segment's formatted numbers.
 */
export function personaCard(
  archetype: ArchetypeId,
  f: SegmentFacts,
  values: V,
  traits: { numeric: readonly NumericTrait[]; categorical: readonly CategoricalTrait[] },
  texts: PersonaTexts,
  fmt: LocaleFormatter,
  minGroupSize: number,
): PersonaCard {
  const s = f.signals;
  const { categorical } = traits;
  const has = (...keys: string[]): boolean => keys.every((k) => values[k] !== undefined);

  const who = [texts.who({ customers: values.customers!, share: values.share! })];
  if (has('tenure')) who.push(texts.whoTenure({ tenure: values.tenure! }));
  if (categorical.length) {
    const list = categorical.slice(0, 3).map((t) => texts.traitItem({ value: t.valueLabel, label: t.label.toLowerCase(), lift: fmt.lift(t.lift) }));
    who.push(texts.overRepresented(list.join(', ')));
  }

  const behaviour: string[] = [];
  if (f.noOrderShare !== null && f.noOrderShare >= 0.5) behaviour.push(texts.behaviourNoOrders({ share: fmt.percent(f.noOrderShare) }));
  if (has('freq', 'baseFreq')) behaviour.push(texts.behaviourFrequency({ freq: values.freq!, baseFreq: values.baseFreq! }));
  if (has('aov', 'baseAov')) behaviour.push(texts.behaviourAov({ aov: values.aov!, baseAov: values.baseAov! }));
  if (has('recency')) behaviour.push(texts.behaviourRecency({ recency: values.recency! }));

  const valueLines: string[] = [];
  if (f.topCategory && f.topCategory.stdDiff >= 0.2) valueLines.push(texts.valuesCategory({ category: values.category!, share: values.categoryShare!, baseShare: values.baseCategoryShare! }));
  else if (f.topCategory) valueLines.push(texts.valuesCategoryMix);
  if (has('disc', 'baseDisc')) {
    const level = s.discount > NOTABLE ? 'high' : s.discount < -NOTABLE ? 'low' : 'average';
    valueLines.push(texts.valuesDiscount(level, { share: values.disc!, baseShare: values.baseDisc! }));
  }
  if (has('clv', 'valueShare')) valueLines.push(texts.valuesClv({ clv: values.clv!, valueShare: values.valueShare!, share: values.share! }));

  const channel: string[] = [];
  if (f.topChannel) channel.push(texts.channelMain({ channel: values.channel!, share: values.channelShare! }));
  if (f.topDevice) channel.push(texts.channelDevice({ device: valueLabel(f.topDevice.value, fmt.locale), share: fmt.percent(f.topDevice.share) }));
  if (has('optIn') || has('open')) channel.push(texts.channelEmail({ optIn: values.optIn, open: values.open, baseOpen: values.baseOpen }));

  let timing: string;
  const recency = f.kpis.recency ?? null;
  if (f.noOrderShare !== null && f.noOrderShare >= 0.5) timing = texts.timingNoOrder;
  else if (recency === null) timing = texts.timingUnknown;
  else if (mostlyOneTimers(f)) timing = texts.timingOneOrder({ recency: values.recency! });
  else if (f.interpurchase !== null && recency > 1.5 * f.interpurchase) timing = texts.timingOverdue({ recency: values.recency!, interval: values.interval! });
  else if (f.interpurchase !== null) timing = texts.timingDue({ recency: values.recency!, interval: values.interval! });
  else timing = texts.timingOneOrder({ recency: values.recency! });

  const risks: string[] = [];
  if (s.recency > NOTABLE && has('recency', 'baseRecency')) risks.push(texts.risks.churn({ recency: values.recency!, baseRecency: values.baseRecency! }));
  const churn = f.kpis.churnRisk;
  const baseChurn = f.base.churnRisk;
  if (churn != null && baseChurn != null && churn > baseChurn * 1.15) risks.push(texts.risks.churnScore({ risk: values.risk!, baseRisk: values.baseRisk! }));
  if (s.discount > NOTABLE && has('disc', 'baseDisc')) risks.push(texts.risks.margin({ share: values.disc!, baseShare: values.baseDisc! }));
  if (s.cart > NOTABLE && has('cart', 'baseCart')) risks.push(texts.risks.cart({ share: values.cart!, baseShare: values.baseCart! }));
  const optIn = f.kpis.emailOptIn;
  if (optIn != null && optIn < 0.6) risks.push(texts.risks.reach({ optIn: values.optIn! }));
  if (s.email < -NOTABLE && has('open', 'baseOpen')) risks.push(texts.risks.emailFatigue({ open: values.open!, baseOpen: values.baseOpen! }));
  if (f.outcome && f.outcome.higherIsBetter === false && outcomeAction(f) === 'retentionOffer') {
    risks.push(texts.outcomeRisk({ outcome: f.outcome.label, rate: values.outcomeRate!, baseRate: values.baseOutcomeRate! }));
  }
  const rev = f.kpis.revenueShare;
  if (rev != null && rev > 0.3 && rev > 2 * f.share) risks.push(texts.risks.concentration({ revenue: values.revenueShare!, customers: values.share! }));
  if (f.size < 2 * minGroupSize) risks.push(texts.risks.small({ customers: values.customers! }));

  const actions = recommendActions(archetype, f, values, texts);
  let actionsNote: string | null = null;
  if (!actions.length) {
    actionsNote = f.outcome
      ? texts.noActions.outcomeNearBase({ outcome: f.outcome.label.toLowerCase(), rate: values.outcomeRate!, baseRate: values.baseOutcomeRate! })
      : f.activity === null
        ? texts.noActions.noBehaviour
        : texts.noActions.noneFits;
  }

  return {
    tagline: texts.archetypes[archetype].tagline,
    who: who.join(' '),
    behaviour: behaviour.join(' '),
    values: valueLines.length ? valueLines.join(' ') : texts.valuesUnknown,
    channel: channel.length ? channel.join(' ') : texts.channelUnknown,
    timing,
    risks,
    apart: apartLine(traits, texts, fmt),
    actions,
    actionsNote,
  };
}

/** The three strongest traits (numeric by |d|, categorical by |h|) with the segment's and the base's numbers. */
function apartLine(traits: { numeric: readonly NumericTrait[]; categorical: readonly CategoricalTrait[] }, texts: PersonaTexts, fmt: LocaleFormatter): string {
  const items = [
    ...traits.numeric.map((t) => ({
      effect: Math.abs(t.stdDiff),
      // "Tenure (days)" is a column header; the sentence gives the duration in words.
      text: texts.apartNumeric({ label: sentenceLabel(t.label), value: formatByUnit(t.segmentMean, t.unit, fmt), base: formatByUnit(t.baseMean, t.unit, fmt) }),
    })),
    ...traits.categorical.map((t) => ({
      effect: Math.abs(cohensH(t.segmentShare, t.baseShare)),
      text: texts.apartCategorical({ label: t.label, value: t.valueLabel, share: fmt.percent(t.segmentShare), base: fmt.percent(t.baseShare) }),
    })),
  ].sort((a, b) => b.effect - a.effect);
  return items.length ? texts.apart(items.slice(0, 3).map((i) => i.text).join('; ')) : texts.apartNone;
}

/** A label inside a sentence: lower case after the first word's capital, no "(days)" suffix. */
function sentenceLabel(label: string): string {
  return label.replace(/\s*\((days|jours)\)$/, '');
}

/** A trait's mean as its unit reads in a sentence: days as a duration in words, anything else as the report's tables print it. */
function formatByUnit(v: number, unit: string | null, fmt: LocaleFormatter): string {
  return unit === 'days' ? fmt.duration(v) : fmt.byUnit(unit, v);
}
