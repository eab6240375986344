import { Matrix } from '../../core/Matrix';
import { silentProgress } from '../../core/progress';
import { Rng } from '../../core/rng';
import type { FitOptions } from '../ClusterModel';
import { kmeansPlusPlus, randomInit } from '../kmeans/kmeansInit';
import { KMEANS_OP, nearestTwo } from '../kmeans/kmeansKernels';
import { checkInitColumns, checkPositiveWeights } from '../kmeans/kmeansParams';
import { KMeansPool } from '../kmeans/KMeansPool';
import { kmeansSingleRun, repairEmptyClusters } from '../kmeans/kmeansSingleRun';
import { meanColumnVariance } from '../kmeans/meanColumnVariance';
import { validateClusterInput, validateSampleWeight } from '../validateClusterInput';
import { resolveMiniBatchKMeansParams, type MiniBatchKMeansParams, type ResolvedMiniBatchKMeansParams } from './miniBatchKMeansParams';
import { MiniBatchKMeansModel } from './MiniBatchKMeansModel';

export type { MiniBatchKMeansParams, ResolvedMiniBatchKMeansParams };

/**
 * Mini-batch k-means (scikit-learn's MiniBatchKMeans, Sculley 2010). Unlike scikit-learn, each start is
 * refined by k-means on its sample before the starts are compared (see nInit). Each step assigns a random batch
 * to the nearest centres and moves each centre towards its batch rows with learning rate
 * weight/(total weight the centre has seen); rarely hit centres move to random batch rows. Early stop
 * on the smoothed batch inertia. The final labels and inertia cover all rows.
 */
export class MiniBatchKMeans {
  readonly params: ResolvedMiniBatchKMeansParams;

