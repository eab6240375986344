import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';

/**
 * 60 × 3 data set defined by a formula so that the python snippets that produced scikit-learn's
 * reference values rebuild it exactly (no random generator to keep in sync):
 *   labels[i] = i % 3;  X[i][j] = centers[labels[i]][j] + sin(1.7 i + 2.3 j)
 */
export const FORMULA_CENTERS = [
  [0, 0, 0],
  [3, 1, -2],
  [-2, 4, 1],
];
export function formulaData(): { X: Matrix; labels: Int32Array } {
  const n = 60;
  const d = 3;
  const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = FORMULA_CENTERS[labels[i]!]![j]! + Math.sin(1.7 * i + 2.3 * j);
  return { X: new Matrix(data, n, d), labels };
}

/** Isotropic Gaussian blobs (seeded): `sizes[c]` rows around centers[c] with the given spread. */
export function blobs(centers: readonly (readonly number[])[], sizes: readonly number[], spread: number, seed: number): { X: Matrix; labels: Int32Array } {
  const rng = new Rng(seed);
  const d = centers[0]!.length;
  const n = sizes.reduce((s, v) => s + v, 0);
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  // Interleave clusters so that any prefix of rows holds every cluster.
  const order = rng.shuffle(sizes.flatMap((size, c) => Array.from({ length: size }, () => c)));
  order.forEach((c, i) => {
    labels[i] = c;
    for (let j = 0; j < d; j++) data[i * d + j] = centers[c]![j]! + rng.normal(0, spread);
  });
  return { X: new Matrix(data, n, d), labels };
}

/** Uniform rows in the unit cube: no cluster structure. */
export function uniformData(n: number, d: number, seed: number): Matrix {
  const rng = new Rng(seed);
  return new Matrix(Float64Array.from({ length: n * d }, () => rng.next()), n, d);
}
