import { checkParam } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { Rng } from '../../core/rng';

/**
 * Seeded stratified train/holdout split: within each label, a shuffled round(share × count) rows go
 * to the holdout. Both index lists come back ascending.
 */
export function stratifiedSplit(labels: ArrayLike<number>, holdout: number, seed: number): { train: Int32Array; holdout: Int32Array } {
  checkParam(Number.isFinite(holdout) && holdout >= 0 && holdout < 1, 'holdout', holdout, 'a share from 0 (no holdout) up to, not including, 1');
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byLabel.get(labels[i]!) ?? [];
    list.push(i);
    byLabel.set(labels[i]!, list);
  }
  const rng = Rng.derive(seed, 'surrogate holdout split');
  const isHoldout = new Uint8Array(labels.length);
  for (const label of [...byLabel.keys()].sort((a, b) => a - b)) {
    const rows = rng.shuffle(byLabel.get(label)!);
    const take = Math.round(rows.length * holdout);
    for (let j = 0; j < take; j++) isHoldout[rows[j]!] = 1;
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < labels.length; i++) (isHoldout[i] ? test : train).push(i);
  return { train: Int32Array.from(train), holdout: Int32Array.from(test) };
}

/** The given rows of X, in that order, as a new Matrix with the same column names. */
export function takeRows(X: Matrix, rows: ArrayLike<number>): Matrix {
  const c = X.cols;
  const data = new Float64Array(rows.length * c);
  for (let i = 0; i < rows.length; i++) data.set(X.data.subarray(rows[i]! * c, rows[i]! * c + c), i * c);
  return new Matrix(data, rows.length, c, X.columns);
}
