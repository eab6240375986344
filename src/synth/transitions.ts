import type { Rng } from '../core/rng';
import { AT_RISK, LAPSED, LOYAL, NEW, PROMO, SEGMENT_COUNT, VIP, WINDOW } from './segments';
import type { DriftSpec } from './synthParams';

/** Share of newcomers who register and browse without buying (window shoppers from day one). */
export const NEWCOMER_WINDOW_SHARE = 0.12;

/** Row index of the graduation row for promo-acquired new customers (after the SEGMENT_COUNT rows). */
export const PROMO_ACQUIRED_GRADUATE = SEGMENT_COUNT;

/**
 * Quarter-to-quarter transition probabilities (rows: from, columns: to, SEGMENTS order), applied at
 * the start of each labelled quarter after the first. The drift spec sets the loyal → promo,
 * window → promo, new → promo and at-risk → lapsed entries; the stay-probability takes up the rest.
 * New promising customers only move when they graduate (tenure ≥ 180 days at the quarter's end);
 * those acquired through a promotion use the extra row PROMO_ACQUIRED_GRADUATE.
 */
export function transitionMatrix(drift: DriftSpec): Float64Array[] {
  const rows = Array.from({ length: SEGMENT_COUNT + 1 }, () => new Float64Array(SEGMENT_COUNT));
  const set = (from: number, to: Record<number, number>, stay: number): void => {
    let rest = 1;
    for (const [k, v] of Object.entries(to)) {
      rows[from]![Number(k)] = v;
      rest -= v;
    }
    rows[from]![stay] = rows[from]![stay]! + Math.max(0, rest);
  };
  set(VIP, { [LOYAL]: 0.03, [AT_RISK]: 0.02 }, VIP);
  set(LOYAL, { [VIP]: 0.02, [PROMO]: drift.loyalToPromo, [AT_RISK]: 0.04 }, LOYAL);
  // Promo hunters do not decline slowly: they stop answering promotions.
  set(PROMO, { [LOYAL]: 0.01, [LAPSED]: 0.05 }, PROMO);
  // Graduation: one in five new customers turns out to be one-and-done.
  set(NEW, { [PROMO]: drift.newGraduateToPromo, [AT_RISK]: 0.08, [LAPSED]: 0.2, [WINDOW]: 0.05 }, LOYAL);
  set(PROMO_ACQUIRED_GRADUATE, { [LOYAL]: 0.1, [AT_RISK]: 0.05, [LAPSED]: 0.2 }, PROMO);
  set(AT_RISK, { [LOYAL]: 0.06, [LAPSED]: drift.atRiskToLapsed }, AT_RISK);
  // Win-back mostly through promotions.
  set(LAPSED, { [LOYAL]: 0.01, [PROMO]: 0.02 }, LAPSED);
  set(WINDOW, { [PROMO]: drift.windowToPromo, [LAPSED]: 0.08 }, WINDOW);
  return rows;
}

/**
 * A customer who signs up during a labelled quarter: a window shopper, or a new customer — acquired
 * through a promotion (discount-driven until graduation) with the share that makes
 * drift.newcomerPromoShare of all newcomers.
 */
export function drawNewcomer(rng: Rng, drift: DriftSpec): { segment: number; promoAcquired: boolean } {
  const u = rng.next();
  if (u < NEWCOMER_WINDOW_SHARE) return { segment: WINDOW, promoAcquired: false };
  return { segment: NEW, promoAcquired: u < NEWCOMER_WINDOW_SHARE + drift.newcomerPromoShare };
}
