import { InputError } from '../../core/errors';
import type { Rng } from '../../core/rng';
import { KMEANS_OP, sqDist, sqDistBounded } from './kmeansKernels';
import type { KMeansPool } from './KMeansPool';

/**
 * Greedy k-means++ (Arthur & Vassilvitskii 2007, as scikit-learn's `_kmeans_plusplus`): the first
 * centre is a row drawn with probability ∝ weight; each next centre is the best of `nTrials` rows
 * drawn ∝ weight × squared distance to the closest chosen centre, "best" meaning the lowest total
 * potential after adding it. Writes the k centres to pool.S.C. The distance passes run on the pool's
 * blocks (workers included) and skip rows the triangle inequality rules out; sampling scans only the
 * one block a draw falls in, using the per-block potentials.
 * Returns the index of the last centre, which the rows' closest distances (pool.S.upper) and labels
 * do not include yet (-1 when k = 1): the first Hamerly iteration commits it.
 */
export function kmeansPlusPlus(pool: KMeansPool, rng: Rng, nTrials: number, who: string): number {
  const S = pool.S;
  const { X, w, C, d, k, n, nBlocks, blockRows, maxTrials, upper: closest, labels, shift: commitCC, cand, candCC } = S;
  if (nTrials > maxTrials) throw new Error(`kmeansPlusPlus: ${nTrials} trials but the pool holds ${maxTrials}`);

  // First centre: one row drawn ∝ weight.
  let totalW = 0;
  for (let i = 0; i < n; i++) totalW += w[i]!;
  const first = drawWeighted(w, rng.next() * totalW);
  C.set(X.subarray(first * d, first * d + d), 0);
  cand.set(C.subarray(0, d), 0);
  pool.run(KMEANS_OP.kpp, { commit: 0, first: true, nTrials: 0 });
  const blockPot = new Float64Array(nBlocks);
  for (let b = 0; b < nBlocks; b++) blockPot[b] = S.pScalar[b * maxTrials]!;
  const trialPot = new Float64Array(nTrials);

  let pending = -1; // centre chosen last step, committed to `closest` by the next round
  for (let c = 1; c < k; c++) {
    let pot = 0;
    for (let b = 0; b < nBlocks; b++) pot += blockPot[b]!;
    if (!(pot > 0)) {
      throw new InputError(
        `${who}: X has only ${c} distinct row(s) with a positive weight, fewer than k=${k}; every other row repeats one of them. Ask for at most ${c} clusters.`,
      );
    }
    for (let t = 0; t < nTrials; t++) {
      const row = sampleRow(rng.next() * pot);
      cand.set(X.subarray(row * d, row * d + d), t * d);
      for (let j = 0; j < c; j++) candCC[t * k + j] = sqDist(cand, t * d, C, j * d, d);
    }
    // The kernel reads the centre to commit right after the candidates.
    if (pending >= 0) cand.set(C.subarray(pending * d, pending * d + d), nTrials * d);
    pool.run(KMEANS_OP.kpp, { commit: pending, nTrials });
    let best = 0;
    for (let t = 0; t < nTrials; t++) {
      let s = 0;
      for (let b = 0; b < nBlocks; b++) s += S.pScalar[b * maxTrials + t]!;
      trialPot[t] = s;
      if (s < trialPot[best]!) best = t;
    }
    for (let b = 0; b < nBlocks; b++) blockPot[b] = S.pScalar[b * maxTrials + best]!;
    C.set(cand.subarray(best * d, best * d + d), c * d);
    for (let j = 0; j < c; j++) commitCC[j] = candCC[best * k + j]!;
    pending = c;
  }
  return pending;

  /** Row whose cumulative weight × potential first exceeds r: find the block, then scan its rows. */
  function sampleRow(r: number): number {
    let b = 0;
    let acc = 0;
    while (b < nBlocks - 1 && acc + blockPot[b]! <= r) acc += blockPot[b++]!;
    const start = b * blockRows;
    const end = Math.min(n, start + blockRows);
    let last = -1;
    for (let i = start, xi = start * d; i < end; i++, xi += d) {
      // Same value as the kernel's potential: the pending centre counts if it is nearer.
      let v = closest[i]!;
      if (pending >= 0 && commitCC[labels[i]!]! < 4 * v) {
        const s = sqDistBounded(X, xi, C, pending * d, d, v);
        if (s < v) v = s;
      }
      const m = w[i]! * v;
      if (m > 0) {
        last = i;
        acc += m;
        if (acc > r) return i;
      }
    }
    // Rounding left r just past the block's last row with mass.
    return last >= 0 ? last : first;
  }
}

/** Index i where the running sum of weights first exceeds r (the last positive weight if rounding runs past the end). */
function drawWeighted(w: Float64Array, r: number): number {
  let acc = 0;
  let last = 0;
  for (let i = 0; i < w.length; i++) {
    if (w[i]! > 0) {
      last = i;
      acc += w[i]!;
      if (acc > r) return i;
    }
  }
  return last;
}

/** k distinct rows drawn without replacement with probability ∝ weight (scikit-learn's init='random'); writes them to C. */
export function randomInit(X: Float64Array, w: Float64Array, n: number, d: number, k: number, rng: Rng, C: Float64Array): void {
  const taken = new Uint8Array(n);
  let remaining = 0;
  for (let i = 0; i < n; i++) remaining += w[i]!;
  for (let c = 0; c < k; c++) {
    const r = rng.next() * remaining;
    let acc = 0;
    let pick = -1;
    for (let i = 0; i < n; i++) {
      if (taken[i] || !(w[i]! > 0)) continue;
      pick = i;
      acc += w[i]!;
      if (acc > r) break;
    }
    taken[pick] = 1;
    remaining -= w[pick]!;
    C.set(X.subarray(pick * d, pick * d + d), c * d);
  }
}
