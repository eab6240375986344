import { checkParam } from '../core/errors';
import { LOCALES, type Locale } from '../core/Locale';
import type { PreviousSegmentName } from './nameSegments';
import { ARCHETYPE_IDS } from './PersonaResult';

export interface PersonaParams {
  /** Language of names and persona texts (default 'en'). */
  locale?: Locale;
  /** Groups (segments, cells, categorical values) smaller than this are suppressed everywhere (default 50). */
  minGroupSize?: number;
  /** Significance level of the trait tests (default 0.05 = 95%). */
  alpha?: number;
  /** Distinctive traits kept per segment and kind (default 8 numeric, 6 categorical). */
  maxNumericTraits?: number;
  maxCategoricalTraits?: number;
  /** ISO 4217 code for money KPIs (e.g. 'EUR'); null shows plain numbers. */
  currency?: string | null;
  /** Names chosen by the team, by segment id; they replace the generated names. */
  names?: Readonly<Record<string, string>>;
  /**
   * Columns for KPIs the feature layer does not compute: a response/conversion flag (0/1) and, once
   * those modules run, churn probability and customer lifetime value per customer.
   */
  kpiColumns?: Partial<Record<'responseRate' | 'churnRisk' | 'clv', string>>;
  /** Features left out of the distinctive traits (default: score columns like r_score, and rfm_segment). */
  excludeTraits?: readonly string[];
  /**
   * The previous run's segments, when this run is compared with it: each with the id of this run's segment
   * it was matched to (null: gone), its name and archetype then. A matched segment keeps its name unless its
   * archetype changed (then `renamedFrom` says what it was called); no segment takes another one's name.
   */
  previous?: readonly PreviousSegmentName[];
  /** Labels of the data's own columns in the result's locale ({ pdays: 'Days since the previous campaign' }). */
  labels?: Readonly<Record<string, string>>;
}

export type ResolvedPersonaParams = Required<Omit<PersonaParams, 'names' | 'kpiColumns' | 'excludeTraits' | 'currency' | 'previous' | 'labels'>> & {
  previous: readonly PreviousSegmentName[];
  labels: Readonly<Record<string, string>>;
  currency: string | null;
  names: Readonly<Record<string, string>>;
  kpiColumns: Partial<Record<'responseRate' | 'churnRisk' | 'clv', string>>;
  excludeTraits: readonly string[] | null;
};

export const PERSONA_DEFAULTS = { locale: 'en', minGroupSize: 50, alpha: 0.05, maxNumericTraits: 8, maxCategoricalTraits: 6 } as const;

/** Validate once at the public entry point; inner code trusts the result. */
export function resolvePersonaParams(params: PersonaParams = {}): ResolvedPersonaParams {
  const p = { ...PERSONA_DEFAULTS, ...params };
  checkParam((LOCALES as readonly string[]).includes(p.locale), 'locale', p.locale, `one of ${LOCALES.join(', ')}`);
  checkParam(Number.isInteger(p.minGroupSize) && p.minGroupSize >= 1, 'minGroupSize', p.minGroupSize, 'an integer >= 1');
  checkParam(p.alpha > 0 && p.alpha < 1, 'alpha', p.alpha, 'a number between 0 and 1 (0.05 = 95% significance)');
  checkParam(Number.isInteger(p.maxNumericTraits) && p.maxNumericTraits >= 0, 'maxNumericTraits', p.maxNumericTraits, 'an integer >= 0');
  checkParam(Number.isInteger(p.maxCategoricalTraits) && p.maxCategoricalTraits >= 0, 'maxCategoricalTraits', p.maxCategoricalTraits, 'an integer >= 0');
  const currency = params.currency ?? null;
  checkParam(currency === null || /^[A-Z]{3}$/.test(currency), 'currency', currency, 'an ISO 4217 code such as EUR, or null');
  for (const [column, text] of Object.entries(params.labels ?? {})) {
    checkParam(typeof text === 'string' && text.trim().length > 0 && text.length <= 60, `labels.${column}`, text, 'a non-empty label of at most 60 characters');
  }
  for (const [id, name] of Object.entries(params.names ?? {})) {
    checkParam(/^-?\d+$/.test(id), `names.${id}`, id, 'a segment id (integer)');
    checkParam(typeof name === 'string' && name.trim().length > 0 && name.length <= 80, `names.${id}`, name, 'a non-empty name of at most 80 characters');
  }
  const previous = params.previous ?? [];
  checkParam(Array.isArray(previous), 'previous', typeof previous, "an array of { id, name, archetype } (the previous run's segments)");
  const ids = new Set<number>();
  const names = new Set<string>();
  previous.forEach((s, i) => {
    checkParam(s.id === null || (Number.isInteger(s.id) && !ids.has(s.id)), `previous[${i}].id`, s.id, 'null or the id of a segment of this run, matched to no other previous segment');
    checkParam(typeof s.name === 'string' && s.name.trim().length > 0 && s.name.length <= 200 && !names.has(s.name), `previous[${i}].name`, s.name, 'a non-empty name of at most 200 characters, used by no other previous segment');
    checkParam(s.archetype === null || (ARCHETYPE_IDS as readonly string[]).includes(s.archetype), `previous[${i}].archetype`, s.archetype, `null or one of ${ARCHETYPE_IDS.join(', ')}`);
    if (s.id !== null) ids.add(s.id);
    names.add(s.name);
  });
  return {
    locale: p.locale,
    minGroupSize: p.minGroupSize,
    alpha: p.alpha,
    maxNumericTraits: p.maxNumericTraits,
    maxCategoricalTraits: p.maxCategoricalTraits,
    currency,
    names: params.names ?? {},
    kpiColumns: params.kpiColumns ?? {},
    excludeTraits: params.excludeTraits ?? null,
    previous,
    labels: params.labels ?? {},
  };
}
