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
        this.threshold[at + k] = t.threshold[k]!;
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

  /** Per row: the sum of the leaf values of all trees. */
  sum(X: Matrix): Float64Array {
    const { rows: n, cols: F, data } = X;
    const out = new Float64Array(n);
    const { feature, threshold, missingLeft, left, right, value, catSet, catWords, roots, bins } = this;
    const T = roots.length;
    for (let i = 0; i < n; i++) {
      const base = i * F;
      let s = 0;
      for (let t = 0; t < T; t++) {
        let k = roots[t]!;
        let f = feature[k]!;
        while (f >= 0) {
          const v = data[base + f]!;
          if (v <= threshold[k]! && catSet[k]! < 0) k = left[k]!;
          else if (v === v && catSet[k]! < 0) k = right[k]!;
          else if (catSet[k]! < 0) k = missingLeft[k] === 1 ? left[k]! : right[k]!;
          else if (!bins.knownLevel(f, v)) k = missingLeft[k] === 1 ? left[k]! : right[k]!;
          else k = ((catWords[catSet[k]! + (v >>> 5)]! >>> (v & 31)) & 1) === 1 ? left[k]! : right[k]!;
          f = feature[k]!;
        }
        s += value[k]!;
      }
      out[i] = s;
    }
    return out;
  }
}