  /** Validates params against miniBatchKMeansParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: MiniBatchKMeansParams) {
    this.params = resolveMiniBatchKMeansParams(params);
  }

  fit(X: Matrix, options: FitOptions = {}): MiniBatchKMeansModel {
    const who = 'MiniBatchKMeans.fit';
    const { k, maxIter, maxNoImprovement, tol, seed, init, nLocalTrials, reassignmentRatio, threads } = this.params;
    validateClusterInput(X, { who, nClusters: k });
    checkInitColumns(init, X.cols, who);
    const { rows: n, cols: d, data } = X;
    const w = validateSampleWeight(options.sampleWeight, n, who) ?? new Float64Array(n).fill(1);
    checkPositiveWeights(w, k, who);
    const progress = options.progress ?? silentProgress;
    const rng = Rng.derive(seed, 'MiniBatchKMeans');
    const batchSize = Math.min(this.params.batchSize, n);
    const initSize = Math.min(n, this.params.initSize ?? Math.max(3 * batchSize, 3 * k));
    const tolAbs = tol > 0 ? tol * meanColumnVariance(data, n, d) : 0;

    // Pick the start with the lowest inertia on one validation sample, larger than an init sample so
    // that close local optima are told apart.
    const validSize = Math.min(n, Math.max(initSize, 10 * batchSize));
    const valid = sampleRows(data, w, n, d, validSize, rng);
    const runs = typeof init === 'string' ? this.params.nInit : 1;
    let centres: Float64Array = new Float64Array(k * d);
    let bestInertia = Infinity;
    for (let r = 0; r < runs; r++) {
      let C: Float64Array = new Float64Array(k * d);
      if (typeof init !== 'string') {
        C.set(init.flat());
      } else {
        // As scikit-learn: a sample of initSize rows, or every row when that is as many.
        const sample = initSize < n ? sampleRows(data, w, n, d, initSize, rng) : { X: data, w };
        const where = `${who} (start ${r + 1}: ${init} on a sample of ${initSize} rows)`;
        checkPositiveWeights(sample.w, k, where);
        const pool = new KMeansPool(sample.X, initSize, d, sample.w, { k, maxTrials: init === 'k-means++' ? nLocalTrials : 0, bounds: 'hamerly', threads: 1 });
        try {
          let pending: number | undefined;
          if (init === 'k-means++') pending = kmeansPlusPlus(pool, rng, nLocalTrials, where);
          else randomInit(sample.X, sample.w, initSize, d, k, rng, pool.S.C);
          // Then k-means on the sample. Mini-batch steps only nudge centres: a start with two centres in
          // one group and none in another stays so (6–8% above k-means on overlapping blobs). Lloyd on
          // the sample moves them to that sample's local optimum, whose inertia tells good starts from bad.
          C = kmeansSingleRun(pool, 'hamerly', INIT_MAX_ITER, 1e-4 * pool.meanColumnVariance(), where, undefined, pending).centres;
        } finally {
          pool.close();
        }
      }
      const inertia = batchInertia(valid.X, valid.w, validSize, d, C, k, null);
      if (inertia < bestInertia) {
        bestInertia = inertia;
        centres = C;
      }
    }

    const nSteps = Math.floor((maxIter * n) / batchSize);
    progress.start(`mini-batch k-means k=${k}`, nSteps);
    const counts = new Float64Array(k);
    let next: Float64Array = new Float64Array(k * d);
    const batchRows = new Int32Array(batchSize);
    const batchLabels = new Int32Array(batchSize);
    let sinceReassign = 0;
    let ewa: number | null = null;
    let ewaMin: number | null = null;
    let noImprovement = 0;
    let converged = false;
    let step = 0;
    while (step < nSteps) {
      for (let b = 0; b < batchSize; b++) batchRows[b] = rng.int(n);
      // scikit-learn's _random_reassign, decided before the update: every 10·k rows seen, or while some centre has seen none.
      sinceReassign += batchSize;
      let reassign = sinceReassign >= 10 * k;
      for (let j = 0; j < k; j++) if (counts[j] === 0) reassign = true;
      if (reassign) sinceReassign = 0;
      const inertia = batchInertia(data, w, batchSize, d, centres, k, batchLabels, batchRows) / batchSize;
      updateCentres(data, w, d, k, batchRows, batchLabels, centres, next, counts);
      if (reassign && reassignmentRatio > 0) reassignSmallCentres(data, w, d, k, batchRows, next, counts, reassignmentRatio, rng);
      let shift = 0;
      if (tolAbs > 0) for (let q = 0; q < k * d; q++) shift += (next[q]! - centres[q]!) ** 2;
      [centres, next] = [next, centres];
      step++;
      progress.update(step);
      // scikit-learn's _mini_batch_convergence; the first step only measures the start.
      if (step === 1) continue;
      const alpha = Math.min(1, (batchSize * 2) / (n + 1));
      ewa = ewa === null ? inertia : ewa * (1 - alpha) + inertia * alpha;
      if (tolAbs > 0 && shift <= tolAbs) {
        converged = true;
        break;
      }
      if (ewaMin === null || ewa < ewaMin) {
        noImprovement = 0;
        ewaMin = ewa;
      } else {
        noImprovement++;
      }
      if (maxNoImprovement !== null && noImprovement >= maxNoImprovement) {
        converged = true;
        break;
      }
    }
    progress.end(`${step} step(s)${converged ? ', stopped early' : ''}`);

    // Labels and inertia over every row, on the threads the input size justifies.
    const pool = new KMeansPool(data, n, d, w, { k, maxTrials: 0, bounds: 'none', threads });
    let inertia: number;
    try {
      pool.S.C.set(centres);
      pool.S.labels.fill(-1);
      pool.run(KMEANS_OP.lloyd, { update: false });
      repairEmptyClusters(pool, who);
      pool.run(KMEANS_OP.inertia);
      inertia = pool.sumScalar();
      centres = pool.S.C.slice();
    } finally {
      pool.close();
    }
    return new MiniBatchKMeansModel(this.params, {
      columns: X.columns,
      centroids: new Matrix(centres, k, d, X.columns),
      labels: pool.S.labels.slice(),
      inertia,
      nSteps: step,
      nIter: Math.ceil((step * batchSize) / n),
      converged,
    });
  }
}

/** Lloyd iterations at most when a start is refined on its sample (it stops earlier once labels settle). */
const INIT_MAX_ITER = 100;

/** `size` rows drawn uniformly with replacement (scikit-learn's randint), copied with their weights. */
function sampleRows(data: Float64Array, w: Float64Array, n: number, d: number, size: number, rng: Rng): { X: Float64Array; w: Float64Array } {
  const X = new Float64Array(size * d);
  const sw = new Float64Array(size);
  for (let s = 0; s < size; s++) {
    const i = rng.int(n);
    X.set(data.subarray(i * d, i * d + d), s * d);
    sw[s] = w[i]!;
  }
  return { X, w: sw };
}

/**
 * Weighted inertia of `size` rows (rows[s] of X, or the first `size` rows when `rows` is absent)
 * against centres C; writes each row's nearest centre to `labels` when given.
 */
function batchInertia(X: Float64Array, w: Float64Array, size: number, d: number, C: Float64Array, k: number, labels: Int32Array | null, rows?: Int32Array): number {
  let total = 0;
  const out = new Float64Array(4);
  for (let s = 0; s < size; s++) {
    const i = rows ? rows[s]! : s;
    const best = nearestTwo(X, i * d, C, k, d, out);
    if (labels) labels[s] = best;
    total += w[i]! * out[0]!;
  }
  return total;
}

/**
 * scikit-learn's _minibatch_update_dense: a centre hit by the batch becomes the weighted mean of
 * everything it has seen (old centre × old weight + its batch rows), i.e. a step of size
 * batch weight / total weight; centres the batch missed stay.
 */
function updateCentres(
  X: Float64Array,
  w: Float64Array,
  d: number,
  k: number,
  rows: Int32Array,
  labels: Int32Array,
  C: Float64Array,
  next: Float64Array,
  counts: Float64Array,
): void {
  const batchW = new Float64Array(k);
  for (let q = 0; q < k * d; q++) next[q] = C[q]! * counts[Math.floor(q / d)]!;
  for (let s = 0; s < rows.length; s++) {
    const i = rows[s]!;
    const j = labels[s]!;
    const wi = w[i]!;
    batchW[j]! += wi;
    for (let t = 0; t < d; t++) next[j * d + t]! += wi * X[i * d + t]!;
  }
  for (let j = 0; j < k; j++) {
    if (batchW[j]! > 0) {
      counts[j]! += batchW[j]!;
      const alpha = 1 / counts[j]!;
      for (let t = 0; t < d; t++) next[j * d + t]! *= alpha;
    } else {
      for (let t = 0; t < d; t++) next[j * d + t] = C[j * d + t]!;
    }
  }
}

/**
 * scikit-learn's reassignment in _mini_batch_step: centres whose weight is below `ratio` × the largest
 * move to distinct batch rows drawn ∝ weight (at most half the batch's centres at once); their weight
 * is reset to the smallest weight of the centres that stay, so they are not moved again at once.
 */
function reassignSmallCentres(
  X: Float64Array,
  w: Float64Array,
  d: number,
  k: number,
  rows: Int32Array,
  C: Float64Array,
  counts: Float64Array,
  ratio: number,
  rng: Rng,
): void {
  let max = 0;
  for (let j = 0; j < k; j++) if (counts[j]! > max) max = counts[j]!;
  let move: number[] = [];
  for (let j = 0; j < k; j++) if (counts[j]! < ratio * max) move.push(j);
  if (move.length === 0) return;
  if (move.length > 0.5 * rows.length) {
    // Keep the heaviest of them (scikit-learn: argsort of the weights, keep from index batch/2 on).
    const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => counts[a]! - counts[b]! || a - b);
    const keep = new Set(order.slice(Math.floor(0.5 * rows.length)));
    move = move.filter((j) => !keep.has(j));
  }
  let minStay = Infinity;
  const moving = new Set(move);
  for (let j = 0; j < k; j++) if (!moving.has(j) && counts[j]! < minStay) minStay = counts[j]!;
  // Distinct batch positions drawn ∝ weight without replacement.
  const taken = new Uint8Array(rows.length);
  let remaining = 0;
  for (let s = 0; s < rows.length; s++) remaining += w[rows[s]!]!;
  for (const j of move) {
    if (!(remaining > 0)) break;
    const r = rng.next() * remaining;
    let acc = 0;
    let pick = -1;
    for (let s = 0; s < rows.length; s++) {
      const ws = w[rows[s]!]!;
      if (taken[s] || !(ws > 0)) continue;
      pick = s;
      acc += ws;
      if (acc > r) break;
    }
    if (pick < 0) break;
    taken[pick] = 1;
    remaining -= w[rows[pick]!]!;
    const i = rows[pick]!;
    C.set(X.subarray(i * d, i * d + d), j * d);
  }
  if (Number.isFinite(minStay)) for (const j of move) counts[j] = minStay;
}
