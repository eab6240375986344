import { assertUnreachable } from '../../core/assertUnreachable';
import { InputError, usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { silentProgress } from '../../core/progress';
import { Rng } from '../../core/rng';
import type { FitOptions } from '../ClusterModel';
import { argmaxRows } from './argmaxRows';
import { COVARIANCE_TYPES, covarianceLength, GMM_INITS, type CovarianceType, type GmmInit } from './covarianceType';
import { resolveGaussianMixtureParams, type GaussianMixtureParams, type ResolvedGaussianMixtureParams } from './gaussianMixtureParams';
import { estimateGaussianParameters } from './estimateGaussianParameters';
import { estimateResponsibilities } from './estimateLogProb';
import { labelResponsibilities, nearestMeanLabels, randomResponsibilities } from './initialResponsibilities';
import type { MixtureState } from './MixtureState';
import { computePrecisionCholesky, type MixturePrecision } from './precisionCholesky';
import { GaussianMixtureModel } from './GaussianMixtureModel';
import { KMeans } from '../kmeans/KMeans';
import { validateClusterInput } from '../validateClusterInput';

export { COVARIANCE_TYPES, GMM_INITS, type CovarianceType, type GmmInit, type GaussianMixtureParams, type ResolvedGaussianMixtureParams };

/** Result of one EM run (one restart). */
interface EmRun {
  state: MixtureState;
  lowerBound: number;
  lowerBounds: number[];
  nIter: number;
  converged: boolean;
}

/**
 * Gaussian mixture fitted by expectation–maximisation, following scikit-learn's GaussianMixture:
 * log-space E-step over Cholesky factors of the precisions, regCovar on every covariance diagonal,
 * convergence on the change of the mean log-likelihood, nInit restarts keeping the best lower bound.
 */
export class GaussianMixture {
  readonly params: ResolvedGaussianMixtureParams;

  /** Validates params against gaussianMixtureParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: GaussianMixtureParams) {
    this.params = resolveGaussianMixtureParams(params);
  }

  fit(X: Matrix, options: FitOptions = {}): GaussianMixtureModel {
    const who = 'GaussianMixture.fit';
    const { k, covarianceType, maxIter, nInit, meansInit } = this.params;
    validateClusterInput(X, { who, nClusters: k });
    if (options.sampleWeight !== undefined) {
      throw usageError(who, 'sampleWeight is not supported by the Gaussian mixture (as in scikit-learn); drop it or use KMeans');
    }
    if (meansInit && meansInit[0]!.length !== X.cols) {
      throw usageError(who, `meansInit has ${meansInit[0]!.length} values per mean but X has ${X.cols} columns`);
    }
    const progress = options.progress ?? silentProgress;
    const { rows: n, data } = X;
    progress.start(`Gaussian mixture k=${k} (${covarianceType}), ${nInit} restart(s)`, nInit * maxIter);
    // One responsibility buffer for every E-step of every restart (n×k can be large).
    const resp = new Float64Array(n * k);
    let best: EmRun | undefined;
    for (let restart = 0; restart < nInit; restart++) {
      const rng = Rng.derive(this.params.seed, `GaussianMixture restart ${restart}`);
      const run = this.runEm(X, rng, resp, who, (iter) => progress.update(restart * maxIter + iter));
      // As scikit-learn: strictly better lower bounds replace the kept run.
      if (best === undefined || run.lowerBound > best.lowerBound) best = run;
    }
    const kept = best!;
    const precision = this.precisionOrThrow(kept.state, who);
    // Final E-step with the kept parameters, so labels equal predict(X) on the training rows.
    const logLikelihood = estimateResponsibilities(data, n, kept.state, precision, resp);
    const labels = argmaxRows(resp, n, k);
    if (!kept.converged) {
      progress.note(`${who}: EM did not converge within maxIter=${maxIter} iterations (tol=${this.params.tol}); increase maxIter or tol, or check for degenerate data.`);
    }
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) sizes[labels[i]!]++;
    const empty = [...sizes.keys()].filter((c) => sizes[c] === 0);
    if (empty.length) progress.note(`${who}: component(s) ${empty.join(', ')} hold no row by highest responsibility (their soft membership is still > 0).`);
    progress.end(`lower bound ${kept.lowerBound.toFixed(4)} after ${kept.nIter} iteration(s)${kept.converged ? '' : ' (not converged)'}`);
    return new GaussianMixtureModel({
      params: cloneParams(this.params),
      columns: [...X.columns],
      state: kept.state,
      labels,
      converged: kept.converged,
      nIter: kept.nIter,
      lowerBound: kept.lowerBound,
      lowerBounds: kept.lowerBounds,
      logLikelihood,
    });
  }

  /** One EM run from a fresh initialisation. */
  private runEm(X: Matrix, rng: Rng, resp: Float64Array, who: string, onIteration: (iter: number) => void): EmRun {
    const { maxIter, tol, regCovar } = this.params;
    const { rows: n, data } = X;
    const state = this.initialState(X, rng);
    let precision = this.precisionOrThrow(state, who);
    let lowerBound = -Infinity;
    const lowerBounds: number[] = [];
    let converged = false;
    let nIter = 0;
    for (let iter = 1; iter <= maxIter; iter++) {
      nIter = iter;
      const prev = lowerBound;
      // The lower bound is the mean log-likelihood under the parameters before this M-step (as scikit-learn).
      lowerBound = estimateResponsibilities(data, n, state, precision, resp) / n;
      estimateGaussianParameters(data, n, resp, regCovar, state);
      normaliseWeights(state.weights);
      precision = this.precisionOrThrow(state, who);
      lowerBounds.push(lowerBound);
      onIteration(iter);
      if (Math.abs(lowerBound - prev) < tol) {
        converged = true;
        break;
      }
    }
    return { state, lowerBound, lowerBounds, nIter, converged };
  }

  /** Weights, means and covariances from the initial responsibilities (scikit-learn's `_initialize`). */
  private initialState(X: Matrix, rng: Rng): MixtureState {
    const { k, covarianceType: type, regCovar, init, meansInit } = this.params;
    const { rows: n, cols: d, data } = X;
    const state: MixtureState = {
      type,
      k,
      d,
      weights: new Float64Array(k),
      means: new Float64Array(k * d),
      covariances: new Float64Array(covarianceLength(type, k, d)),
    };
    let given: Float64Array | undefined;
    let resp: Float64Array;
    if (meansInit) {
      given = Float64Array.from(meansInit.flat());
      resp = labelResponsibilities(nearestMeanLabels(data, n, d, given, k), k);
    } else {
      switch (init) {
        case 'kmeans':
          resp = labelResponsibilities(new KMeans({ k, seed: rng.nextUint32(), nInit: 1 }).fit(X).labels, k);
          break;
        case 'random':
          resp = randomResponsibilities(rng, n, k);
          break;
        default:
          return assertUnreachable(init, 'GaussianMixture init');
      }
    }
    estimateGaussianParameters(data, n, resp, regCovar, state);
    for (let c = 0; c < k; c++) state.weights[c] /= n;
    if (given) state.means.set(given);
    return state;
  }

  private precisionOrThrow(state: MixtureState, who: string): MixturePrecision {
    const result = computePrecisionCholesky(state);
    if (result.ok) return result.precision;
    const { regCovar } = this.params;
    const what = state.type === 'tied' ? 'the shared (tied) covariance' : `the covariance of component ${result.failed}`;
    throw new InputError(
      `${who}: ${what} is not positive definite even after adding regCovar=${regCovar} to its diagonal ` +
        `(the component collapsed onto too few distinct rows, or features are collinear). ` +
        `Increase regCovar (e.g. 1e-4), or reduce the number of features or components.`,
    );
  }
}

function normaliseWeights(w: Float64Array): void {
  let s = 0;
  for (let c = 0; c < w.length; c++) s += w[c]!;
  for (let c = 0; c < w.length; c++) w[c] /= s;
}

function cloneParams(p: ResolvedGaussianMixtureParams): ResolvedGaussianMixtureParams {
  return { ...p, ...(p.meansInit ? { meansInit: p.meansInit.map((r) => [...r]) } : {}) };
}
