import { checkParam, InputError } from '../core/errors';
import type { Locale } from '../core/Locale';
import { localeFormatter } from '../core/localeFormatter';
import { countCategories, categoricalTraits, type CategoryCounts } from './categoricalTraits';
import { computeKpis } from './computeKpis';
import { factValues } from './factValues';
import { featureLabel, valueLabel } from './featureLabel';
import { kpiDefinitions } from './kpiCatalogue';
import { compareNumeric, numericTraits, type NumericComparison } from './numericTraits';
import { personaCard } from './personaCard';
import type { PersonaColumn, PersonaInput, PersonaOutcome } from './PersonaInput';
import { resolvePersonaParams, type PersonaParams } from './PersonaParams';
import { PERSONA_RESULT_SCHEMA_VERSION, type KpiKey, type PersonaResult, type SegmentEntry, type SegmentPersona } from './PersonaResult';
import { rfmGrid } from './rfmGrid';
import { suppressCells } from './complementarySuppression';
import { assignArchetypes } from './archetypeScores';
import { SegmentGroups } from './SegmentGroups';
import { activityOf, segmentSignals, topShare, topValue, type SegmentFacts } from './SegmentFacts';
import { nameSegments } from './nameSegments';
import { en } from './texts/en';
import { fr } from './texts/fr';
import type { PersonaTexts } from './texts/PersonaTexts';

const TEXTS: Record<Locale, PersonaTexts> = { en, fr };

/**
 * Personas from segment labels and the feature table: size and KPIs per segment, distinctive
 * traits against the whole base, a name, a persona card and recommended actions, in English or
 * French. Segments, categorical values and RFM cells with fewer than `minGroupSize` customers are
 * suppressed in every part of the result. Data only: rendering is the report's job.
 */
