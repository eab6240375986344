import { usageError } from '../../core/errors';
import type { Rng } from '../../core/rng';

/**
 * Seeded sampling of rows without replacement, for metrics that cannot afford every row.
 * Both functions return row indices in ascending order (so a sample reads X front to back).
 */

/** `size` of the `candidates` rows, uniformly (partial Fisher–Yates on a copy). */
export function sampleUniform(candidates: Int32Array, size: number, rng: Rng): Int32Array {
  const pool = Int32Array.from(candidates);
  const m = Math.min(size, pool.length);
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, m).sort();
}

/**
 * `size` rows drawn per cluster in proportion to cluster size (largest remainder), with at least
 * min(2, cluster size) rows from every cluster so that a small segment still gets a silhouette
 * (a cluster of one sampled row scores 0 by definition). `codes` are 0..k-1 for candidate rows.
 */
export function sampleStratified(candidates: Int32Array, codes: Int32Array, k: number, size: number, rng: Rng, who: string): Int32Array {
  const byCluster: number[][] = Array.from({ length: k }, () => []);
  for (let t = 0; t < candidates.length; t++) byCluster[codes[candidates[t]!]!]!.push(candidates[t]!);
  const n = candidates.length;
  const floorOf = byCluster.map((rows) => Math.min(2, rows.length));
  const minimum = floorOf.reduce((s, v) => s + v, 0);
  if (size < minimum) {
    throw usageError(who, `sampleSize=${size} is too small for a stratified sample of ${k} clusters (needs at least ${minimum}: two rows per cluster)`);
  }
  const target = byCluster.map((rows) => (size * rows.length) / n);
  const alloc = byCluster.map((rows, c) => Math.min(rows.length, Math.max(floorOf[c]!, Math.floor(target[c]!))));
  let total = alloc.reduce((s, v) => s + v, 0);
  // Largest remainder: add to the clusters furthest below their share, take from those furthest above.
  while (total < size) {
    let best = -1;
    for (let c = 0; c < k; c++) {
      if (alloc[c]! < byCluster[c]!.length && (best < 0 || target[c]! - alloc[c]! > target[best]! - alloc[best]!)) best = c;
    }
    alloc[best]!++;
    total++;
  }
  while (total > size) {
    let best = -1;
    for (let c = 0; c < k; c++) {
      if (alloc[c]! > floorOf[c]! && (best < 0 || alloc[c]! - target[c]! > alloc[best]! - target[best]!)) best = c;
    }
    alloc[best]!--;
    total--;
  }
  const out = new Int32Array(size);
  let o = 0;
  for (let c = 0; c < k; c++) {
    const part = sampleUniform(Int32Array.from(byCluster[c]!), alloc[c]!, rng);
    out.set(part, o);
    o += part.length;
  }
  return out.sort();
}
