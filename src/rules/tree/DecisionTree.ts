import { checkMatrix } from '../../core/checkMatrix';
import { InputError, usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { binFeatures } from './binFeatures';
import { DecisionTreeModel, missingValues } from './DecisionTreeModel';
import { growTree } from './growTree';
import { refuseInfinity } from './refuseInfinity';
import { defaultMinSamplesLeaf, resolveTreeParams, type DecisionTreeParams, type ResolvedDecisionTreeParams } from './treeParams';

export interface DecisionTreeFitOptions {
  /** Non-negative weight per row (default 1 each); leaf sizes (minSamplesLeaf) still count rows. */
  sampleWeight?: ArrayLike<number>;
}

/**
 * CART classifier with Gini impurity: the surrogate that turns cluster labels into readable threshold
 * rules. `new DecisionTree(params).fit(X, y)` returns a DecisionTreeModel. Missing values (NaN) are
 * read as 0, matching the rule semantics (a missing number counts as 0 in a comparison), or as +Infinity
 * in the columns of `missingAsInfinity` (fields in days); ±Infinity in X is refused. Deterministic: ties go to the lowest feature index, then the lowest threshold; the seed only
 * picks the rows the quantile cut points are read from when X has more than 100,000 rows.
 */
export class DecisionTree {
  readonly params: ResolvedDecisionTreeParams;

  constructor(params: DecisionTreeParams = {}) {
    this.params = resolveTreeParams(params);
  }

  fit(X: Matrix, y: Int32Array | readonly number[], options: DecisionTreeFitOptions = {}): DecisionTreeModel {
    const who = 'DecisionTree.fit';
    checkMatrix(X, who);
    const n = X.rows;
    if (n === 0) throw new InputError(`${who}: X has 0 rows.`);
    if (!y || y.length !== n) throw usageError(who, `y has ${y?.length ?? 0} labels, X has ${n} rows`);
    refuseInfinity(X, who);
    const seen = new Set<number>();
    for (let i = 0; i < n; i++) {
      const v = y[i]!;
      if (!Number.isInteger(v)) throw usageError(who, `y[${i}] is ${v}; labels are whole numbers (segment ids)`);
      seen.add(v);
    }
    const classes = Int32Array.from([...seen].sort((a, b) => a - b));
    const index = new Map<number, number>();
    classes.forEach((c, k) => index.set(c, k));
    const yIdx = new Int32Array(n);
    for (let i = 0; i < n; i++) yIdx[i] = index.get(y[i]!)!;

    const weight = new Float64Array(n).fill(1);
    if (options.sampleWeight !== undefined) {
      const sw = options.sampleWeight;
      if (sw.length !== n) throw usageError(who, `sampleWeight has ${sw.length} values, X has ${n} rows`);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const w = sw[i]!;
        if (!(Number.isFinite(w) && w >= 0)) throw usageError(who, `sampleWeight[${i}] is ${w}; weights are finite and >= 0`);
        weight[i] = w;
        total += w;
      }
      if (!(total > 0)) throw usageError(who, 'sampleWeight sums to 0; at least one row needs a positive weight');
    }

    const p = this.params;
    const unknown = p.missingAsInfinity.filter((c) => !X.columns.includes(c));
    if (unknown.length) throw usageError(who, `missingAsInfinity names ${unknown.map((c) => `"${c}"`).join(', ')}, not columns of X (${X.columns.join(', ')})`);
    const missing = missingValues(X.columns, p.missingAsInfinity);
    const minSamplesLeaf = p.minSamplesLeaf ?? defaultMinSamplesLeaf(n);
    const bins = binFeatures(X, p.maxThresholds, p.seed, missing);
    const { tree, featureImportances } = growTree({
      X,
      bins,
      y: yIdx,
      nClasses: classes.length,
      weight,
      missing,
      distinctive: p.distinctiveWithin > 0 ? { within: p.distinctiveWithin, scores: distinctiveness(X, yIdx, classes.length, weight) } : null,
      maxDepth: p.maxDepth,
      minSamplesLeaf,
      minImpurityDecrease: p.minImpurityDecrease,
    });
    return new DecisionTreeModel({ ...p, minSamplesLeaf }, X.columns, classes, tree, featureImportances);
  }
}

/**
 * Per class k and feature f (row-major K × F), |mean of the class − mean of all rows| / sd of all rows,
 * over the rows where the feature is present (weighted): how much the feature sets the class apart, as
 * the personas' standardised difference does. 0 where the feature is constant or absent.
 */
function distinctiveness(X: Matrix, y: Int32Array, K: number, weight: Float64Array): Float64Array {
  const F = X.cols;
  const sum = new Float64Array(K * F);
  const wsum = new Float64Array(K * F);
  const all = new Float64Array(F);
  const allW = new Float64Array(F);
  const sq = new Float64Array(F);
  for (let i = 0, off = 0; i < X.rows; i++, off += F) {
    const k = y[i]!;
    const w = weight[i]!;
    for (let f = 0; f < F; f++) {
      const v = X.data[off + f]!;
      if (v !== v) continue;
      sum[k * F + f]! += w * v;
      wsum[k * F + f]! += w;
      all[f]! += w * v;
      allW[f]! += w;
      sq[f]! += w * v * v;
    }
  }
  const out = new Float64Array(K * F);
  for (let f = 0; f < F; f++) {
    if (!(allW[f]! > 0)) continue;
    const mean = all[f]! / allW[f]!;
    const sd = Math.sqrt(Math.max(0, sq[f]! / allW[f]! - mean * mean));
    if (!(sd > 1e-12 * Math.max(1, Math.abs(mean)))) continue;
    for (let k = 0; k < K; k++) if (wsum[k * F + f]! > 0) out[k * F + f] = Math.abs(sum[k * F + f]! / wsum[k * F + f]! - mean) / sd;
  }
  return out;
}
