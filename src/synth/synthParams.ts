import { checkParam, paramError } from '../core/errors';
import { checkSeed } from '../core/seedParam';
import { SEGMENT_PROFILES, SEGMENTS, type Segment } from './segments';
import { DAY_MS, nextQuarter, parseIsoDate, parseQuarter, quarterName, quarterStartMs } from './dates';

/**
 * Behaviour changes applied at the start of every labelled quarter after the first ("drift quarters").
 * BASELINE_DRIFT is the undrifted world; DEFAULT_DRIFT is what `drift: true` (the default) applies.
 */
export interface DriftSpec {
  /** Share of mobile as main device among customers who sign up in a drift quarter (null: no change, ≈0.6-0.65 from the newcomers' segment mix). */
  newcomerMobileShare: number | null;
  /** Multiplier on the odds of the app channel for orders placed in a drift quarter. */
  appChannelBoost: number;
  /** Probability that a loyal regular becomes a promo hunter at the quarter start. */
  loyalToPromo: number;
  /** Probability that a window shopper starts buying, on promotions, at the quarter start. */
  windowToPromo: number;
  /** Probability that a new customer (not promo-acquired) who graduates (tenure ≥ 180 days) becomes a promo hunter. */
  newGraduateToPromo: number;
  /**
   * Share of the quarter's sign-ups acquired through a promotion: new promising while younger than
   * 180 days but ordering like promo hunters, and most become promo hunters when they graduate.
   */
  newcomerPromoShare: number;
  /** Probability that an at-risk customer lapses (stops buying) at the quarter start. */
  atRiskToLapsed: number;
}

export const BASELINE_DRIFT: Readonly<DriftSpec> = {
  newcomerMobileShare: null,
  appChannelBoost: 1,
  loyalToPromo: 0.01,
  windowToPromo: 0.03,
  newGraduateToPromo: 0.05,
  newcomerPromoShare: 0.12,
  atRiskToLapsed: 0.1,
};

export const DEFAULT_DRIFT: Readonly<DriftSpec> = {
  newcomerMobileShare: 0.8,
  appChannelBoost: 1.6,
  loyalToPromo: 0.05,
  windowToPromo: 0.15,
  newGraduateToPromo: 0.25,
  newcomerPromoShare: 0.35,
  atRiskToLapsed: 0.25,
};

export interface SynthParams {
  /** Number of customers in customers.csv (all who signed up by the end of the last quarter). */
  customers: number;
  /** Seed of every random draw; same params ⇒ byte-identical files. Integer in [0, 2^32). */
  seed: number;
  /**
   * Consecutive labelled quarters "YYYY-Qn" (default ["2026-Q1", "2026-Q2"]). The data end at the end
   * of the last one; ground truth is written at the end of each; quarters after the first drift.
   */
  quarters?: readonly string[];
  /** First day of the transaction history, YYYY-MM-DD (default "2024-01-01"); ≥ 365 days before the first quarter. */
  startDate?: string;
  /** Write events.csv (default true). Off for large benchmarks. */
  events?: boolean;
  /** First day of the events table (default: one quarter before the first labelled quarter) — keeps the volume down. */
  eventsFrom?: string;
  /** Write .csv.gz instead of .csv (default false). */
  compress?: boolean;
  /**
   * Calibration: scale every segment's order rate so that the mean number of transaction rows
   * (orders + returns) per customer over the history is this (e.g. 10 for 1M customers ≈ 10M rows).
   * Default: no scaling (the segment rates as documented, about 18 rows per customer). Scaling all
   * rates also narrows the gaps between segments, so keep the default for clustering work.
   */
  transactionsPerCustomer?: number;
  /** true (default) applies DEFAULT_DRIFT in drift quarters, false applies BASELINE_DRIFT, an object overrides DEFAULT_DRIFT fields. */
  drift?: boolean | Partial<DriftSpec>;
  /**
   * Shares of the latent segments among the customers at the end of the first labelled quarter
   * (default: each profile's share, SEGMENT_PROFILES). Partial: the given shares (each 0 to 1, summing
   * to at most 1) are used as they are; the segments left out share the rest in proportion to their
   * default shares. Giving all seven requires them to sum to 1. Later quarters follow the transitions.
   */
  segmentMix?: Partial<Record<Segment, number>>;
}

/** Params after validation and defaults; this is what synth.json records. */
export interface ResolvedSynthParams {
  customers: number;
  seed: number;
  quarters: string[];
  startDate: string;
  events: boolean;
  eventsFrom: string;
  compress: boolean;
  transactionsPerCustomer: number | null;
  driftEnabled: boolean;
  drift: DriftSpec;
  /**
   * Every segment's share, in SEGMENTS order, when params.segmentMix was given; absent for the default
   * mix, so that a default data set's synth.json is unchanged (its `segments[].share` documents the
   * shares used either way). Read it through segmentShares().
   */
  segmentMix?: Record<Segment, number>;
}

