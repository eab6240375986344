// The objective's blocked passes (four rows at a time, Hessian tiles of 2 × 4 over blocks of 256 rows) against a
// plain row-by-row evaluation of the same formulas: row counts that leave a remainder of every size, odd and
// even column counts, rows of weight 0, columns far from 0, margins large enough to overflow a naive exp.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src';
import { LogisticObjective } from '../../../src/models/linear/LogisticObjective';

interface Case {
  n: number;
  p: number;
  weighted: boolean;
  lambda: number;
  fitIntercept: boolean;
}

function build({ n, p, weighted, lambda, fitIntercept }: Case, seed: number) {
  const rng = new Rng(seed);
  const X = new Float64Array(n * p);
  const center = new Float64Array(p);
  const invScale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    center[j] = j % 2 ? 1000 : 0;
    invScale[j] = 1 / (0.5 + j);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) X[i * p + j] = center[j]! + rng.normal(0, 0.5 + j);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) y[i] = rng.next() < 0.4 ? 1 : 0;
  const weight = weighted ? Float64Array.from({ length: n }, (_, i) => (i % 7 === 3 ? 0 : rng.uniform(0.2, 3))) : null;
  const theta = Float64Array.from({ length: p + 1 }, () => rng.normal(0, 3));
  return { obj: new LogisticObjective(X, n, p, y, weight, lambda, fitIntercept, center, invScale), X, y, weight, theta, center, invScale };
}

/** f, its gradient and Hessian, one row at a time with the standardised row written out. */
function reference(c: Case, b: ReturnType<typeof build>) {
  const { n, p, lambda, fitIntercept } = c;
  const d = p + 1;
  let S = 0;
  let loss = 0;
  const g = new Float64Array(d);
  const H = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const s = b.weight ? b.weight[i]! : 1;
    S += s;
    const x = Array.from({ length: d }, (_, j) => (j === p ? 1 : (b.X[i * p + j]! - b.center[j]!) * b.invScale[j]!));
    const z = x.reduce((acc, v, j) => acc + v * b.theta[j]!, 0);
    const sig = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    loss += s * (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - b.y[i]! * z);
    for (let j = 0; j < d; j++) {
      g[j]! += s * (sig - b.y[i]!) * x[j]!;
      for (let k = 0; k < d; k++) H[j * d + k]! += s * sig * (1 - sig) * x[j]! * x[k]!;
    }
  }
  let pen = 0;
  for (let j = 0; j < d; j++) {
    g[j] = g[j]! / S + (j < p ? lambda * b.theta[j]! : 0);
    for (let k = 0; k < d; k++) H[j * d + k] = H[j * d + k]! / S + (j === k && j < p ? lambda : 0);
    if (j < p) pen += b.theta[j]! ** 2;
  }
  if (!fitIntercept) {
    g[p] = 0;
    for (let j = 0; j < d; j++) H[j * d + p] = H[p * d + j] = j === p ? 1 : 0;
  }
  return { f: loss / S + 0.5 * lambda * pen, g, H };
}

const cases: Case[] = [
  ...[1, 2, 3, 4, 5, 6, 7, 257, 515].map((n) => ({ n, p: 4, weighted: false, lambda: 0, fitIntercept: true })),
  { n: 303, p: 5, weighted: true, lambda: 0.01, fitIntercept: true },
  { n: 262, p: 6, weighted: true, lambda: 0, fitIntercept: false },
  { n: 130, p: 1, weighted: false, lambda: 0.5, fitIntercept: true },
];

describe('LogisticObjective', () => {
  it.each(cases)('value, gradient and Hessian equal a row-by-row evaluation (n $n, p $p, weighted $weighted, lambda $lambda, intercept $fitIntercept)', (c) => {
    const b = build(c, c.n * 31 + c.p);
    const ref = reference(c, b);
    const d = c.p + 1;
    const g = new Float64Array(d);
    const f = b.obj.valueAndGradient(b.theta, g);
    expect(f).toBeCloseTo(ref.f, 11);
    g.forEach((v, j) => expect(v).toBeCloseTo(ref.g[j]!, 10));
    const g2 = new Float64Array(d);
    const H = new Float64Array(d * d);
    expect(b.obj.valueGradientHessian(b.theta, g2, H)).toBeCloseTo(ref.f, 11);
    g2.forEach((v, j) => expect(v).toBeCloseTo(ref.g[j]!, 10));
    H.forEach((v, k) => expect(v).toBeCloseTo(ref.H[k]!, 11));
    // A second call on the same scratch gives the same numbers (nothing carried over from the first).
    const g3 = new Float64Array(d);
    expect(b.obj.valueAndGradient(b.theta, g3)).toBe(f);
    expect(Array.from(g3)).toEqual(Array.from(g));
  });
});
