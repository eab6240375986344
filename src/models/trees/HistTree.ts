import { z } from 'zod';
import { savedJsonError } from '../../core/errors';
import type { BinMapper } from './BinMapper';
import type { GrownTree } from './histTreeKernel';

/** A saved tree: one array per node field (a leaf has feature −1). */
export const histTreeJsonSchema = z
  .object({
    feature: z.array(z.number().int().min(-1)),
    threshold: z.array(z.number()),
    missingLeft: z.array(z.union([z.literal(0), z.literal(1)])),
    left: z.array(z.number().int().min(-1)),
    right: z.array(z.number().int().min(-1)),
    value: z.array(z.number()),
    cover: z.array(z.number().min(0)),
    catSet: z.array(z.number().int().min(-1)),
    catWords: z.array(z.number().int().min(0).max(0xffffffff)),
  })
  .strict();
export type HistTreeJSON = z.infer<typeof histTreeJsonSchema>;

/**
 * A fitted histogram tree in raw feature space: a numeric split sends x ≤ threshold left, a categorical
 * split sends the levels of its set left, a missing value (or an unseen level) goes its learned side.
 * `cover` is the training weight that reached each node (what TreeSHAP weighs the unseen side by).
 */
export class HistTree {
  constructor(
    readonly feature: Int32Array,
    readonly threshold: Float64Array,
    readonly missingLeft: Uint8Array,
    readonly left: Int32Array,
    readonly right: Int32Array,
    readonly value: Float64Array,
    readonly cover: Float64Array,
    readonly catSet: Int32Array,
    readonly catWords: Uint32Array,
  ) {}

  /** From the grower's bin-space tree: raw thresholds from the bin edges, leaf values times `scale`. */
  static fromGrown(g: Pick<GrownTree, 'feature' | 'bin' | 'missingLeft' | 'left' | 'right' | 'value' | 'cover' | 'catSet' | 'catWords'>, bins: BinMapper, scale: number): HistTree {
    const nodes = g.feature.length;
    const threshold = new Float64Array(nodes);
    const value = new Float64Array(nodes);
    for (let k = 0; k < nodes; k++) {
      const f = g.feature[k]!;
      if (f >= 0 && g.catSet[k]! < 0) threshold[k] = bins.threshold(f, g.bin[k]!);
      value[k] = g.value[k]! * scale;
    }
    return new HistTree(g.feature, threshold, g.missingLeft, g.left, g.right, value, g.cover, g.catSet, g.catWords);
  }

  get nodeCount(): number {
    return this.feature.length;
  }

  /** Whether row values x (raw) go left at node k. */
  goesLeft(k: number, x: ArrayLike<number>, bins: BinMapper): boolean {
    const f = this.feature[k]!;
    const v = x[f]!;
    const set = this.catSet[k]!;
    if (set < 0) return v <= this.threshold[k]! || (v !== v && this.missingLeft[k] === 1);
    if (!bins.knownLevel(f, v)) return this.missingLeft[k] === 1;
    return ((this.catWords[set * 8 + (v >>> 5)]! >>> (v & 31)) & 1) === 1;
  }

  /** The leaf value of one row. */
  predictRow(x: ArrayLike<number>, bins: BinMapper): number {
    let k = 0;
    while (this.feature[k]! >= 0) k = this.goesLeft(k, x, bins) ? this.left[k]! : this.right[k]!;
    return this.value[k]!;
  }

  /** Levels below the root of the deepest leaf. */
  maxDepth(): number {
    let deepest = 0;
    const walk = (k: number, depth: number): void => {
      if (this.feature[k]! < 0) deepest = Math.max(deepest, depth);
      else {
        walk(this.left[k]!, depth + 1);
        walk(this.right[k]!, depth + 1);
      }
    };
    walk(0, 0);
    return deepest;
  }

  /** The cover-weighted mean leaf value: the tree's expected output (TreeSHAP's base value). */
  expectedValue(): number {
    let sum = 0;
    for (let k = 0; k < this.feature.length; k++) if (this.feature[k]! < 0) sum += this.value[k]! * this.cover[k]!;
    return this.cover[0]! > 0 ? sum / this.cover[0]! : 0;
  }

  toJSON(): HistTreeJSON {
    return {
      feature: Array.from(this.feature),
      threshold: Array.from(this.threshold),
      missingLeft: Array.from(this.missingLeft) as (0 | 1)[],
      left: Array.from(this.left),
      right: Array.from(this.right),
      value: Array.from(this.value),
      cover: Array.from(this.cover),
      catSet: Array.from(this.catSet),
      catWords: Array.from(this.catWords),
    };
  }

  /** Restore and check the structure (children in range and after their parent, one length for all arrays). */
  static fromJSON(j: HistTreeJSON, F: number, kind: string, at: string): HistTree {
    const n = j.feature.length;
    const fields = ['threshold', 'missingLeft', 'left', 'right', 'value', 'cover', 'catSet'] as const;
    if (n === 0) throw savedJsonError(kind, `${at} has no nodes`);
    for (const key of fields) if (j[key].length !== n) throw savedJsonError(kind, `${at}.${key} has ${j[key].length} values, expected ${n}`);
    for (let k = 0; k < n; k++) {
      const f = j.feature[k]!;
      if (f >= F) throw savedJsonError(kind, `${at}.feature[${k}] is ${f}, expected below ${F}`);
      if (f < 0) continue;
      const l = j.left[k]!, r = j.right[k]!;
      if (!(l > k && l < n && r > k && r < n)) throw savedJsonError(kind, `${at} node ${k} has children ${l} and ${r}, expected nodes after it`);
      const s = j.catSet[k]!;
      if (s >= 0 && (s + 1) * 8 > j.catWords.length) throw savedJsonError(kind, `${at}.catSet[${k}] is ${s}, beyond catWords`);
    }
    return new HistTree(
      Int32Array.from(j.feature),
      Float64Array.from(j.threshold),
      Uint8Array.from(j.missingLeft),
      Int32Array.from(j.left),
      Int32Array.from(j.right),
      Float64Array.from(j.value),
      Float64Array.from(j.cover),
      Int32Array.from(j.catSet),
      Uint32Array.from(j.catWords),
    );
  }
}
