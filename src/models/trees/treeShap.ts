import { checkFittedColumns } from '../../core/checkFittedColumns';
import { usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import type { BinMapper } from './BinMapper';
import type { HistTree } from './HistTree';
import { HistGradientBoostingModel } from './HistGradientBoostingModel';
import { RandomForestModel } from './RandomForestModel';
import { checkTreeMatrix } from './checkTreeInput';

export interface TreeShapResult {
  /** rows × features: each feature's contribution to each row's output (columns = the model's features). */
  contributions: Matrix;
  /** The output with no feature known: the cover-weighted mean of the leaves (plus the boosting init). */
  baseValue: number;
  /**
   * What is explained: the boosted model's raw score (log-odds, decisionFunction); the forest's
   * probability (predictProba: the mean of its trees is additive, its log-odds is not).
   */
  output: 'log-odds' | 'probability';
}

/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): per row, the Shapley values
 * of the trees' output where a feature outside a coalition follows both sides of a split in proportion
 * to the training cover; polynomial time (leaves × depth²) per tree. baseValue + Σ contributions equals
 * the explained output per row. A missing value follows its learned side like any known value.
 */
export function treeShap(model: HistGradientBoostingModel | RandomForestModel, X: Matrix): TreeShapResult {
  const who = 'treeShap';
  if (!(model instanceof HistGradientBoostingModel || model instanceof RandomForestModel)) throw usageError(who, 'model must be a fitted HistGradientBoostingModel or RandomForestModel');
  checkTreeMatrix(X, who);
  checkFittedColumns(X.columns, model.featureNames, who);
  const F = X.cols;
  const phi = new Float64Array(X.rows * F);
  const forest = model instanceof RandomForestModel;
  const scale = forest ? 1 / model.trees.length : 1;
  let base = forest ? 0 : model.init;
  for (const tree of model.trees) base += scale * tree.expectedValue();
  const maxDepth = Math.max(...model.trees.map((t) => t.maxDepth()));
  const path = new ShapPath(maxDepth + 2);
  for (let i = 0; i < X.rows; i++) {
    const x = X.row(i);
    const out = phi.subarray(i * F, (i + 1) * F);
    for (const tree of model.trees) shapTree(tree, model.bins, x, out, path, scale);
  }
  return { contributions: new Matrix(phi, X.rows, F, model.featureNames), baseValue: base, output: forest ? 'probability' : 'log-odds' };
}

/** The unique-path storage of the recursion: one segment per depth, each a copy of its parent's path. */
class ShapPath {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;
  constructor(readonly depth: number) {
    const size = ((depth + 1) * (depth + 2)) / 2;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

/** Add scale × the SHAP values of one tree at row x to phi. */
function shapTree(tree: HistTree, bins: BinMapper, x: Float64Array, phi: Float64Array, P: ShapPath, scale: number): void {
  const { feature: pf, zero: pz, one: po, weight: pw } = P;

  // Grow the path at offset `at` (length l + 1 after) by a split on feature fi.
  const extend = (at: number, l: number, zeroFraction: number, oneFraction: number, fi: number): void => {
    pf[at + l] = fi;
    pz[at + l] = zeroFraction;
    po[at + l] = oneFraction;
    pw[at + l] = l === 0 ? 1 : 0;
    for (let i = l - 1; i >= 0; i--) {
      pw[at + i + 1]! += (oneFraction * pw[at + i]! * (i + 1)) / (l + 1);
      pw[at + i] = (zeroFraction * pw[at + i]! * (l - i)) / (l + 1);
    }
  };
  // Undo the extension by element k (path length l + 1 before).
  const unwind = (at: number, l: number, k: number): void => {
    const one = po[at + k]!, zero = pz[at + k]!;
    let next = pw[at + l]!;
    for (let j = l - 1; j >= 0; j--) {
      if (one !== 0) {
        const t = pw[at + j]!;
        pw[at + j] = (next * (l + 1)) / ((j + 1) * one);
        next = t - (pw[at + j]! * zero * (l - j)) / (l + 1);
      } else pw[at + j] = (pw[at + j]! * (l + 1)) / (zero * (l - j));
    }
    for (let j = k; j < l; j++) {
      pf[at + j] = pf[at + j + 1]!;
      pz[at + j] = pz[at + j + 1]!;
      po[at + j] = po[at + j + 1]!;
    }
  };
  // The total weight of the path with element k unwound (without changing it).
  const unwoundSum = (at: number, l: number, k: number): number => {
    const one = po[at + k]!, zero = pz[at + k]!;
    let next = pw[at + l]!, total = 0;
    for (let j = l - 1; j >= 0; j--) {
      if (one !== 0) {
        const t = (next * (l + 1)) / ((j + 1) * one);
        total += t;
        next = pw[at + j]! - (t * zero * (l - j)) / (l + 1);
      } else total += pw[at + j]! / ((zero * (l - j)) / (l + 1));
    }
    return total;
  };

  const recurse = (node: number, parentAt: number, at: number, l: number, zeroFraction: number, oneFraction: number, fi: number): void => {
    // This node's segment starts as a copy of its parent's path.
    if (l > 0) {
      pf.copyWithin(at, parentAt, parentAt + l);
      pz.copyWithin(at, parentAt, parentAt + l);
      po.copyWithin(at, parentAt, parentAt + l);
      pw.copyWithin(at, parentAt, parentAt + l);
    }
    extend(at, l, zeroFraction, oneFraction, fi);
    const f = tree.feature[node]!;
    if (f < 0) {
      const v = tree.value[node]! * scale;
      for (let k = 1; k <= l; k++) phi[pf[at + k]!]! += unwoundSum(at, l, k) * (po[at + k]! - pz[at + k]!) * v;
      return;
    }
    const goLeft = tree.goesLeft(node, x, bins);
    const hot = goLeft ? tree.left[node]! : tree.right[node]!;
    const cold = goLeft ? tree.right[node]! : tree.left[node]!;
    const cover = tree.cover[node]!;
    const hotZero = cover > 0 ? tree.cover[hot]! / cover : 0;
    const coldZero = cover > 0 ? tree.cover[cold]! / cover : 0;
    let inZero = 1, inOne = 1, depth = l;
    // A feature split on before: undo that split, to redo it here with both fractions combined.
    let k = 1;
    while (k <= depth && pf[at + k] !== f) k++;
    if (k <= depth) {
      inZero = pz[at + k]!;
      inOne = po[at + k]!;
      unwind(at, depth, k);
      depth--;
    }
    const childAt = at + l + 1;
    recurse(hot, at, childAt, depth + 1, hotZero * inZero, inOne, f);
    recurse(cold, at, childAt, depth + 1, coldZero * inZero, 0, f);
  };
  recurse(0, 0, 0, 0, 1, 1, -1);
}