export const DEFAULT_QUARTERS: readonly string[] = ['2026-Q1', '2026-Q2'];
export const DEFAULT_START_DATE = '2024-01-01';
export const MAX_CUSTOMERS = 20_000_000;
export const MAX_QUARTERS = 12;
/** History needed before the first labelled quarter so that at-risk and lapsed customers have a past. */
export const MIN_HISTORY_DAYS = 365;

const PARAM_KEYS: readonly (keyof SynthParams)[] = [
  'customers',
  'seed',
  'quarters',
  'startDate',
  'events',
  'eventsFrom',
  'compress',
  'transactionsPerCustomer',
  'drift',
  'segmentMix',
];
const DRIFT_KEYS = Object.keys(BASELINE_DRIFT) as (keyof DriftSpec)[];

const isProbability = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

/** Validate once at the public entry; every error names the parameter, the value and what was expected. */
export function resolveSynthParams(params: SynthParams): ResolvedSynthParams {
  checkParam(typeof params === 'object' && params !== null && !Array.isArray(params), 'params', params, 'an object');
  for (const key of Object.keys(params)) {
    checkParam((PARAM_KEYS as readonly string[]).includes(key), 'parameter name', key, `one of ${PARAM_KEYS.join(', ')}`);
  }
  const { customers, seed } = params;
  checkParam(Number.isInteger(customers) && customers >= 1 && customers <= MAX_CUSTOMERS, 'customers', customers, `an integer from 1 to ${MAX_CUSTOMERS}`);
  checkSeed(seed, 'seed');

  const quarters = params.quarters ?? DEFAULT_QUARTERS;
  checkParam(Array.isArray(quarters) && quarters.length >= 1 && quarters.length <= MAX_QUARTERS, 'quarters', quarters, `an array of 1 to ${MAX_QUARTERS} quarters like "2026-Q1"`);
  const refs = quarters.map((q) => (typeof q === 'string' ? parseQuarter(q) : undefined));
  refs.forEach((ref, i) => checkParam(ref !== undefined, `quarters[${i}]`, quarters[i], 'a quarter like "2026-Q1"'));
  for (let i = 1; i < refs.length; i++) {
    const want = quarterName(nextQuarter(refs[i - 1]!));
    checkParam(quarters[i] === want, `quarters[${i}]`, quarters[i], `"${want}" (quarters must be consecutive)`);
  }
  const firstStart = quarterStartMs(refs[0]!);
  const end = quarterStartMs(nextQuarter(refs[refs.length - 1]!));

  const startDate = params.startDate ?? DEFAULT_START_DATE;
  const startMs = typeof startDate === 'string' ? parseIsoDate(startDate) : NaN;
  checkParam(!Number.isNaN(startMs), 'startDate', startDate, 'a date YYYY-MM-DD');
  const latestStart = new Date(firstStart - MIN_HISTORY_DAYS * DAY_MS).toISOString().slice(0, 10);
  checkParam(startMs <= firstStart - MIN_HISTORY_DAYS * DAY_MS, 'startDate', startDate, `${latestStart} or earlier (at least ${MIN_HISTORY_DAYS} days of history before ${quarters[0]})`);
  checkParam(startMs >= Date.UTC(1990, 0, 1), 'startDate', startDate, '1990-01-01 or later');

  const events = params.events ?? true;
  checkParam(typeof events === 'boolean', 'events', events, 'true or false');
  const defaultEventsFrom = Math.max(startMs, quarterStartMs(previousQuarter(refs[0]!)));
  const eventsFrom = params.eventsFrom ?? new Date(defaultEventsFrom).toISOString().slice(0, 10);
  const eventsFromMs = typeof eventsFrom === 'string' ? parseIsoDate(eventsFrom) : NaN;
  checkParam(!Number.isNaN(eventsFromMs), 'eventsFrom', eventsFrom, 'a date YYYY-MM-DD');
  checkParam(eventsFromMs >= startMs && eventsFromMs < end, 'eventsFrom', eventsFrom, `a date from startDate (${startDate}) to before the end of the data`);

  const compress = params.compress ?? false;
  checkParam(typeof compress === 'boolean', 'compress', compress, 'true or false');
  const tpc = params.transactionsPerCustomer ?? null;
  checkParam(tpc === null || (typeof tpc === 'number' && Number.isFinite(tpc) && tpc >= 0.5 && tpc <= 1000), 'transactionsPerCustomer', tpc, 'a number from 0.5 to 1000');

  const driftParam = params.drift ?? true;
  let drift: DriftSpec;
  let driftEnabled: boolean;
  if (typeof driftParam === 'boolean') {
    driftEnabled = driftParam;
    drift = { ...(driftParam ? DEFAULT_DRIFT : BASELINE_DRIFT) };
  } else {
    checkParam(typeof driftParam === 'object' && driftParam !== null && !Array.isArray(driftParam), 'drift', driftParam, 'true, false or an object of DriftSpec fields');
    for (const key of Object.keys(driftParam)) {
      checkParam((DRIFT_KEYS as string[]).includes(key), 'drift field', key, `one of ${DRIFT_KEYS.join(', ')}`);
    }
    driftEnabled = true;
    drift = { ...DEFAULT_DRIFT, ...driftParam };
    for (const key of ['loyalToPromo', 'windowToPromo', 'newGraduateToPromo', 'newcomerPromoShare', 'atRiskToLapsed'] as const) {
      checkParam(isProbability(drift[key]), `drift.${key}`, drift[key], 'a probability from 0 to 1');
    }
    const m = drift.newcomerMobileShare;
    checkParam(m === null || isProbability(m), 'drift.newcomerMobileShare', m, 'null or a share from 0 to 1');
    const b = drift.appChannelBoost;
    checkParam(typeof b === 'number' && Number.isFinite(b) && b >= 0.1 && b <= 10, 'drift.appChannelBoost', b, 'a number from 0.1 to 10');
    // Newcomers are window shoppers (12%) or new customers, some of them promo-acquired.
    checkParam(drift.newcomerPromoShare <= 0.88, 'drift.newcomerPromoShare', drift.newcomerPromoShare, 'at most 0.88');
    checkParam(drift.newGraduateToPromo <= 0.6, 'drift.newGraduateToPromo', drift.newGraduateToPromo, 'at most 0.6');
    checkParam(drift.loyalToPromo <= 0.94, 'drift.loyalToPromo', drift.loyalToPromo, 'at most 0.94');
    checkParam(drift.windowToPromo <= 0.92, 'drift.windowToPromo', drift.windowToPromo, 'at most 0.92');
    checkParam(drift.atRiskToLapsed <= 0.94, 'drift.atRiskToLapsed', drift.atRiskToLapsed, 'at most 0.94');
  }

  const segmentMix = params.segmentMix === undefined ? undefined : resolveSegmentMix(params.segmentMix);

  return {
    customers,
    seed,
    quarters: [...quarters],
    startDate,
    events,
    eventsFrom,
    compress,
    transactionsPerCustomer: tpc,
    driftEnabled,
    drift,
    ...(segmentMix ? { segmentMix } : {}),
  };
}

