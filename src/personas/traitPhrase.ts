import type { Locale } from '../core/Locale';

type Words = Record<Locale, { higher: string; lower: string }>;

/** How a reader says "more / less of this feature" for the features seglab computes and common attributes. */
const PHRASES: { test: RegExp; words: Words }[] = [
  { test: /^recency_days$/, words: { en: { higher: 'long gone', lower: 'recent buyers' }, fr: { higher: 'partis depuis longtemps', lower: 'achat récent' } } },
  { test: /^(tenure|tenure_days|tenure_months)$/, words: { en: { higher: 'long tenure', lower: 'short tenure' }, fr: { higher: 'ancienneté longue', lower: 'ancienneté courte' } } },
  { test: /^age$/, words: { en: { higher: 'older', lower: 'younger' }, fr: { higher: 'plus âgés', lower: 'plus jeunes' } } },
  { test: /^(frequency|orders_\d+d)$/, words: { en: { higher: 'frequent buyers', lower: 'infrequent buyers' }, fr: { higher: 'achats fréquents', lower: 'achats rares' } } },
  { test: /^(monetary_total|spend_\d+d)$/, words: { en: { higher: 'high spend', lower: 'low spend' }, fr: { higher: 'dépense élevée', lower: 'dépense faible' } } },
  { test: /^monetary_avg$/, words: { en: { higher: 'big baskets', lower: 'small baskets' }, fr: { higher: 'gros paniers', lower: 'petits paniers' } } },
  { test: /^discount_share$/, words: { en: { higher: 'discount buyers', lower: 'full-price buyers' }, fr: { higher: 'achètent en promotion', lower: 'achètent au prix plein' } } },
  { test: /^(sessions_\d+d|product_views_\d+d)$/, words: { en: { higher: 'frequent visitors', lower: 'rare visitors' }, fr: { higher: 'visites fréquentes', lower: 'visites rares' } } },
  { test: /^cart_abandonment_rate$/, words: { en: { higher: 'abandon carts', lower: 'complete carts' }, fr: { higher: 'abandonnent leur panier', lower: 'finalisent leur panier' } } },
  { test: /^email_(open|click)_rate$/, words: { en: { higher: 'read e-mails', lower: 'ignore e-mails' }, fr: { higher: 'lisent les e-mails', lower: 'ignorent les e-mails' } } },
  { test: /^days_since_last_session$/, words: { en: { higher: 'no recent visit', lower: 'recent visit' }, fr: { higher: 'pas de visite récente', lower: 'visite récente' } } },
  { test: /^interpurchase_days$/, words: { en: { higher: 'long gaps between orders', lower: 'short gaps between orders' }, fr: { higher: 'longs intervalles entre achats', lower: 'courts intervalles entre achats' } } },
];

const YES = new Set(['yes', 'y', 'true', 't', '1', 'oui']);
const NO = new Set(['no', 'n', 'false', 'f', '0', 'non']);

/**
 * A numeric trait in a few words: "short tenure", "older", "high monthly charges"; a 0/1 flag reads as
 * its label or "no <label>". `label` is the feature's label in the locale.
 */
export function numericTraitPhrase(feature: string, label: string, unit: string | null, direction: 'higher' | 'lower', locale: Locale, mean?: number): string {
  const known = PHRASES.find((p) => p.test.test(feature));
  if (known) return known.words[locale][direction];
  const l = label.toLowerCase();
  if (unit === 'flag') {
    // A flag names what most of the segment is: "credit in default" for a segment where 9% are (base 2%)
    // would say the opposite of the truth, so a minority is given with its share.
    const majority = mean === undefined ? direction === 'higher' : mean >= 0.5;
    if (majority === (direction === 'higher')) return majority ? l : locale === 'en' ? `no ${l}` : `sans ${l}`;
    const pct = `${Math.round(100 * mean!)}${locale === 'en' ? '%' : '\u00a0%'}`;
    return `${l} ${pct}`;
  }
  if (locale === 'en') return `${direction === 'higher' ? 'high' : 'low'} ${l}`;
  return `${l} ${direction === 'higher' ? 'élevé' : 'faible'}`;
}

/**
 * An over-represented categorical value in a few words. Yes/no values read as the label or "no <label>";
 * a value that says what it is ("Month-to-month", "No internet service") stands alone; any other value is
 * given with its feature ("contract: Two year", "job: management") so a reader knows what it describes.
 */
export function categoricalTraitPhrase(label: string, value: string, locale: Locale): string {
  const l = label.toLowerCase();
  const v = value.trim();
  const lower = v.toLowerCase();
  if (YES.has(lower)) return l;
  if (NO.has(lower)) return locale === 'en' ? `no ${l}` : `sans ${l}`;
  const labelWords = new Set(l.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
  // "Month-to-month", "blue-collar", "No internet service" or a value naming its feature say what they are.
  const selfDescribing = v.includes('-') || /^(no|non|sans)\s/i.test(v) || lower.split(/[^\p{L}\p{N}]+/u).some((w) => labelWords.has(w));
  return selfDescribing ? v : `${l}: ${v}`;
}

/**
 * "Month-to-month, fiber optic, short tenure" from phrases: the first letter capitalised, the others in
 * lower case unless they are acronyms (DSL); a phrase saying what another already says is left out
 * ("no phone service" and "multiple lines: No phone service").
 */
export function joinPhrases(phrases: readonly string[]): string {
  const kept: string[] = [];
  const core = (p: string): string => p.toLowerCase().replace(/^[^:]*:\s*/, '');
  for (const p of phrases) if (!kept.some((k) => core(k) === core(p) || k.toLowerCase() === p.toLowerCase())) kept.push(p);
  const text = kept.map((p, i) => (i > 0 && /^\p{Lu}\p{Ll}/u.test(p) ? p.charAt(0).toLowerCase() + p.slice(1) : p)).join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
