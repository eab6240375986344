import type { KpiAggregate, KpiDefinition, KpiKey, KpiUnit } from './PersonaResult';
import type { PersonaTexts } from './texts/PersonaTexts';

interface KpiSpec {
  key: KpiKey;
  unit: KpiUnit;
  aggregate: KpiAggregate;
  higherIsBetter: boolean | null;
  /** Candidate sources, first available wins (each an array: ratioOfSums needs two columns). */
  sources: string[][];
}

/**
 * The KPIs of a persona, each with the feature columns it may come from. Revenue uses the last
 * 12 months when the feature layer computed them (a quarterly review cares about the recent year),
 * else all-time spend. churnRisk and clv read a per-customer column once those modules exist.
 */
const SPECS: readonly KpiSpec[] = [
  { key: 'customers', unit: 'count', aggregate: 'count', higherIsBetter: null, sources: [[]] },
  { key: 'share', unit: 'share', aggregate: 'share', higherIsBetter: null, sources: [[]] },
  { key: 'revenueShare', unit: 'share', aggregate: 'sumShare', higherIsBetter: null, sources: [['spend_365d'], ['monetary_total']] },
  { key: 'revenuePerCustomer', unit: 'currency', aggregate: 'mean', higherIsBetter: true, sources: [['spend_365d'], ['monetary_total']] },
  { key: 'aov', unit: 'currency', aggregate: 'ratioOfSums', higherIsBetter: true, sources: [['monetary_total', 'frequency']] },
  { key: 'frequency', unit: 'orders', aggregate: 'mean', higherIsBetter: true, sources: [['orders_365d'], ['frequency']] },
  { key: 'recency', unit: 'days', aggregate: 'median', higherIsBetter: false, sources: [['recency_days']] },
  { key: 'tenure', unit: 'days', aggregate: 'median', higherIsBetter: null, sources: [['tenure_days']] },
  { key: 'discountShare', unit: 'share', aggregate: 'mean', higherIsBetter: false, sources: [['discount_share']] },
  { key: 'cartAbandonment', unit: 'share', aggregate: 'mean', higherIsBetter: false, sources: [['cart_abandonment_rate']] },
  { key: 'emailOpenRate', unit: 'share', aggregate: 'mean', higherIsBetter: true, sources: [['email_open_rate']] },
  { key: 'emailClickRate', unit: 'share', aggregate: 'mean', higherIsBetter: true, sources: [['email_click_rate']] },
  { key: 'emailOptIn', unit: 'share', aggregate: 'mean', higherIsBetter: true, sources: [['email_opt_in']] },
  { key: 'responseRate', unit: 'share', aggregate: 'mean', higherIsBetter: true, sources: [['response'], ['converted'], ['conversion']] },
  { key: 'churnRisk', unit: 'share', aggregate: 'mean', higherIsBetter: false, sources: [['churn_probability'], ['churn_risk']] },
  { key: 'clv', unit: 'currency', aggregate: 'mean', higherIsBetter: true, sources: [['clv'], ['clv_12m']] },
  // The clv stage's columns: the segment's share of all customer value, and its mean P(alive).
  { key: 'valueShare', unit: 'share', aggregate: 'sumShare', higherIsBetter: null, sources: [['clv']] },
  { key: 'pAlive', unit: 'share', aggregate: 'mean', higherIsBetter: true, sources: [['p_alive']] },
  // Only from the data's declared outcome (PersonaInput.outcome): never guessed from a column name.
  { key: 'outcomeRate', unit: 'share', aggregate: 'mean', higherIsBetter: null, sources: [] },
  // Only from a model's score (PersonaInput.score).
  { key: 'modelScore', unit: 'share', aggregate: 'mean', higherIsBetter: null, sources: [] },
];

/**
 * The KPI definitions this data supports: a KPI whose columns are absent is left out (and named in
 * `missing`), never approximated from something else.
 */
export function kpiDefinitions(
  available: ReadonlySet<string>,
  overrides: Partial<Record<KpiKey, string>>,
  texts: PersonaTexts,
): { definitions: KpiDefinition[]; missing: KpiKey[] } {
  const definitions: KpiDefinition[] = [];
  const missing: KpiKey[] = [];
  for (const spec of SPECS) {
    const override = overrides[spec.key];
    const candidates = override ? [[override]] : spec.sources;
    const source = candidates.find((cols) => cols.every((c) => available.has(c)));
    if (!source) {
      missing.push(spec.key);
      continue;
    }
    const t = texts.kpis[spec.key];
    definitions.push({
      key: spec.key,
      label: t.label,
      unit: spec.unit,
      aggregate: spec.aggregate,
      source,
      description: t.description(source),
      higherIsBetter: spec.higherIsBetter,
    });
  }
  return { definitions, missing };
}
