import { assertUnreachable } from '../../core/assertUnreachable';
import type { Rng } from '../../core/rng';
import type { MixedData, Prototypes } from './KPrototypesData';

export const KPROTOTYPES_INITS = ['huang', 'cao', 'random'] as const;
export type KPrototypesInit = (typeof KPROTOTYPES_INITS)[number];

/**
 * Initial prototypes (numeric centres and category modes):
 * - 'huang' (Huang 1998, as the kmodes package): per cluster, draw each categorical value with
 *   probability proportional to its (weighted) frequency, then take a row with the fewest mismatches
 *   to that draw (chosen at random among equals, skipping rows equal to an earlier prototype).
 *   kmodes draws the numeric part around the column means; taking a real row's values keeps the
 *   numeric and categorical parts of a prototype consistent.
 * - 'cao' (Cao, Liang & Bai 2009, as kmodes): deterministic. Row density = mean relative (weighted)
 *   frequency of its categories; the first prototype takes the densest row's categories, each next
 *   one the row maximising density × mismatches to its nearest chosen prototype. Like kmodes the
 *   choice uses the categories only, so a numeric outlier is never picked for its distance; the
 *   numeric part is the (weighted) mean of the rows sharing the chosen row's categories (kmodes
 *   draws it at random around the column means).
 * - 'random': k distinct rows drawn uniformly (rows with positive weight first).
 */
export function initialPrototypes(method: KPrototypesInit, data: MixedData, k: number, rng: Rng): Prototypes {
  switch (method) {
    case 'huang':
      return fromRows(data, huangRows(data, k, rng));
    case 'cao':
      return caoPrototypes(data, k);
    case 'random':
      return fromRows(data, randomRows(data, k, rng));
    default:
      return assertUnreachable(method, 'k-prototypes init');
  }
}

function fromRows(data: MixedData, rows: readonly number[]): Prototypes {
  const { p, m, num, codes } = data;
  const k = rows.length;
  const centroids = new Float64Array(k * p);
  const modes = new Int32Array(k * m);
  rows.forEach((r, c) => {
    centroids.set(num.subarray(r * p, r * p + p), c * p);
    modes.set(codes.subarray(r * m, r * m + m), c * m);
  });
  return { centroids, modes };
}

/** Rows i and r hold the same values in every column. */
function sameRow(data: MixedData, i: number, r: number): boolean {
  const { p, m, num, codes } = data;
  for (let j = 0; j < p; j++) if (num[i * p + j] !== num[r * p + j]) return false;
  for (let j = 0; j < m; j++) if (codes[i * m + j] !== codes[r * m + j]) return false;
  return true;
}

function huangRows(data: MixedData, k: number, rng: Rng): number[] {
  const { n, m, codes, levelOffset, weight } = data;
  // Weighted frequency of every level of every column.
  const freq = new Float64Array(levelOffset[m]!);
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i]! : 1;
    for (let j = 0; j < m; j++) freq[levelOffset[j]! + codes[i * m + j]!]! += w;
  }
  const draw = new Int32Array(m);
  const chosen: number[] = [];
  const mismatch = new Int32Array(n);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < m; j++) draw[j] = rng.weighted(freq.subarray(levelOffset[j]!, levelOffset[j + 1]!));
    for (let i = 0; i < n; i++) {
      let mm = 0;
      for (let j = 0; j < m; j++) if (codes[i * m + j] !== draw[j]) mm++;
      mismatch[i] = mm;
    }
    // Prefer rows with weight that differ from every prototype so far; relax when none is left.
    const eligibleStrict = (i: number) => (!weight || weight[i]! > 0) && chosen.every((r) => !sameRow(data, i, r));
    const eligibleLoose = (i: number) => !chosen.includes(i);
    let pick = pickFewestMismatches(mismatch, eligibleStrict, rng);
    if (pick < 0) pick = pickFewestMismatches(mismatch, eligibleLoose, rng);
    chosen.push(pick);
  }
  return chosen;
}

/** A row with the fewest mismatches among the eligible ones, uniformly at random among equals; -1 when none is eligible. */
function pickFewestMismatches(mismatch: Int32Array, eligible: (i: number) => boolean, rng: Rng): number {
  let best = Infinity;
  let ties = 0;
  for (let i = 0; i < mismatch.length; i++) {
    const mm = mismatch[i]!;
    if (mm > best || !eligible(i)) continue;
    if (mm < best) {
      best = mm;
      ties = 0;
    }
    ties++;
  }
  if (ties === 0) return -1;
  let target = rng.int(ties);
  for (let i = 0; i < mismatch.length; i++) {
    if (mismatch[i] !== best || !eligible(i)) continue;
    if (target-- === 0) return i;
  }
  return -1;
}

function caoPrototypes(data: MixedData, k: number): Prototypes {
  const { n, p, m, num, codes, levelOffset, weight } = data;
  const freq = new Float64Array(levelOffset[m]!);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i]! : 1;
    total += w;
    for (let j = 0; j < m; j++) freq[levelOffset[j]! + codes[i * m + j]!]! += w;
  }
  const density = new Float64Array(n);
  let first = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += freq[levelOffset[j]! + codes[i * m + j]!]!;
    density[i] = s / (total * m);
    if (density[i]! > density[first]!) first = i;
  }
  const chosen = [first];
  // Lowest density × mismatches to any chosen prototype so far, per row.
  const nearest = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    const last = chosen[c - 1]!;
    let next = 0;
    let bestScore = -1;
    for (let i = 0; i < n; i++) {
      let mismatches = 0;
      for (let j = 0; j < m; j++) if (codes[i * m + j] !== codes[last * m + j]) mismatches++;
      const score = mismatches * density[i]!;
      if (score < nearest[i]!) nearest[i] = score;
      if (nearest[i]! > bestScore) {
        bestScore = nearest[i]!;
        next = i;
      }
    }
    chosen.push(next);
  }
  const protos = fromRows(data, chosen);
  // Numeric part: the weighted mean over the rows with exactly the prototype's categories.
  chosen.forEach((r, c) => {
    const sums = new Float64Array(p);
    let sw = 0;
    for (let i = 0; i < n; i++) {
      let same = true;
      for (let j = 0; j < m && same; j++) same = codes[i * m + j] === codes[r * m + j];
      if (!same) continue;
      const w = weight ? weight[i]! : 1;
      sw += w;
      for (let j = 0; j < p; j++) sums[j]! += w * num[i * p + j]!;
    }
    if (sw > 0) for (let j = 0; j < p; j++) protos.centroids[c * p + j] = sums[j]! / sw;
  });
  return protos;
}

function randomRows(data: MixedData, k: number, rng: Rng): number[] {
  const { n, weight } = data;
  const positive: number[] = [];
  const zero: number[] = [];
  for (let i = 0; i < n; i++) (weight && !(weight[i]! > 0) ? zero : positive).push(i);
  if (positive.length >= k) return sample(positive, k, rng);
  return [...sample(positive, positive.length, rng), ...sample(zero, k - positive.length, rng)];
}

/** `count` distinct items in random order: the head of a partial Fisher–Yates shuffle. */
function sample(items: number[], count: number, rng: Rng): number[] {
  const a = items.slice();
  for (let c = 0; c < count; c++) {
    const j = c + rng.int(a.length - c);
    const t = a[c]!;
    a[c] = a[j]!;
    a[j] = t;
  }
  return a.slice(0, count);
}