/** Tolerance on a mix's sum: decimal shares such as 0.1 + 0.2 + 0.7 do not add up to 1 exactly in binary. */
const MIX_SUM_TOLERANCE = 1e-9;

/** A partial mix completed to every segment, in SEGMENTS order (so key order in the params does not matter). */
function resolveSegmentMix(mix: unknown): Record<Segment, number> {
  checkParam(typeof mix === 'object' && mix !== null && !Array.isArray(mix), 'segmentMix', mix, 'an object of segment name → share, e.g. { "lapsed": 0.3 }');
  const given = mix as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    checkParam((SEGMENTS as readonly string[]).includes(key), 'segmentMix segment name', key, `one of ${SEGMENTS.join(', ')}`);
    checkParam(isProbability(given[key]), `segmentMix.${key}`, given[key], 'a share from 0 to 1');
  }
  const shares = given as Partial<Record<Segment, number>>;
  const rest = SEGMENTS.filter((s) => shares[s] === undefined);
  const givenSum = SEGMENTS.reduce((a, s) => a + (shares[s] ?? 0), 0);
  const sum = Math.round(givenSum * 1e9) / 1e9;
  checkParam(givenSum <= 1 + MIX_SUM_TOLERANCE, 'segmentMix', mix, `shares that sum to at most 1 (these sum to ${sum})`);
  if (rest.length === 0) {
    checkParam(givenSum >= 1 - MIX_SUM_TOLERANCE, 'segmentMix', mix, `shares that sum to 1 when all ${SEGMENTS.length} segments are given (these sum to ${sum}); leave segments out to let them share the rest`);
  }
  const free = Math.max(0, 1 - givenSum);
  const restDefault = rest.reduce((a, s) => a + SEGMENT_PROFILES[s].share, 0);
  // Rounded to 12 decimals so that synth.json shows 0.28, not 0.27999999999999997 (the allocation is exact to far less).
  const fill = (s: Segment): number => Math.round(((SEGMENT_PROFILES[s].share * free) / restDefault) * 1e12) / 1e12;
  return Object.fromEntries(SEGMENTS.map((s) => [s, shares[s] ?? fill(s)])) as Record<Segment, number>;
}

/** Share of each segment code (SEGMENTS order) at the end of the first labelled quarter: the resolved mix or the profiles' defaults. */
export function segmentShares(p: Pick<ResolvedSynthParams, 'segmentMix'>): number[] {
  return SEGMENTS.map((s) => (p.segmentMix ? p.segmentMix[s] : SEGMENT_PROFILES[s].share));
}

function previousQuarter(ref: { year: number; q: number }): { year: number; q: number } {
  return ref.q === 1 ? { year: ref.year - 1, q: 4 } : { year: ref.year, q: ref.q - 1 };
}

/** The output folder must be a non-empty path (it is created when missing). */
export function checkOutDir(outDir: unknown): asserts outDir is string {
  if (typeof outDir !== 'string' || outDir.trim() === '') {
    throw paramError('outDir', outDir, 'a folder path');
  }
}
