import type { Matrix } from '../../core/Matrix';
import type { BinMapper } from './BinMapper';
import type { HistTree } from './HistTree';

/**
 * The trees of a fitted model flattened into one set of node arrays, so scoring walks typed arrays only:
 * `sum(X)` is, per row, the sum of the trees' leaf values. A numeric node with a finite value takes the
 * fast path (one comparison); NaN and categorical nodes take the learned missing side / the level set.
 */
export class TreeEnsemble {
  private readonly feature: Int32Array;
  private readonly threshold: Float64Array;
  private readonly missingLeft: Uint8Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly value: Float64Array;
  private readonly catSet: Int32Array;
  private readonly catWords: Uint32Array;
  private readonly roots: Int32Array;

  constructor(
    readonly trees: readonly HistTree[],
    readonly bins: BinMapper,
  ) {
    let nodes = 0, words = 0;
    for (const t of trees) {
      nodes += t.nodeCount;
      words += t.catWords.length;
    }
    this.feature = new Int32Array(nodes);
    this.threshold = new Float64Array(nodes);
    this.missingLeft = new Uint8Array(nodes);
    this.left = new Int32Array(nodes);
    this.right = new Int32Array(nodes);
    this.value = new Float64Array(nodes);
    this.catSet = new Int32Array(nodes);
    this.catWords = new Uint32Array(words);
    this.roots = new Int32Array(trees.length);
    let at = 0, wordAt = 0;
    trees.forEach((t, ti) => {
      this.roots[ti] = at;
      for (let k = 0; k < t.nodeCount; k++) {
        this.feature[at + k] = t.feature[k]!;
        this.threshold[at + k] = t.catSet[k]! < 0 ? t.threshold[k]! : NaN;
        this.missingLeft[at + k] = t.missingLeft[k]!;
        this.left[at + k] = at + t.left[k]!;
        this.right[at + k] = at + t.right[k]!;
        this.value[at + k] = t.value[k]!;
        this.catSet[at + k] = t.catSet[k]! < 0 ? -1 : wordAt + t.catSet[k]! * 8;
      }
      this.catWords.set(t.catWords, wordAt);
      at += t.nodeCount;
      wordAt += t.catWords.length;
    });
  }

  /**
   * Per row: the sum of the leaf values of all trees. Rows go in blocks, each tree walking a whole block,
   * so a tree's nodes stay in cache; a categorical node's threshold is NaN, so that it and a NaN value
   * fail both comparisons and take the slow path (learned missing side, level set).
   */
  sum(X: Matrix): Float64Array {
    const { rows: n, cols: F, data } = X;
    const out = new Float64Array(n);
    const { feature, threshold, left, right, value, roots } = this;
    const T = roots.length;
    const BLOCK = 256;
    for (let from = 0; from < n; from += BLOCK) {
      const to = Math.min(n, from + BLOCK);
      for (let t = 0; t < T; t++) {
        const root = roots[t]!;
        for (let i = from; i < to; i++) {
          const base = i * F;
          let k = root;
          let f = feature[k]!;
          while (f >= 0) {
            const v = data[base + f]!;
            const thr = threshold[k]!;
            if (v <= thr) k = left[k]!;
            else if (v > thr) k = right[k]!;
            else k = this.slowChild(k, f, v);
            f = feature[k]!;
          }
          out[i]! += value[k]!;
        }
      }
    }
    return out;
  }

  /** The child of node k for a NaN value or at a categorical node. */
  private slowChild(k: number, f: number, v: number): number {
    const set = this.catSet[k]!;
    let goLeft: boolean;
    if (set < 0 || !this.bins.knownLevel(f, v)) goLeft = this.missingLeft[k] === 1;
    else goLeft = ((this.catWords[set + (v >>> 5)]! >>> (v & 31)) & 1) === 1;
    return goLeft ? this.left[k]! : this.right[k]!;
  }
}
