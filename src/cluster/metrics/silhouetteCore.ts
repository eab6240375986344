/** Rows × rows distances are visited in square tiles of this many rows, so both tiles stay in cache. */
const TILE = 512;

/**
 * Silhouette of every row of Y (m × d, row-major), Euclidean distance, exactly as scikit-learn's
 * silhouette_samples: a = mean distance to the own cluster's other rows, b = smallest mean distance
 * to another cluster, s = (b − a) / max(a, b); 0 for a row alone in its cluster (and when a = b = 0).
 *
 * Memory is O(m·k): per row the distance sum to each cluster, accumulated tile by tile over the
 * upper triangle (each pair once, added to both rows). No m × m matrix is ever held. Time O(m²·d).
 * Internal: codes are 0..k-1, sizes[c] counts the rows of Y in cluster c.
 */
export function silhouetteValues(Y: Float64Array, m: number, d: number, codes: Int32Array, k: number, sizes: Int32Array): Float64Array {
  return silhouetteValuesMany(Y, m, d, [codes], [k], [sizes])[0]!;
}

/**
 * silhouetteValues for several labelings of the same rows (a k sweep scores one sample at every k):
 * each pair's distance is computed once and added to every labeling's sums, in the same order for
 * each, so each result is the same, bit for bit, as silhouetteValues on its own labeling. The
 * distances are most of the work, so L labelings cost little more than one.
 * Internal: codesList[l] are 0..ks[l]-1, sizesList[l] the rows per cluster; onTile reports progress.
 */
export function silhouetteValuesMany(
  Y: Float64Array,
  m: number,
  d: number,
  codesList: readonly Int32Array[],
  ks: readonly number[],
  sizesList: readonly Int32Array[],
  onTile?: (rowsDone: number) => void,
): Float64Array[] {
  const L = codesList.length;
  // Row i's sums for labeling l start at i·K + offsets[l]; slots[j·L + l] is where row j's cluster sits.
  const offsets = new Int32Array(L);
  let K = 0;
  for (let l = 0; l < L; l++) {
    offsets[l] = K;
    K += ks[l]!;
  }
  const slots = new Int32Array(m * L);
  for (let j = 0; j < m; j++) for (let l = 0; l < L; l++) slots[j * L + l] = offsets[l]! + codesList[l]![j]!;
  const sums = new Float64Array(m * K);
  const single = (i: number, jFrom: number, jEnd: number): void => {
    const pi = i * d;
    const si = i * K;
    const li = i * L;
    for (let j = jFrom; j < jEnd; j++) {
      const pj = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = Y[pi + t]! - Y[pj + t]!;
        s += diff * diff;
      }
      const dist = Math.sqrt(s);
      const sj = j * K;
      const lj = j * L;
      for (let l = 0; l < L; l++) {
        sums[si + slots[lj + l]!]! += dist;
        sums[sj + slots[li + l]!]! += dist;
      }
    }
  };
  for (let ib = 0; ib < m; ib += TILE) {
    const iEnd = Math.min(ib + TILE, m);
    for (let jb = ib; jb < m; jb += TILE) {
      const jEnd = Math.min(jb + TILE, m);
      const diagonal = jb === ib;
      let i = ib;
      // Two rows of the i tile at a time share every load of row j (about 30% faster than one).
      for (; i + 1 < iEnd; i += 2) {
        if (diagonal) single(i, i + 1, i + 2);
        const pa = i * d;
        const pb = pa + d;
        const sa = i * K;
        const sb = sa + K;
        const la = i * L;
        const lb = la + L;
        for (let j = diagonal ? i + 2 : jb; j < jEnd; j++) {
          const pj = j * d;
          let s1 = 0;
          let s2 = 0;
          for (let t = 0; t < d; t++) {
            const y = Y[pj + t]!;
            const da = Y[pa + t]! - y;
            const db = Y[pb + t]! - y;
            s1 += da * da;
            s2 += db * db;
          }
          const d1 = Math.sqrt(s1);
          const d2 = Math.sqrt(s2);
          const sj = j * K;
          const lj = j * L;
          for (let l = 0; l < L; l++) {
            const cj = slots[lj + l]!;
            sums[sa + cj]! += d1;
            sums[sb + cj]! += d2;
            sums[sj + slots[la + l]!]! += d1;
            sums[sj + slots[lb + l]!]! += d2;
          }
        }
      }
      if (i < iEnd) single(i, diagonal ? i + 1 : jb, jEnd);
    }
    onTile?.(iEnd);
  }
  return codesList.map((codes, l) => {
    const k = ks[l]!;
    const sizes = sizesList[l]!;
    const off = offsets[l]!;
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const own = codes[i]!;
      const nOwn = sizes[own]!;
      if (nOwn <= 1) continue;
      const si = i * K + off;
      const a = sums[si + own]! / (nOwn - 1);
      let b = Infinity;
      for (let c = 0; c < k; c++) {
        if (c === own || sizes[c]! === 0) continue;
        const mean = sums[si + c]! / sizes[c]!;
        if (mean < b) b = mean;
      }
      const denom = Math.max(a, b);
      out[i] = denom > 0 ? (b - a) / denom : 0;
    }
    return out;
  });
}
