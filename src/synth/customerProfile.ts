import type { Rng } from '../core/rng';
import { INTERESTS } from './catalog';
import type { CustomerPlan } from './CustomerPlan';
import { CITY_WEIGHTS, REGIONS, REGION_WEIGHTS } from './geography';
import type { SynthCalendar } from './SynthCalendar';
import type { DriftSpec } from './synthParams';

/** Canonical customers columns, then the survey answers (not in the canonical schema: kept as extra columns). */
export const CUSTOMER_SURVEY_COLUMNS = ['interests', 'price_sensitivity', 'eco_consciousness'] as const;

export const GENDERS = ['female', 'male', 'non_binary'] as const;
export const INCOME_BANDS = ['<20k', '20-30k', '30-50k', '50-80k', '80k+'] as const;
export const DEVICES = ['mobile', 'desktop', 'tablet'] as const;
export const MOBILE = 0;
export const ACQUISITION_CHANNELS = ['organic_search', 'paid_search', 'paid_social', 'referral', 'email', 'affiliate', 'store', 'direct'] as const;

/** Missingness: survey non-response blanks all three answers, item non-response one of them. */
export const MISSING_RATES = {
  age: 0.03,
  gender: 0.04,
  region: 0.01,
  city: 0.02,
  income_band: 0.15,
  surveyNonResponse: 0.12,
  interests: 0.03,
  price_sensitivity: 0.05,
  eco_consciousness: 0.08,
} as const;

interface Demographics {
  age: [mean: number, sd: number];
  income: readonly number[];
  device: readonly number[];
  acquisition: readonly number[];
  optIn: number;
  priceSensitivity: readonly number[];
  eco: readonly number[];
}

// Indexed by core segment code (vip, loyal, promo, new, at risk, lapsed, window); at risk and lapsed are never a core.
const LOYAL_DEMO: Demographics = {
  age: [45, 13],
  income: [0.08, 0.2, 0.37, 0.25, 0.1],
  device: [0.5, 0.4, 0.1],
  acquisition: [0.25, 0.12, 0.08, 0.12, 0.08, 0.05, 0.2, 0.1],
  optIn: 0.85,
  priceSensitivity: [0.12, 0.3, 0.33, 0.18, 0.07],
  eco: [0.08, 0.16, 0.32, 0.28, 0.16],
};
const DEMOGRAPHICS: readonly Demographics[] = [
  {
    age: [46, 11],
    income: [0.03, 0.1, 0.27, 0.35, 0.25],
    device: [0.45, 0.45, 0.1],
    acquisition: [0.22, 0.1, 0.05, 0.2, 0.05, 0.03, 0.25, 0.1],
    optIn: 0.92,
    priceSensitivity: [0.35, 0.35, 0.2, 0.07, 0.03],
    eco: [0.06, 0.14, 0.3, 0.3, 0.2],
  },
  LOYAL_DEMO,
  {
    age: [36, 11],
    income: [0.18, 0.3, 0.32, 0.15, 0.05],
    device: [0.6, 0.3, 0.1],
    acquisition: [0.12, 0.12, 0.25, 0.05, 0.06, 0.3, 0.05, 0.05],
    optIn: 0.88,
    priceSensitivity: [0.02, 0.05, 0.18, 0.35, 0.4],
    eco: [0.15, 0.22, 0.33, 0.2, 0.1],
  },
  {
    age: [33, 10],
    income: [0.12, 0.25, 0.33, 0.2, 0.1],
    device: [0.62, 0.3, 0.08],
    acquisition: [0.25, 0.15, 0.2, 0.12, 0.05, 0.08, 0.08, 0.07],
    optIn: 0.82,
    priceSensitivity: [0.1, 0.25, 0.35, 0.2, 0.1],
    eco: [0.1, 0.18, 0.32, 0.25, 0.15],
  },
  LOYAL_DEMO,
  LOYAL_DEMO,
  {
    age: [29, 9],
    income: [0.25, 0.3, 0.28, 0.12, 0.05],
    device: [0.7, 0.22, 0.08],
    acquisition: [0.2, 0.1, 0.4, 0.05, 0.03, 0.12, 0.02, 0.08],
    optIn: 0.65,
    priceSensitivity: [0.05, 0.12, 0.3, 0.3, 0.23],
    eco: [0.12, 0.2, 0.32, 0.22, 0.14],
  },
];

/** Device index and opt-in: the parts of the profile that orders and events depend on. */
export interface ProfileTraits {
  device: number;
  optIn: boolean;
}

/**
 * Draw the customer row (without the id) as CSV text: signup_date … eco_consciousness.
 * Customers who sign up in a drift quarter switch to mobile with the probability that lifts their
 * segment's mobile share to drift.newcomerMobileShare.
 */
export function customerProfile(plan: CustomerPlan, cal: SynthCalendar, drift: DriftSpec, rng: Rng, traits: ProfileTraits): string {
  const demo = DEMOGRAPHICS[plan.core]!;
  const M = MISSING_RATES;

  const age = Math.round(Math.min(85, Math.max(18, rng.normal(demo.age[0], demo.age[1]))));
  const gender = rng.weighted([0.54, 0.44, 0.02]);
  const region = rng.weighted(REGION_WEIGHTS);
  const city = rng.weighted(CITY_WEIGHTS[region]!);
  const income = rng.weighted(demo.income);
  let device = rng.weighted(demo.device);
  const target = drift.newcomerMobileShare;
  if (target !== null && device !== MOBILE && isDriftDay(cal, plan.signupDay)) {
    const base = demo.device[MOBILE]!;
    if (target > base && rng.next() < (target - base) / (1 - base)) device = MOBILE;
  }
  const acquisition = rng.weighted(demo.acquisition);
  const optIn = rng.next() < demo.optIn;
  // The stated interest is the latent one most of the time.
  const interest = rng.next() < 0.8 ? plan.interest : rng.int(INTERESTS.length);
  const price = 1 + rng.weighted(demo.priceSensitivity);
  const eco = 1 + rng.weighted(demo.eco);
  const surveyMissing = rng.next() < M.surveyNonResponse;

  traits.device = device;
  traits.optIn = optIn;

  const miss = (rate: number): boolean => rng.next() < rate;
  const regionMissing = miss(M.region);
  return [
    cal.dateOf(plan.signupDay),
    miss(M.age) ? '' : String(age),
    miss(M.gender) ? '' : GENDERS[gender],
    regionMissing ? '' : REGIONS[region]!.region,
    regionMissing || miss(M.city) ? '' : REGIONS[region]!.cities[city]![0],
    miss(M.income_band) ? '' : INCOME_BANDS[income],
    DEVICES[device],
    ACQUISITION_CHANNELS[acquisition],
    optIn ? 'true' : 'false',
    surveyMissing || miss(M.interests) ? '' : INTERESTS[interest],
    surveyMissing || miss(M.price_sensitivity) ? '' : String(price),
    surveyMissing || miss(M.eco_consciousness) ? '' : String(eco),
  ].join(',');
}

function isDriftDay(cal: SynthCalendar, day: number): boolean {
  return day >= 0 && day < cal.days && cal.driftDay[day] === 1;
}
