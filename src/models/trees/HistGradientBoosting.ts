import { availableParallelism } from 'node:os';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import { usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { parseParams } from '../../core/parseParams';
import { Rng } from '../../core/rng';
import type { BinaryLabels, FitOptions } from '../ModelEntry';
import { BIN_SUBSAMPLE, BinMapper } from './BinMapper';
import { HistTree } from './HistTree';
import { HistogramBuilder } from './HistogramBuilder';
import { HistGradientBoostingModel } from './HistGradientBoostingModel';
import { checkBinaryLabels, checkTreeFit, checkTreeMatrix } from './checkTreeInput';
import { binGoesLeft, growTree, type GrowData, type GrowParams, type GrownTree } from './histTreeKernel';
import { histGradientBoostingParamsSchema, type HistGradientBoostingParams, type ResolvedHistGradientBoostingParams } from './histGradientBoostingParams';
import { stratifiedHoldout, takeRows } from './stratifiedHoldout';
import { logLoss } from './treeParamFields';

const WHO = 'HistGradientBoosting';
/** Above this many rows earlyStopping 'auto' turns on (as scikit-learn). */
export const AUTO_EARLY_STOPPING_ROWS = 10_000;
/** Below this many training cells (rows × columns) threads: 'auto' builds on the calling thread (a worker costs ~40 ms to start). */
export const BOOSTING_THREAD_MIN_CELLS = 1_000_000;

/**
 * Gradient-boosted histogram trees for a binary label (log loss), the design of LightGBM and
 * scikit-learn's HistGradientBoostingClassifier: features binned once (≤ 255 bins, NaN its own bin),
 * trees grown best-first up to maxLeafNodes with histogram subtraction, missing values sent the side
 * that gains most, shrinkage, L2 on leaf values, row and column subsampling, early stopping on the
 * validation log loss.
 */
export class HistGradientBoosting {
  readonly params: ResolvedHistGradientBoostingParams;

  constructor(params: HistGradientBoostingParams = {}) {
    this.params = parseParams(histGradientBoostingParamsSchema, params, WHO);
  }

  async fit(X: Matrix, y: BinaryLabels, options: FitOptions = {}): Promise<HistGradientBoostingModel> {
    const who = `${WHO}.fit`;
    const p = this.params;
    const { labels, weights } = checkTreeFit(X, y, options.sampleWeight, p, who);
    const stopEarly = p.earlyStopping === 'auto' ? X.rows > AUTO_EARLY_STOPPING_ROWS || options.validation !== undefined : p.earlyStopping;

    // Training and validation rows: the caller's validation set, else a seeded stratified holdout.
    let Xt = X, yt = labels, wt = weights;
    let Xv: Matrix | null = null, yv: Uint8Array | null = null, wv: Float64Array | null = null;
    if (stopEarly && options.validation) {
      checkTreeMatrix(options.validation.X, who, 'validation.X');
      checkFittedColumns(options.validation.X.columns, X.columns, who, 'validation.X');
      Xv = options.validation.X;
      yv = checkBinaryLabels(options.validation.y, Xv.rows, who, 'validation.y');
    } else if (stopEarly) {
      const { train, test } = stratifiedHoldout(labels, p.validationFraction, Rng.derive(p.seed, 'validation'));
      if (test.length === 0 || train.length === 0) throw usageError(who, `validationFraction ${p.validationFraction} leaves no rows on one side of ${X.rows}`, 'pass more rows or earlyStopping: false');
      Xt = takeRows(X, train);
      yt = Uint8Array.from(train, (i) => labels[i]!);
      wt = Float64Array.from(train, (i) => weights[i]!);
      Xv = takeRows(X, test);
      yv = Uint8Array.from(test, (i) => labels[i]!);
      wv = Float64Array.from(test, (i) => weights[i]!);
      checkBinaryLabels(yt, yt.length, who, 'y (training part)');
    }

    const n = Xt.rows, F = Xt.cols;
    const threads = p.threads === 'auto' ? (n * F >= BOOSTING_THREAD_MIN_CELLS ? availableParallelism() : 1) : p.threads;
    // Codes, gradients and the tree's rows in the builder's (shared) memory; at most maxLeafNodes + 1 histograms live at once
    // (without a leaf limit, histograms beyond 16 slots are fresh arrays built on the calling thread). Its workers start
    // before the binning, which sorts the columns for the bin edges on them.
    const hb = new HistogramBuilder(null, n, F, p.maxBins, p.maxLeafNodes ? p.maxLeafNodes + 2 : 16, threads, 'auto', Math.min(n, BIN_SUBSAMPLE), Xv ? Xv.rows : 0);
    try {
      options.onProgress?.(0, 'binning features');
      const bins = BinMapper.fit(Xt, p.maxBins, p.categoricalFeatures, p.seed, who, hb);
      bins.transform(Xt, hb.bins);
      const codes = hb.bins;
      const vCodes = Xv ? bins.transform(Xv, hb.vBins) : null;

      let sw = 0, sy = 0;
      for (let i = 0; i < n; i++) {
        sw += wt[i]!;
        sy += wt[i]! * yt[i]!;
      }
      if (!(sy > 0 && sy < sw)) throw usageError(who, 'the weighted rows of one class sum to 0', 'give rows of both classes a positive weight');
      const init = Math.log(sy / (sw - sy));
      const vRaw = Xv ? hb.vRaw.fill(init) : null;
      const { rows, raw, grad, hess } = hb;
      hb.splitParams(bins.nBins, bins.isCat, p.l2Regularization, p.minSamplesLeaf, p.minHessian);
      raw.fill(init);
      hb.y.set(yt);
      hb.w.set(wt);
      // hb.gradients() writes grad / hess (the tree's root sums read them) and the same numbers interleaved (the histograms').
      const data: GrowData = { bins: hb.bins, rowBins: new Uint8Array(0), n, F, nBins: bins.nBins, isCat: bins.isCat, missingBin: bins.missingBin, grad, hess, weight: wt, unitWeights: wt.every((w) => w === 1) ? 1 : 0 };
      const rng = Rng.derive(p.seed, 'boosting');
      const all = new Uint32Array(n);
      for (let i = 0; i < n; i++) all[i] = i;
      const scratch = new Uint32Array(n), inSample = new Uint8Array(n);
      const nSub = Math.max(1, Math.round(p.rowSubsample * n));
      const nCols = Math.max(1, Math.round(p.colSubsample * F));
      const colOrder = Int32Array.from({ length: F }, (_, j) => j);
      const trees: HistTree[] = [];
      const validationLoss: number[] | null = vRaw ? [logLoss(vRaw, yv!, wv)] : null;

      for (let iter = 0; iter < p.maxIter; iter++) {
        hb.gradients();
        // Rows of this tree: all, or a seeded sample without replacement (kept in row order).
        let m = n;
        if (nSub < n) {
          for (let k = 0; k < nSub; k++) {
            const j = k + rng.int(n - k);
            const t = all[k]!;
            all[k] = all[j]!;
            all[j] = t;
          }
          rows.set(all.subarray(0, nSub));
          rows.subarray(0, nSub).sort();
          m = nSub;
        } else rows.set(all);
        let features = colOrder;
        if (nCols < F) {
          for (let k = 0; k < nCols; k++) {
            const j = k + rng.int(F - k);
            const t = colOrder[k]!;
            colOrder[k] = colOrder[j]!;
            colOrder[j] = t;
          }
          features = colOrder.slice(0, nCols).sort();
        }
        const gp: GrowParams = {
          mode: 0,
          maxDepth: p.maxDepth ?? 1e9,
          maxLeafNodes: p.maxLeafNodes ?? 0,
          minSamplesLeaf: p.minSamplesLeaf,
          minHessian: p.minHessian,
          lambda: p.l2Regularization,
          features,
          mtry: 0,
        };
        const g = growTree(data, gp, rows, m, scratch, new Uint32Array(4), hb);
        const tree = HistTree.fromGrown(g, bins, p.learningRate);
        trees.push(tree);
        // Raw scores: the rows of each leaf from the grower's ranges (on the threads, the validation rows' too, when
        // every row is in the tree); rows outside the sample by walking the binned tree.
        const applied = m === n && hb.applyTree(g, tree.value, vRaw !== null);
        if (m < n) inSample.fill(0);
        for (let k = 0; k < g.feature.length && !applied; k++) {
          if (g.feature[k]! >= 0) continue;
          const v = tree.value[k]!;
          for (let q = g.nodeStart[k]!; q < g.nodeEnd[k]!; q++) {
            raw[g.rows[q]!]! += v;
            if (m < n) inSample[g.rows[q]!] = 1;
          }
        }
        if (m < n) for (let i = 0; i < n; i++) if (inSample[i] === 0) raw[i]! += tree.value[leafOfBinned(g, codes, i, n, bins.missingBin)]!;
        options.onProgress?.((iter + 1) / p.maxIter, `boosting iteration ${iter + 1} of ${p.maxIter}`);
        if (vRaw && vCodes && validationLoss) {
          if (!applied) for (let i = 0; i < vRaw.length; i++) vRaw[i]! += tree.value[leafOfBinned(g, vCodes, i, vRaw.length, bins.missingBin)]!;
          validationLoss.push(logLoss(vRaw, yv!, wv));
          if (shouldStop(validationLoss, p.nIterNoChange, p.tol)) break;
        }
        if (iter % 10 === 9) await new Promise((r) => setImmediate(r));
      }
      if (trees.length < p.maxIter) options.onProgress?.(1, `stopped early after ${trees.length} iterations`);
      return new HistGradientBoostingModel(X.columns, p, init, bins, trees, validationLoss, hb.threads);
    } finally {
      await hb.close();
    }
  }
}

/** The leaf that row i of column-major codes (n rows) reaches in a grown tree. */
function leafOfBinned(g: GrownTree, codes: Uint8Array, i: number, n: number, missingBin: number): number {
  let k = 0;
  while (g.feature[k]! >= 0) {
    const f = g.feature[k]!;
    const s = g.catSet[k]!;
    k = binGoesLeft(codes[f * n + i]!, missingBin, s >= 0 ? 1 : 0, g.bin[k]!, g.missingLeft[k]!, g.catWords, s >= 0 ? s * 8 : 0) ? g.left[k]! : g.right[k]!;
  }
  return k;
}

/**
 * scikit-learn's rule on losses: stop when none of the last nIterNoChange losses is below the loss
 * nIterNoChange + 1 iterations back by more than tol.
 */
export function shouldStop(losses: readonly number[], nIterNoChange: number, tol: number): boolean {
  if (losses.length <= nIterNoChange) return false;
  const reference = losses[losses.length - 1 - nIterNoChange]!;
  for (let k = losses.length - nIterNoChange; k < losses.length; k++) if (losses[k]! < reference - tol) return false;
  return true;
}