export function buildPersonas(input: PersonaInput, params: PersonaParams = {}): PersonaResult {
  const p = resolvePersonaParams(params);
  validateInput(input);
  const texts = TEXTS[p.locale];
  const fmt = localeFormatter(p.locale, p.currency);
  const meta = new Map<string, PersonaColumn>((input.columns ?? []).map((c) => [c.name, c]));
  const outcome = input.outcome ?? null;
  const score = input.score ?? null;
  // The rate the outcome actions follow: a risk score looks ahead, the outcome back; else the outcome, else the score.
  const acted = score && (score.higherIsBetter === false || !outcome) ? score : outcome;
  // The outcome is a KPI, never a trait: it leaves the columns traits are computed from.
  const numeric: Record<string, Float64Array> = { ...input.numeric };
  const categoricalInput: Record<string, readonly (string | null)[]> = { ...input.categorical };
  if (outcome) {
    delete numeric[outcome.column];
    delete categoricalInput[outcome.column];
  }
  const numericNames = Object.keys(numeric);
  const categoricalNames = Object.keys(categoricalInput);
  for (const [key, column] of Object.entries(p.kpiColumns)) {
    checkParam(numericNames.includes(column!), `kpiColumns.${key}`, column, `a numeric column of the input (${numericNames.join(', ')})`);
  }
  const label = (f: string): string => p.labels[f] ?? featureLabel(f, p.locale);
  const unit = (f: string): string | null => meta.get(f)?.unit ?? null;

  const groups = new SegmentGroups(input.labels);
  const segmentIds = groups.ids.filter((id) => id >= 0);
  p.previous.forEach((s, i) => {
    checkParam(s.id === null || segmentIds.includes(s.id), `previous[${i}].id`, s.id, `null or a segment id of this run (${segmentIds.join(', ')})`);
  });
  const OUTCOME_KEY = '\u0000outcome';
  const SCORE_KEY = '\u0000score';
  const kpiInput: PersonaInput = { ...input, numeric: { ...numeric, ...(outcome ? { [OUTCOME_KEY]: outcome.values } : {}), ...(score ? { [SCORE_KEY]: score.values } : {}) }, categorical: categoricalInput };
  const overrides: Partial<Record<KpiKey, string>> = { ...(p.kpiColumns as Partial<Record<KpiKey, string>>), ...(outcome ? { outcomeRate: OUTCOME_KEY } : {}), ...(score ? { modelScore: SCORE_KEY } : {}) };
  const { definitions: rawDefinitions, missing } = kpiDefinitions(new Set(Object.keys(kpiInput.numeric)), overrides, texts);
  const definitions = rawDefinitions.map((d) =>
    d.key === 'outcomeRate' && outcome
      ? { ...d, label: texts.outcomeRate.label(outcome.label), description: texts.outcomeRate.description(outcome.column), source: [outcome.column], higherIsBetter: outcome.higherIsBetter }
      : d.key === 'modelScore' && score
        ? { ...d, label: score.label, description: texts.kpis.modelScore.description([score.column]), source: [score.column], higherIsBetter: score.higherIsBetter }
        : d,
  );
  const kpis = computeKpis(rawDefinitions, kpiInput, groups);
  const comparisons = compareNumeric(numeric, numericNames, groups);
  const excluded = new Set(p.excludeTraits ?? numericNames.filter((n) => unit(n) === 'score'));
  const traitComparisons = comparisons.filter((c) => !excluded.has(c.feature));
  const categories = categoricalNames.map((n) => countCategories(categoricalInput[n]!, n, groups));
  // rfm_segment is computed from the same recency and frequency the segments come from: a trait on it
  // restates the clustering instead of describing the customers (the RFM grid shows it instead).
  const excludedCategorical = new Set(p.excludeTraits ?? ['rfm_segment']);
  const traitCategories = categories.filter((c) => !excludedCategorical.has(c.feature));
  const byFeature = new Map(comparisons.map((c) => [c.feature, c]));

  // Small segments are suppressed, and one more when a single small one could be derived from the total.
  const hidden = suppressCells(groups.sizes, p.minGroupSize);
  const shownGroups: number[] = [];
  for (let g = 0; g < groups.count; g++) if (!hidden.primary[g] && !hidden.complementary[g]) shownGroups.push(g);
  const interpurchase = numeric.interpurchase_days ? groups.medians(numeric.interpurchase_days) : null;
  const perGroup: PerGroupFacts = {
    interpurchase: interpurchase?.median ?? null,
    cycleDays: interpurchase && Number.isFinite(interpurchase.base) ? interpurchase.base : null,
    withOrders: numeric.frequency ? countPositive(numeric.frequency, groups) : null,
    oneOrder: numeric.frequency ? countEqual(numeric.frequency, 1, groups) : null,
    active90: numeric.orders_90d ? countPositive(numeric.orders_90d, groups) : null,
    active365: numeric.orders_365d ? countPositive(numeric.orders_365d, groups) : null,
    tenure: numeric.tenure_days ? groups.medians(numeric.tenure_days).median : null,
    outcome: acted ? outcomeRates(acted.values, groups) : null,
    atRisk: input.valueAtRisk ? groups.moments(input.valueAtRisk.flags).sum : null,
  };
  const facts = shownGroups.map((g) => segmentFacts(g, groups, kpis, perGroup, byFeature, comparisons, categories, p.minGroupSize, acted, input.valueAtRisk ?? null));
  const archetypes = assignArchetypes(facts);

  const personas: SegmentPersona[] = shownGroups.map((g, s) => {
    const f = facts[s]!;
    const { archetype } = archetypes[s]!;
    const numericTraitList = numericTraits(traitComparisons, g, p.maxNumericTraits, label, unit, p.minGroupSize);
    const categorical = categoricalTraits(traitCategories, g, { alpha: p.alpha, minGroupSize: p.minGroupSize, max: p.maxCategoricalTraits, label, valueLabel: (v) => valueLabel(v, p.locale) });
    const values = factValues(f, fmt);
    return {
      id: f.id,
      suppressed: false,
      name: texts.archetypes[archetype].name,
      archetype,
      activity: f.activity,
      customName: false,
      size: f.size,
      share: f.share,
      kpis: f.kpis,
      traits: { numeric: numericTraitList, categorical },
      card: personaCard(archetype, f, values, { numeric: numericTraitList, categorical }, texts, fmt, p.minGroupSize),
    };
  });
  nameSegments(personas, archetypes, { texts, locale: p.locale, custom: p.names, comparisons: traitComparisons, categories: traitCategories, groups: shownGroups, minGroupSize: p.minGroupSize, label, unit, previous: p.previous });

  const shownIds = new Set(personas.map((s) => s.id));
  const segments: SegmentEntry[] = groups.ids.map(
    (id, g) =>
      personas.find((s) => s.id === id) ??
      (hidden.complementary[g]
        ? { id, suppressed: true as const, why: 'complementary' as const, reason: texts.suppressedComplementary(fmt.integer(p.minGroupSize)) }
        : { id, suppressed: true as const, why: 'small' as const, reason: texts.suppressedSegment(fmt.integer(p.minGroupSize)) }),
  );
  let suppressedCustomers = 0;
  for (let g = 0; g < groups.count; g++) if (!shownIds.has(groups.ids[g]!)) suppressedCustomers += groups.sizes[g]!;
  const noiseGroup = groups.ids.indexOf(-1);
  const noise = noiseGroup < 0 ? 0 : groups.sizes[noiseGroup]!;

  const notes: string[] = [texts.notes.traitsMethod(fmt.percent(1 - p.alpha), fmt.integer(p.minGroupSize))];
  const missingLabels = missing.filter((k) => k !== 'churnRisk' && k !== 'clv' && k !== 'valueShare' && k !== 'pAlive' && k !== 'outcomeRate' && k !== 'modelScore').map((k) => texts.kpis[k].label);
  if (missingLabels.length) notes.push(texts.notes.missingKpis(missingLabels.join(', ')));
  const suppressedCount = groups.count - personas.length;
  if (suppressedCount) notes.push(texts.notes.suppressedSegments(fmt.integer(suppressedCount), fmt.integer(p.minGroupSize)));
  if (hidden.complementary.some(Boolean)) notes.push(texts.notes.complementary(fmt.integer(p.minGroupSize)));
  notes.push(texts.notes.suppressedCells(fmt.integer(p.minGroupSize)));
  if (facts.some((f) => f.activity !== null) && perGroup.cycleDays !== null) notes.push(texts.notes.activityMethod(fmt.duration(perGroup.cycleDays), fmt.duration(2 * perGroup.cycleDays)));
  const r = numeric.r_score;
  const fScore = numeric.f_score;
  if (!r || !fScore) notes.push(texts.notes.noRfm);
  if (score && acted) notes.push(texts.notes.actionsFollow(acted === score ? score.label : texts.outcomeRate.label(acted.label), outcome ? (acted === score ? texts.outcomeRate.label(outcome.label) : score.label) : null));

  return {
    schemaVersion: PERSONA_RESULT_SCHEMA_VERSION,
    locale: p.locale,
    minGroupSize: p.minGroupSize,
    alpha: p.alpha,
    currency: p.currency,
    base: {
      customers: groups.rows,
      segmentsShown: personas.length,
      segmentsSuppressed: suppressedCount,
      suppressedCustomers: suppressedCustomers === 0 || suppressedCustomers >= p.minGroupSize ? suppressedCustomers : null,
      noise: noise === 0 || noise >= p.minGroupSize ? noise : null,
      kpis: kpis.base,
    },
    kpiDefinitions: definitions,
    segments,
    rfm: r && fScore ? rfmGrid(r, fScore, groups, shownIds, p.minGroupSize) : null,
    notes,
    ...(score && acted ? { actionsFollow: acted === score ? ('score' as const) : ('outcome' as const) } : {}),
  };
}

