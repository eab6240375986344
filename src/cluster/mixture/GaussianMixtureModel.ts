import { parseSavedJson } from '../../core/parseSavedJson';
import { z } from 'zod';
import { assertUnreachable } from '../../core/assertUnreachable';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import { checkMatrix } from '../../core/checkMatrix';
import { savedJsonError, usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { CLUSTER_SCHEMA_VERSION, type ClusterModel } from '../ClusterModel';
import { gaussianMixtureParamsSchema, resolveGaussianMixtureParams, type ResolvedGaussianMixtureParams } from './gaussianMixtureParams';
import { argmaxRows } from './argmaxRows';
import { covarianceLength, mixtureParameterCount, type CovarianceType } from './covarianceType';
import { estimateResponsibilities, logDensityConstants } from './estimateLogProb';
import type { MixtureState } from './MixtureState';
import { computePrecisionCholesky, type MixturePrecision } from './precisionCholesky';
import { validateClusterInput } from '../validateClusterInput';

/** Component covariances in the shape of their type (scikit-learn's `covariances_`). */
export type GaussianCovariances =
  /** One d×d matrix per component. */
  | { readonly type: 'full'; readonly values: readonly Matrix[] }
  /** One d×d matrix shared by every component. */
  | { readonly type: 'tied'; readonly values: Matrix }
  /** k×d: the variance of every feature in every component. */
  | { readonly type: 'diag'; readonly values: Matrix }
  /** k values: one variance per component, the same for every feature. */
  | { readonly type: 'spherical'; readonly values: Float64Array };

const finite = z.number().finite();
const rowsOf = z.array(z.array(finite));

const jsonSchema = z
  .object({
    schemaVersion: z.literal(CLUSTER_SCHEMA_VERSION),
    kind: z.literal('gmm'),
    params: gaussianMixtureParamsSchema,
    columns: z.array(z.string()).min(1),
    weights: z.array(finite.positive()),
    means: rowsOf,
    covariance: z.discriminatedUnion('type', [
      z.object({ type: z.literal('full'), values: z.array(rowsOf) }).strict(),
      z.object({ type: z.literal('tied'), values: rowsOf }).strict(),
      z.object({ type: z.literal('diag'), values: rowsOf }).strict(),
      z.object({ type: z.literal('spherical'), values: z.array(finite) }).strict(),
    ]),
    labels: z.array(z.number().int().min(0)),
    converged: z.boolean(),
    nIter: z.number().int().min(1),
    lowerBound: finite,
    lowerBounds: z.array(finite),
    logLikelihood: finite,
  })
  .strict();
/** The saved model: its params resolved (given means as rows). */
export type GaussianMixtureJSON = Omit<z.infer<typeof jsonSchema>, 'params'> & { params: ResolvedGaussianMixtureParams };

/** What fit (or fromJSON) hands the model. */
export interface GaussianMixtureFit {
  params: ResolvedGaussianMixtureParams;
  columns: readonly string[];
  state: MixtureState;
  labels: Int32Array;
  converged: boolean;
  nIter: number;
  lowerBound: number;
  lowerBounds: readonly number[];
  logLikelihood: number;
}

/** A fitted Gaussian mixture: weights, means and covariances, soft memberships and likelihood scores. */
export class GaussianMixtureModel implements ClusterModel {
  readonly kind = 'gmm' as const;
  readonly k: number;
  readonly columns: readonly string[];
  /** Component of highest responsibility of every training row. */
  readonly labels: Int32Array;
  readonly params: ResolvedGaussianMixtureParams;
  readonly covarianceType: CovarianceType;
  /** Mixing proportions (sum to 1). */
  readonly weights: Float64Array;
  /** k×d component means, with the input's column names. */
  readonly means: Matrix;
  readonly covariances: GaussianCovariances;
  /** Whether the kept restart stopped on tol before maxIter. */
  readonly converged: boolean;
  /** EM iterations of the kept restart. */
  readonly nIter: number;
  /** Mean log-likelihood per row at the last iteration of the kept restart (scikit-learn's lower_bound_). */
  readonly lowerBound: number;
  /** The lower bound after every iteration of the kept restart (convergence trace). */
  readonly lowerBounds: readonly number[];
  /** Total log-likelihood of the training rows under the fitted parameters. */
  readonly logLikelihood: number;
  /** Free parameters, as scikit-learn's _n_parameters (BIC and AIC use it). */
  readonly nParameters: number;

  private readonly state: MixtureState;
  private readonly precision: MixturePrecision;

  constructor(fit: GaussianMixtureFit) {
    const { state } = fit;
    const precision = computePrecisionCholesky(state);
    if (!precision.ok) throw usageError('GaussianMixtureModel', `the covariance of component ${precision.failed} is not positive definite`);
    this.state = state;
    this.precision = precision.precision;
    this.params = fit.params;
    this.k = state.k;
    this.columns = [...fit.columns];
    this.labels = fit.labels;
    this.covarianceType = state.type;
    // Public copies, so changing them cannot change what predict computes.
    this.weights = state.weights.slice();
    this.means = new Matrix(state.means.slice(), state.k, state.d, this.columns);
    this.covariances = publicCovariances(state, this.columns);
    this.converged = fit.converged;
    this.nIter = fit.nIter;
    this.lowerBound = fit.lowerBound;
    this.lowerBounds = [...fit.lowerBounds];
    this.logLikelihood = fit.logLikelihood;
    this.nParameters = mixtureParameterCount(state.type, state.k, state.d);
  }

  /** Component of highest responsibility for every row. */
  predict(X: Matrix): Int32Array {
    // Same path as the final E-step of fit, so predict(training X) equals labels.
    return argmaxRows(this.responsibilities(X, 'GaussianMixtureModel.predict'), X.rows, this.k);
  }

  /** n×k soft memberships p(component | row); every row sums to 1. Columns are named c0..c{k-1}. */
  predictProba(X: Matrix): Matrix {
    const resp = this.responsibilities(X, 'GaussianMixtureModel.predictProba');
    return new Matrix(resp, X.rows, this.k, Array.from({ length: this.k }, (_, c) => `c${c}`));
  }

  /** Log density log p(x) of every row under the mixture. */
  scoreSamples(X: Matrix): Float64Array {
    this.check(X, 'GaussianMixtureModel.scoreSamples');
    const out = new Float64Array(X.rows);
    estimateResponsibilities(X.data, X.rows, this.state, this.precision, new Float64Array(X.rows * this.k), out);
    return out;
  }

  /** Mean log density per row. */
  score(X: Matrix): number {
    return this.totalLogLikelihood(X, 'GaussianMixtureModel.score') / X.rows;
  }

  /** Bayesian information criterion −2·log L + p·ln n (lower is better). */
  bic(X: Matrix): number {
    const total = this.totalLogLikelihood(X, 'GaussianMixtureModel.bic');
    return -2 * total + this.nParameters * Math.log(X.rows);
  }

  /** Akaike information criterion −2·log L + 2p (lower is better). */
  aic(X: Matrix): number {
    const total = this.totalLogLikelihood(X, 'GaussianMixtureModel.aic');
    return -2 * total + 2 * this.nParameters;
  }

  /**
   * What predict computes with, as copies: means, the precision Cholesky factors (packed lower triangles
   * for full / tied, 1/σ for diag / spherical) and per component the constant log w − ½·log|Σ| − ½·d·log 2π
   * of estimateLogProb, so a compiler (cluster/sql) can write the same arithmetic in SQL.
   */
  logDensityTerms(): { type: CovarianceType; k: number; d: number; means: Float64Array; precChol: Float64Array; constants: Float64Array } {
    const { type, k, d, means } = this.state;
    return { type, k, d, means: means.slice(), precChol: this.precision.precChol.slice(), constants: logDensityConstants(this.state, this.precision) };
  }

  /** The full d×d covariance of one component, whatever the covariance type. */
  covarianceMatrix(component: number): Matrix {
    const { k, d, type, covariances } = this.state;
    if (!Number.isInteger(component) || component < 0 || component >= k) {
      throw usageError('GaussianMixtureModel.covarianceMatrix', `component ${component} does not exist; expected an integer from 0 to ${k - 1}`);
    }
    const out = new Float64Array(d * d);
    switch (type) {
      case 'full':
        out.set(covariances.subarray(component * d * d, (component + 1) * d * d));
        break;
      case 'tied':
        out.set(covariances);
        break;
      case 'diag':
        for (let j = 0; j < d; j++) out[j * d + j] = covariances[component * d + j]!;
        break;
      case 'spherical':
        for (let j = 0; j < d; j++) out[j * d + j] = covariances[component]!;
        break;
      default:
        assertUnreachable(type, 'covariance type');
    }
    return new Matrix(out, d, d, this.columns);
  }

  toJSON(): GaussianMixtureJSON {
    const p = this.params;
    return {
      schemaVersion: CLUSTER_SCHEMA_VERSION,
      kind: this.kind,
      params: {
        k: p.k,
        covarianceType: p.covarianceType,
        regCovar: p.regCovar,
        maxIter: p.maxIter,
        tol: p.tol,
        nInit: p.nInit,
        init: p.init,
        seed: p.seed,
        ...(p.meansInit ? { meansInit: p.meansInit.map((r) => [...r]) } : {}),
      },
      columns: [...this.columns],
      weights: Array.from(this.state.weights),
      means: this.means.toRows(),
      covariance: covariancesJson(this.covariances),
      labels: Array.from(this.labels),
      converged: this.converged,
      nIter: this.nIter,
      lowerBound: this.lowerBound,
      lowerBounds: [...this.lowerBounds],
      logLikelihood: this.logLikelihood,
    };
  }

  /** Restore a saved model (object or JSON text); a malformed field is named in the error. */
  static fromJSON(json: unknown): GaussianMixtureModel {
    const j = parseSavedJson(jsonSchema, json, 'GaussianMixture');
    const params = resolveGaussianMixtureParams(j.params, 'GaussianMixture JSON');
    const k = params.k;
    const d = j.columns.length;
    const type = params.covarianceType;
    const bad = (field: string, expected: string): never => {
      throw savedJsonError('GaussianMixture', `${field}: expected ${expected}`);
    };
    if (j.weights.length !== k) bad('weights', `${k} values (params.k), got ${j.weights.length}`);
    if (j.means.length !== k) bad('means', `${k} rows (params.k), got ${j.means.length}`);
    j.means.forEach((row, c) => {
      if (row.length !== d) bad(`means.${c}`, `${d} values (one per column), got ${row.length}`);
    });
    if (params.meansInit && params.meansInit[0]!.length !== d) bad('params.meansInit', `${k} rows of ${d} values`);
    if (j.covariance.type !== type) bad('covariance.type', `"${type}" (params.covarianceType), got "${j.covariance.type}"`);
    if (j.lowerBounds.length !== j.nIter) bad('lowerBounds', `one value per iteration (nIter=${j.nIter}), got ${j.lowerBounds.length}`);
    for (const [i, label] of j.labels.entries()) if (label >= k) bad(`labels.${i}`, `a component from 0 to ${k - 1}, got ${label}`);
    const covariances = new Float64Array(covarianceLength(type, k, d));
    const cov = j.covariance;
    switch (cov.type) {
      case 'full':
        if (cov.values.length !== k) bad('covariance.values', `${k} matrices, got ${cov.values.length}`);
        cov.values.forEach((m, c) => fillSquare(m, d, covariances, c * d * d, `covariance.values.${c}`, bad));
        break;
      case 'tied':
        fillSquare(cov.values, d, covariances, 0, 'covariance.values', bad);
        break;
      case 'diag':
        if (cov.values.length !== k) bad('covariance.values', `${k} rows, got ${cov.values.length}`);
        cov.values.forEach((row, c) => {
          if (row.length !== d) bad(`covariance.values.${c}`, `${d} values, got ${row.length}`);
          covariances.set(row, c * d);
        });
        break;
      case 'spherical':
        if (cov.values.length !== k) bad('covariance.values', `${k} values, got ${cov.values.length}`);
        covariances.set(cov.values);
        break;
      default:
        assertUnreachable(cov, 'covariance');
    }
    const state: MixtureState = { type, k, d, weights: Float64Array.from(j.weights), means: Float64Array.from(j.means.flat()), covariances };
    const precision = computePrecisionCholesky(state);
    if (!precision.ok) bad(type === 'tied' ? 'covariance.values' : `covariance.values.${precision.failed}`, 'a positive definite covariance');
    return new GaussianMixtureModel({
      params,
      columns: j.columns,
      state,
      labels: Int32Array.from(j.labels),
      converged: j.converged,
      nIter: j.nIter,
      lowerBound: j.lowerBound,
      lowerBounds: j.lowerBounds,
      logLikelihood: j.logLikelihood,
    });
  }

  private responsibilities(X: Matrix, who: string): Float64Array {
    this.check(X, who);
    const resp = new Float64Array(X.rows * this.k);
    estimateResponsibilities(X.data, X.rows, this.state, this.precision, resp);
    return resp;
  }

  private totalLogLikelihood(X: Matrix, who: string): number {
    this.check(X, who);
    if (X.rows === 0) throw usageError(who, 'X has 0 rows; a score needs at least one row');
    return estimateResponsibilities(X.data, X.rows, this.state, this.precision, new Float64Array(X.rows * this.k));
  }

  /** Same columns as in training, in order, and finite values; an empty X is allowed (empty result). */
  private check(X: Matrix, who: string): void {
    checkMatrix(X, who);
    checkFittedColumns(X.columns, this.columns, who);
    if (X.rows > 0) validateClusterInput(X, { who, allowConstantColumns: true });
  }
}

function publicCovariances(state: MixtureState, columns: readonly string[]): GaussianCovariances {
  const { type, k, d, covariances } = state;
  switch (type) {
    case 'full':
      return { type, values: Array.from({ length: k }, (_, c) => new Matrix(covariances.slice(c * d * d, (c + 1) * d * d), d, d, columns)) };
    case 'tied':
      return { type, values: new Matrix(covariances.slice(), d, d, columns) };
    case 'diag':
      return { type, values: new Matrix(covariances.slice(), k, d, columns) };
    case 'spherical':
      return { type, values: covariances.slice() };
    default:
      return assertUnreachable(type, 'covariance type');
  }
}

function covariancesJson(cov: GaussianCovariances): GaussianMixtureJSON['covariance'] {
  switch (cov.type) {
    case 'full':
      return { type: cov.type, values: cov.values.map((m) => m.toRows()) };
    case 'tied':
    case 'diag':
      return { type: cov.type, values: cov.values.toRows() };
    case 'spherical':
      return { type: cov.type, values: Array.from(cov.values) };
    default:
      return assertUnreachable(cov, 'covariance');
  }
}

function fillSquare(rows: number[][], d: number, out: Float64Array, offset: number, field: string, bad: (field: string, expected: string) => never): void {
  if (rows.length !== d || rows.some((r) => r.length !== d)) bad(field, `a ${d}×${d} matrix`);
  rows.forEach((r, a) => {
    r.forEach((v, b) => {
      if (v !== rows[b]![a]) bad(`${field}.${a}.${b}`, `a symmetric matrix (${v} vs ${rows[b]![a]} at ${b}.${a})`);
    });
    out.set(r, offset + a * d);
  });
}

