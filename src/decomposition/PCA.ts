import { checkParam } from '../core/errors';
import { Matrix } from '../core/Matrix';
import { symmetricEigen } from './symmetricEigen';
import { validateClusterInput } from '../cluster/validateClusterInput';

/** Principal components of the clustering features, for 2-D pictures of segments (not for modelling). */
export class PCA {
  readonly nComponents: number;

  constructor(params: { nComponents?: number } = {}) {
    const { nComponents = 2 } = params;
    checkParam(Number.isInteger(nComponents) && nComponents >= 1, 'PCA nComponents', nComponents, 'an integer >= 1');
    this.nComponents = nComponents;
  }

  /** Centre the columns, eigen-decompose the covariance (d × d, d small), keep the leading components. */
  fit(X: Matrix): PCAModel {
    validateClusterInput(X, { who: 'PCA.fit', allowConstantColumns: true });
    const { rows: n, cols: d, data } = X;
    checkParam(this.nComponents <= d, 'PCA nComponents', this.nComponents, `at most the number of columns (${d})`);
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]!;
    for (let j = 0; j < d; j++) mean[j]! /= n;
    const cov = new Float64Array(d * d);
    const centred = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) centred[j] = data[i * d + j]! - mean[j]!;
      for (let a = 0; a < d; a++) {
        const ca = centred[a]!;
        for (let b = a; b < d; b++) cov[a * d + b]! += ca * centred[b]!;
      }
    }
    const denom = Math.max(1, n - 1);
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[b * d + a] = cov[a * d + b]! /= denom;
    const { values, vectors } = symmetricEigen(cov, d);
    const total = values.reduce((s, v) => s + Math.max(0, v), 0);
    const m = this.nComponents;
    const components = new Float64Array(m * d);
    for (let c = 0; c < m; c++) {
      // Sign convention: the largest loading of each component is positive, so pictures do not flip between runs.
      let big = 0;
      for (let j = 0; j < d; j++) if (Math.abs(vectors[j * d + c]!) > Math.abs(big)) big = vectors[j * d + c]!;
      const sign = big < 0 ? -1 : 1;
      for (let j = 0; j < d; j++) components[c * d + j] = sign * vectors[j * d + c]!;
    }
    const explained = Array.from(values.subarray(0, m), (v) => (total > 0 ? Math.max(0, v) / total : 0));
    return new PCAModel([...X.columns], Array.from(mean), new Matrix(components, m, d, X.columns), explained);
  }
}

export class PCAModel {
  constructor(
    readonly columns: readonly string[],
    readonly mean: readonly number[],
    /** One row per component (unit length), one column per input feature: the loadings. */
    readonly components: Matrix,
    /** Share of the total variance each component explains. */
    readonly explainedVarianceRatio: readonly number[],
  ) {}

  transform(X: Matrix): Matrix {
    checkParam(X.cols === this.columns.length && X.columns.every((c, j) => c === this.columns[j]), 'PCAModel.transform X columns', X.columns, `the fitted columns ${this.columns.join(', ')}`);
    const d = X.cols;
    const m = this.components.rows;
    const out = new Float64Array(X.rows * m);
    const W = this.components.data;
    for (let i = 0; i < X.rows; i++) {
      for (let c = 0; c < m; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (X.data[i * d + j]! - this.mean[j]!) * W[c * d + j]!;
        out[i * m + c] = s;
      }
    }
    return new Matrix(out, X.rows, m, Array.from({ length: m }, (_, c) => `PC${c + 1}`));
  }
}