interface PerGroupFacts {
  interpurchase: Float64Array | null;
  cycleDays: number | null;
  withOrders: Float64Array | null;
  oneOrder: Float64Array | null;
  active90: Float64Array | null;
  active365: Float64Array | null;
  tenure: Float64Array | null;
  outcome: { rate: Float64Array; base: number } | null;
  /** High-value customers probably leaving, per group. */
  atRisk: Float64Array | null;
}

function segmentFacts(
  g: number,
  groups: SegmentGroups,
  kpis: ReturnType<typeof computeKpis>,
  perGroup: PerGroupFacts,
  byFeature: ReadonlyMap<string, NumericComparison>,
  comparisons: readonly NumericComparison[],
  categories: readonly CategoryCounts[],
  minGroupSize: number,
  outcome: PersonaOutcome | null,
  valueAtRisk: PersonaInput['valueAtRisk'] | null,
): SegmentFacts {
  const z = (f: string): number => byFeature.get(f)?.stdDiff[g] ?? NaN;
  const mean = (f: string): number | null => {
    const v = byFeature.get(f)?.mean[g];
    return v !== undefined && Number.isFinite(v) ? v : null;
  };
  const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);
  const share = (counts: Float64Array | null): number | null => (counts ? counts[g]! / groups.sizes[g]! : null);
  const app = byFeature.get('channel_share_app');
  const facts: SegmentFacts = {
    id: groups.ids[g]!,
    size: groups.sizes[g]!,
    share: groups.sizes[g]! / groups.rows,
    kpis: kpis.perGroup[g]!,
    base: kpis.base,
    signals: segmentSignals(z),
    interpurchase: finite(perGroup.interpurchase?.[g]),
    meanOrders: mean('frequency'),
    oneOrderShare: perGroup.oneOrder && perGroup.withOrders && perGroup.withOrders[g]! > 0 ? perGroup.oneOrder[g]! / perGroup.withOrders[g]! : null,
    // Customers without an order have frequency 0 (or missing).
    noOrderShare: perGroup.withOrders ? 1 - perGroup.withOrders[g]! / groups.sizes[g]! : null,
    sessions90: mean('sessions_90d'),
    topCategory: topShare(comparisons, 'cat_share_', g, 'distinctive'),
    topChannel: topShare(comparisons, 'channel_share_', g),
    appShare: app && Number.isFinite(app.mean[g]!) ? { share: app.mean[g]!, baseShare: app.baseMean } : null,
    topDevice: topValue(categories.find((c) => c.feature === 'device'), g, minGroupSize),
    cycleDays: perGroup.cycleDays,
    active90: share(perGroup.active90),
    active365: share(perGroup.active365),
    activity: null,
    tenureDays: finite(perGroup.tenure?.[g]),
    ordersLast12m: mean('orders_365d'),
    outcome:
      outcome && perGroup.outcome && Number.isFinite(perGroup.outcome.rate[g]!)
        ? { label: outcome.label, rate: perGroup.outcome.rate[g]!, baseRate: perGroup.outcome.base, higherIsBetter: outcome.higherIsBetter }
        : null,
    // A count below minGroupSize is not published (nor acted on by name).
    valueAtRisk: valueAtRisk && perGroup.atRisk && perGroup.atRisk[g]! >= minGroupSize ? { count: perGroup.atRisk[g]!, topShare: valueAtRisk.topShare, leavingBelow: valueAtRisk.leavingBelow } : null,
  };
  facts.activity = activityOf(facts);
  return facts;
}

