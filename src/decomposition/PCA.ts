import { z } from 'zod';
import { checkFiniteMatrix } from '../core/checkFiniteMatrix';
import { checkFittedColumns } from '../core/checkFittedColumns';
import { checkMatrix } from '../core/checkMatrix';
import { paramError, savedJsonError } from '../core/errors';
import { Matrix } from '../core/Matrix';
import { parseParams } from '../core/parseParams';
import { parseSavedJson } from '../core/parseSavedJson';
import { pcaParamsSchema, type PCAParams, type ResolvedPCAParams } from './pcaParams';
import { symmetricEigen } from '../core/symmetricEigen';

export type { PCAParams };

const FINITE_FIX = 'impute missing values (SimpleImputer) and clip or drop infinite ones first';

/** Saved PCA models start with this; bump it when the JSON changes shape. */
export const PCA_SCHEMA_VERSION = 1;

/** Principal components of the clustering features, for 2-D pictures of segments (not for modelling). */
export class PCA {
  readonly params: ResolvedPCAParams;

  /** Validates params against pcaParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: PCAParams = {}) {
    this.params = parseParams(pcaParamsSchema, params, 'PCA');
  }

  get nComponents(): number {
    return this.params.nComponents;
  }

  /** Centre the columns, eigen-decompose the covariance (d × d, d small), keep the leading components. */
  fit(X: Matrix): PCAModel {
    checkFiniteMatrix(X, 'PCA.fit', { fix: FINITE_FIX });
    const { rows: n, cols: d, data } = X;
    const m = this.params.nComponents;
    if (m > d) throw paramError('PCA nComponents', m, `at most the number of columns (${d})`);
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
    const components = new Float64Array(m * d);
    for (let c = 0; c < m; c++) {
      // Sign convention: the largest loading of each component is positive, so pictures do not flip between runs.
      let big = 0;
      for (let j = 0; j < d; j++) if (Math.abs(vectors[j * d + c]!) > Math.abs(big)) big = vectors[j * d + c]!;
      const sign = big < 0 ? -1 : 1;
      for (let j = 0; j < d; j++) components[c * d + j] = sign * vectors[j * d + c]!;
    }
    const explained = Array.from(values.subarray(0, m), (v) => (total > 0 ? Math.max(0, v) / total : 0));
    return new PCAModel({ ...this.params }, [...X.columns], Array.from(mean), new Matrix(components, m, d, X.columns), explained);
  }
}

const finite = z.number().finite();
const jsonSchema = z
  .object({
    schemaVersion: z.literal(PCA_SCHEMA_VERSION),
    kind: z.literal('pca'),
    params: pcaParamsSchema,
    columns: z.array(z.string()).min(1),
    mean: z.array(finite),
    components: z.array(z.array(finite)).min(1),
    explainedVarianceRatio: z.array(finite.min(0).max(1)),
  })
  .strict();
export type PCAJSON = z.infer<typeof jsonSchema>;

/** A fitted PCA: the column means and the leading components (loadings). */
export class PCAModel {
  readonly kind = 'pca' as const;

  constructor(
    readonly params: ResolvedPCAParams,
    readonly columns: readonly string[],
    readonly mean: readonly number[],
    /** One row per component (unit length), one column per input feature: the loadings. */
    readonly components: Matrix,
    /** Share of the total variance each component explains. */
    readonly explainedVarianceRatio: readonly number[],
  ) {}

  /** Scores on the components (rows × nComponents, columns PC1, PC2, …) of rows with the fitted columns. */
  transform(X: Matrix): Matrix {
    const who = 'PCAModel.transform';
    checkMatrix(X, who);
    checkFittedColumns(X.columns, this.columns, who);
    if (X.rows > 0) checkFiniteMatrix(X, who, { fix: FINITE_FIX });
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

  toJSON(): PCAJSON {
    return {
      schemaVersion: PCA_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params },
      columns: [...this.columns],
      mean: [...this.mean],
      components: this.components.toRows(),
      explainedVarianceRatio: [...this.explainedVarianceRatio],
    };
  }

  /** Restore a saved model (object or JSON text); a malformed field is named in the error. */
  static fromJSON(json: unknown): PCAModel {
    const j = parseSavedJson(jsonSchema, json, 'PCA');
    const d = j.columns.length;
    const m = j.params.nComponents;
    const bad = (msg: string): never => {
      throw savedJsonError('PCA', msg);
    };
    if (j.mean.length !== d) bad(`mean has ${j.mean.length} values, expected one per column (${d})`);
    if (j.components.length !== m) bad(`components has ${j.components.length} rows, expected params.nComponents = ${m}`);
    j.components.forEach((row, c) => {
      if (row.length !== d) bad(`components.${c} has ${row.length} values, expected one per column (${d})`);
    });
    if (j.explainedVarianceRatio.length !== m) bad(`explainedVarianceRatio has ${j.explainedVarianceRatio.length} values, expected ${m}`);
    return new PCAModel(j.params, j.columns, j.mean, new Matrix(Float64Array.from(j.components.flat()), m, d, j.columns), j.explainedVarianceRatio);
  }
}
