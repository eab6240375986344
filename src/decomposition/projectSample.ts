import { Matrix } from '../core/Matrix';
import { Rng } from '../core/rng';
import { PCA } from './PCA';

/** Customers in 2-D: a seeded sample of rows projected on the data's first two principal components. */
export interface Projection2D {
  method: 'pca';
  /** Share of variance explained by the two axes. */
  explained: [number, number];
  x: number[];
  y: number[];
  /** Each point's label. */
  segment: number[];
  /** Rows drawn / rows whose label is kept. */
  sampled: number;
  total: number;
}

/**
 * PCA fitted on every row of X, then one seeded uniform sample (at most maxPoints) of the rows whose label
 * is kept, projected (labels appear in proportion to their size on average; coordinates to 3 decimals).
 * Null when X has fewer than 2 columns: there is no plane to show.
 */
export function projectSample(X: Matrix, labels: ArrayLike<number>, keep: (label: number) => boolean, maxPoints: number, seed: number): Projection2D | null {
  if (X.cols < 2) return null;
  const members: number[] = [];
  for (let i = 0; i < labels.length; i++) if (keep(labels[i]!)) members.push(i);
  const rng = Rng.derive(seed, 'report-projection');
  // Partial Fisher–Yates: the first m entries are a uniform sample without replacement.
  const m = Math.min(maxPoints, members.length);
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(members.length - i);
    [members[i], members[j]] = [members[j]!, members[i]!];
  }
  const rows = members.slice(0, m).sort((a, b) => a - b);
  const model = new PCA({ nComponents: 2 }).fit(X);
  const sub = new Float64Array(rows.length * X.cols);
  rows.forEach((r, i) => sub.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), i * X.cols));
  const Y = model.transform(new Matrix(sub, rows.length, X.cols, X.columns));
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  return {
    method: 'pca',
    explained: [model.explainedVarianceRatio[0] ?? 0, model.explainedVarianceRatio[1] ?? 0],
    x: rows.map((_, i) => round(Y.get(i, 0))),
    y: rows.map((_, i) => round(Y.get(i, 1))),
    segment: rows.map((r) => labels[r]!),
    sampled: rows.length,
    total: members.length,
  };
}