/** Share of 1s among the known (non-NaN) outcome values, per group and over the base. */
function outcomeRates(values: Float64Array, groups: SegmentGroups): { rate: Float64Array; base: number } {
  const m = groups.moments(values);
  return { rate: m.mean, base: m.baseMean };
}

/** Customers per group with exactly this value. */
function countEqual(values: Float64Array, target: number, groups: SegmentGroups): Float64Array {
  const out = new Float64Array(groups.count);
  for (let i = 0; i < values.length; i++) if (values[i] === target) out[groups.groupOf[i]!]!++;
  return out;
}

/** Customers per group with a positive value (e.g. at least one order). */
function countPositive(values: Float64Array, groups: SegmentGroups): Float64Array {
  const out = new Float64Array(groups.count);
  for (let i = 0; i < values.length; i++) if (values[i]! > 0) out[groups.groupOf[i]!]!++;
  return out;
}

function validateInput(input: PersonaInput): void {
  checkParam(typeof input === 'object' && input !== null, 'input', input, 'an object with labels, numeric and categorical columns');
  const n = input.labels?.length;
  checkParam(Number.isInteger(n) && n > 0, 'input.labels', n, 'a non-empty array of segment ids');
  const problems = [];
  for (let i = 0; i < n; i++) {
    const l = input.labels[i]!;
    if (!Number.isInteger(l) || l < -1) {
      problems.push({ severity: 'error' as const, check: 'bad-label', message: `segment id ${String(l)} is not an integer >= -1`, location: { row: i + 1 } });
      break;
    }
  }
  const extra = [...(input.outcome ? [[`outcome ${input.outcome.column}`, input.outcome.values] as const] : []), ...(input.score ? [[`score ${input.score.column}`, input.score.values] as const] : [])];
  for (const [name, col] of [...Object.entries(input.numeric), ...Object.entries(input.categorical), ...extra]) {
    if (col.length !== n) problems.push({ severity: 'error' as const, check: 'length', message: `column "${name}" has ${col.length} rows, labels have ${n}`, location: { column: name }, hint: 'pass columns and labels of the same customers in the same order' });
  }
  if (problems.length) throw new InputError('Personas need one label and one value per customer in every column.', problems);
}
