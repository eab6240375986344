import { Rng } from '../core/rng';
import { SEGMENT_COUNT } from './segments';

/** Customers who sign up during each drift quarter, as a share of all customers. */
export const NEWCOMER_SHARE_PER_QUARTER = 0.08;

/**
 * Kind of every customer (Uint8Array, one byte each): k < SEGMENT_COUNT is its segment at the end
 * of the first labelled quarter, SEGMENT_COUNT + q means it signs up during labelled quarter q ≥ 1.
 * Counts are exact (largest remainder on `shares`, one per segment code, summing to 1: the resolved
 * segment mix), positions shuffled by a seeded stream.
 */
export function allocateKinds(customers: number, quarters: number, seed: number, shares: readonly number[]): Uint8Array {
  const perQuarter = quarters > 1 ? Math.min(NEWCOMER_SHARE_PER_QUARTER, 0.5 / (quarters - 1)) : 0;
  const newcomers = Math.round(customers * perQuarter);
  const existing = customers - newcomers * (quarters - 1);

  const raw = shares.map((share) => share * existing);
  const counts = raw.map(Math.floor);
  let left = existing - counts.reduce((a, b) => a + b, 0);
  const byRemainder = raw.map((r, k) => [r - Math.floor(r), k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j = (j + 1) % SEGMENT_COUNT, left--) counts[byRemainder[j]![1]]!++;

  const kinds = new Uint8Array(customers);
  let pos = 0;
  counts.forEach((c, k) => {
    kinds.fill(k, pos, pos + c);
    pos += c;
  });
  for (let q = 1; q < quarters; q++) {
    kinds.fill(SEGMENT_COUNT + q, pos, pos + newcomers);
    pos += newcomers;
  }
  const rng = Rng.derive(seed, 'allocation');
  for (let i = customers - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = kinds[i]!;
    kinds[i] = kinds[j]!;
    kinds[j] = t;
  }
  return kinds;
}
