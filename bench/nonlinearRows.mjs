// The rows of bench:models and bench/hgb-fit.mjs: the nonlinear generator of test/models/trees/treeFixtures.ts
// (nonlinearData), F features with 5% missing values, seeded.
export const F = 30;

export function nonlinearRows(seglab, n, seed) {
  const { Matrix, Rng } = seglab;
  const rng = new Rng(seed);
  const X = new Float64Array(n * F);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < F; j++) X[i * F + j] = rng.normal();
    const x = X.subarray(i * F, i * F + F);
    const s = Math.sin(2 * x[0]) + x[1] * x[2] + (x[3] > 0.5 ? 1.5 : -0.5) + 0.5 * x[4] * x[4] - 0.8;
    y[i] = rng.next() < 1 / (1 + Math.exp(-2 * s)) ? 1 : 0;
    for (let j = 0; j < F; j++) if (rng.next() < 0.05) X[i * F + j] = NaN;
  }
  return { X: new Matrix(X, n, F, Array.from({ length: F }, (_, j) => `f${j}`)), y };
}
