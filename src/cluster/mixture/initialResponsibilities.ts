import type { Rng } from '../../core/rng';

/** One-hot responsibilities from hard labels (scikit-learn's k-means initialisation). */
export function labelResponsibilities(labels: Int32Array, k: number): Float64Array {
  const resp = new Float64Array(labels.length * k);
  for (let i = 0; i < labels.length; i++) resp[i * k + labels[i]!] = 1;
  return resp;
}

/** Uniform random memberships normalised per row (scikit-learn's init_params="random"). */
export function randomResponsibilities(rng: Rng, n: number, k: number): Float64Array {
  const resp = new Float64Array(n * k);
  for (let i = 0, o = 0; i < n; i++, o += k) {
    let s = 0;
    for (let c = 0; c < k; c++) {
      const u = rng.next();
      resp[o + c] = u;
      s += u;
    }
    // All k draws exactly 0 has probability ~2^-53k; fall back to equal shares rather than divide by 0.
    if (s === 0) resp.fill(1 / k, o, o + k);
    else for (let c = 0; c < k; c++) resp[o + c] /= s;
  }
  return resp;
}

/** Hard assignment of every row to its nearest mean (squared Euclidean; ties go to the lower index). */
export function nearestMeanLabels(X: Float64Array, n: number, d: number, means: Float64Array, k: number): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const xo = i * d;
    let best = 0;
    let bestDist = Infinity;
    for (let c = 0; c < k; c++) {
      const mo = c * d;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = X[xo + j]! - means[mo + j]!;
        s += t * t;
      }
      if (s < bestDist) {
        bestDist = s;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}
