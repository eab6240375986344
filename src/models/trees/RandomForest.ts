import { availableParallelism } from 'node:os';
import type { Matrix } from '../../core/Matrix';
import { parseParams } from '../../core/parseParams';
import type { BinaryLabels, FitOptions } from '../ModelEntry';
import { BinMapper } from './BinMapper';
import { HistTree } from './HistTree';
import { RandomForestModel } from './RandomForestModel';
import { checkTreeFit } from './checkTreeInput';
import { growForestInWorkers, type ForestJob, type GrownForestTree } from './forestWorkers';
import { growForestTree, type GrowParams } from './histTreeKernel';
import { randomForestParamsSchema, type RandomForestParams, type ResolvedRandomForestParams } from './randomForestParams';


const WHO = 'RandomForest';
/** Below this much work (rows × trees) worker threads cost more than they save (~40 ms to start one). */
export const FOREST_THREAD_MIN_WORK = 200_000;

/**
 * A random forest on the histogram trees of the boosting model: per tree a seeded bootstrap sample,
 * per split maxFeatures features drawn (more when none of them can split, as scikit-learn), splits by the
 * Gini decrease (missing values sent the side that gains most), trees grown until pure or limited by
 * maxDepth / minSamplesLeaf; trees grow on worker threads, the same forest for any number of them.
 */
export class RandomForest {
  readonly params: ResolvedRandomForestParams;

  constructor(params: RandomForestParams = {}) {
    this.params = parseParams(randomForestParamsSchema, params, WHO);
  }

  async fit(X: Matrix, y: BinaryLabels, options: FitOptions = {}): Promise<RandomForestModel> {
    const who = `${WHO}.fit`;
    const p = this.params;
    const { labels, weights } = checkTreeFit(X, y, options.sampleWeight, p, who);
    const n = X.rows, F = X.cols;
    options.onProgress?.(0, 'binning features');
    const bins = BinMapper.fit(X, p.maxBins, p.categoricalFeatures, p.seed, who);
    const codes = bins.transform(X);
    const rowCodes = new Uint8Array(n * F);
    for (let f = 0; f < F; f++) for (let i = 0; i < n; i++) rowCodes[i * F + f] = codes[f * n + i]!;
    const mtry = p.maxFeatures === 'all' ? F : p.maxFeatures === 'sqrt' ? Math.floor(Math.sqrt(F)) : p.maxFeatures === 'log2' ? Math.floor(Math.log2(F)) : Math.floor(p.maxFeatures * F);
    const gp: GrowParams = {
      mode: 1,
      maxDepth: p.maxDepth ?? 1e9,
      maxLeafNodes: 0,
      minSamplesLeaf: p.minSamplesLeaf,
      minHessian: 0,
      lambda: 0,
      features: Int32Array.from({ length: F }, (_, j) => j),
      mtry: Math.max(1, mtry),
    };
    const job: ForestJob = {
      d: { bins: codes, rowBins: rowCodes, n, F, nBins: bins.nBins, isCat: bins.isCat, missingBin: bins.missingBin, grad: new Float64Array(0), hess: new Float64Array(0), weight: new Float64Array(0) },
      y: labels,
      sampleWeight: weights,
      p: gp,
      seed: p.seed,
      bootstrap: p.bootstrap ? 1 : 0,
    };
    const T = p.nEstimators;
    const progress = (done: number): void => options.onProgress?.(done / T, `tree ${done} of ${T}`);
    const threads = Math.min(T, p.threads === 'auto' ? (n * T >= FOREST_THREAD_MIN_WORK ? availableParallelism() : 1) : p.threads);
    let grown: GrownForestTree[] | null = threads > 1 ? await growForestInWorkers(job, T, threads, progress) : null;
    const used = grown ? threads : 1;
    if (!grown) {
      grown = [];
      for (let t = 0; t < T; t++) {
        grown.push(growForestTree(job.d, job.y, job.sampleWeight, job.p, job.seed, t, job.bootstrap));
        progress(t + 1);
        if (t % 4 === 3) await new Promise((r) => setImmediate(r));
      }
    }
    return new RandomForestModel(X.columns, p, bins, grown.map((g) => HistTree.fromGrown(g, bins, 1)), used);
  }
}
