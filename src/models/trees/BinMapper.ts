import { InputError, problem, savedJsonError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { Rng } from '../../core/rng';

/** Rows the bin edges are read from at most (a seeded subsample above it), as scikit-learn. */
export const BIN_SUBSAMPLE = 200_000;
/** The raw threshold of a split that sends every non-missing value left (finite, so JSON keeps it). */
export const ALL_LEFT = Number.MAX_VALUE;

export interface BinMapperJSON {
  maxBins: number;
  /** Per feature: the upper edges of its bins (numeric), or [] (categorical). */
  edges: number[][];
  /** Per categorical feature index: the levels seen at fit. */
  categories: Record<string, number[]>;
}

/**
 * Sorts several columns of values at once (HistogramBuilder: on its worker threads). `values(rows)` is room for
 * `slots` columns of `rows` values each (column c at c·rows …); `sort(count, rows)` sorts the first `count` of them
 * in place, each as Float64Array.prototype.sort would (NaN last).
 */
export interface ColumnSorter {
  readonly slots: number;
  values(rows: number): Float64Array;
  sort(count: number, rows: number): void;
}

/**
 * Features to small integer codes: up to maxBins quantile bins per numeric feature (every distinct value
 * its own bin when there are few), a categorical feature's level as its code, and NaN (or an unseen level)
 * the code maxBins. A value goes to the first bin whose upper edge it does not exceed, so a split "bin ≤ b"
 * is the raw test "x ≤ edges[b]" and a fitted tree predicts without binning.
 */
export class BinMapper {
  /** Code of a missing value (and of an unseen level). */
  readonly missingBin: number;
  readonly nBins: Int32Array;
  readonly isCat: Uint8Array;
  /** 8 words per feature: bit v set when level v was seen at fit (categorical features). */
  readonly catKnown: Uint32Array;

  constructor(
    readonly maxBins: number,
    readonly edges: readonly Float64Array[],
    categories: ReadonlyMap<number, readonly number[]>,
  ) {
    const F = edges.length;
    this.missingBin = maxBins;
    this.nBins = new Int32Array(F);
    this.isCat = new Uint8Array(F);
    this.catKnown = new Uint32Array(F * 8);
    for (let f = 0; f < F; f++) {
      const levels = categories.get(f);
      if (levels) {
        this.isCat[f] = 1;
        let top = 0;
        for (const v of levels) {
          this.catKnown[f * 8 + (v >>> 5)] |= 1 << (v & 31);
          top = Math.max(top, v + 1);
        }
        this.nBins[f] = Math.max(1, top);
      } else this.nBins[f] = edges[f]!.length + 1;
    }
  }

  /**
   * Bin edges from (a seeded subsample of) the rows; categorical columns must hold whole-number levels 0 … maxBins − 1.
   * With a sorter the numeric columns are sorted by it, `slots` columns at a time (the same order, so the same edges).
   */
  static fit(X: Matrix, maxBins: number, categorical: readonly number[], seed: number, who: string, sorter?: ColumnSorter): BinMapper {
    const { rows: n, cols: F, data } = X;
    let sample: Int32Array | null = null;
    if (n > BIN_SUBSAMPLE) {
      const rng = Rng.derive(seed, 'bins');
      const all = new Int32Array(n);
      for (let i = 0; i < n; i++) all[i] = i;
      for (let k = 0; k < BIN_SUBSAMPLE; k++) {
        const j = k + rng.int(n - k);
        const t = all[k]!;
        all[k] = all[j]!;
        all[j] = t;
      }
      sample = all.slice(0, BIN_SUBSAMPLE).sort();
    }
    const isCat = new Set(categorical);
    const edges: Float64Array[] = new Array<Float64Array>(F);
    const categories = new Map<number, number[]>();
    const m = sample ? sample.length : n;
    // Column f's finite values (of the sample) into out[at …]; returns how many.
    const gather = (f: number, out: Float64Array, at: number): number => {
      let k = at;
      for (let s = 0; s < m; s++) {
        const v = data[(sample ? sample[s]! : s) * F + f]!;
        if (v === v) out[k++] = v;
      }
      return k - at;
    };
    const numeric: number[] = [];
    for (let f = 0; f < F; f++) {
      if (isCat.has(f)) {
        const seen = new Set<number>();
        for (let i = 0; i < n; i++) {
          const v = data[i * F + f]!;
          if (v !== v) continue;
          if (!Number.isInteger(v) || v < 0 || v >= maxBins) {
            throw new InputError(`${who}: categorical column "${X.columns[f]}" must hold whole-number levels from 0 to ${maxBins - 1}.`, [
              problem({ check: 'categorical-level', what: `value ${v} is not a level code`, where: { column: X.columns[f], row: i + 1 }, fix: `encode the levels as codes 0 … ${maxBins - 1} (at most maxBins levels), or leave the column out of categoricalFeatures` }),
            ]);
          }
          seen.add(v);
        }
        categories.set(f, [...seen].sort((a, b) => a - b));
        edges[f] = new Float64Array(0);
      } else numeric.push(f);
    }
    if (sorter && sorter.slots > 1 && numeric.length > 1) {
      // A batch of columns gathered here, sorted on the sorter's threads; the tail of each column after its finite values is NaN (sorts last).
      for (let q0 = 0; q0 < numeric.length; q0 += sorter.slots) {
        const batch = numeric.slice(q0, q0 + sorter.slots);
        const vals = sorter.values(m);
        // One pass over the sampled rows for the whole batch (a row's cells share cache lines), not one per column.
        const counts = new Int32Array(batch.length);
        for (let s = 0; s < m; s++) {
          const base = (sample ? sample[s]! : s) * F;
          for (let c = 0; c < batch.length; c++) {
            const v = data[base + batch[c]!]!;
            if (v === v) vals[c * m + counts[c]!++] = v;
          }
        }
        batch.forEach((_, c) => vals.fill(NaN, c * m + counts[c]!, (c + 1) * m));
        sorter.sort(batch.length, m);
        batch.forEach((f, c) => (edges[f] = numericEdges(vals.subarray(c * m, c * m + counts[c]!), maxBins)));
      }
    } else {
      const col = new Float64Array(m);
      for (const f of numeric) edges[f] = numericEdges(col.subarray(0, gather(f, col, 0)).sort(), maxBins);
    }
    return new BinMapper(maxBins, edges, categories);
  }

  /** Bin codes of every cell, column-major (feature f's codes at f·n … f·n + n − 1), into `out` when given (n·F codes). */
  transform(X: Matrix, out: Uint8Array = new Uint8Array(X.rows * X.cols)): Uint8Array {
    const { rows: n, cols: F, data } = X;
    const missing = this.missingBin;
    // Blocks of rows (their cells stay in cache while every feature reads its column) instead of one pass over all of X per feature.
    const ROWS = 2048;
    // Each feature's edges padded with +Infinity to 256 (maxBins ≤ 255 gives at most 254 edges; more only from a hand-edited model).
    if (this.edges.some((e) => e.length > 255)) throw new Error(`BinMapper: a feature has more than 255 bin edges`);
    const padded = this.edges.map((e) => {
      const p = new Float64Array(256).fill(Infinity);
      p.set(e);
      return p;
    });
    for (let i0 = 0; i0 < n; i0 += ROWS) {
      const i1 = Math.min(n, i0 + ROWS);
      for (let f = 0; f < F; f++) {
        const e = padded[f]!;
        const cat = this.isCat[f] === 1;
        for (let i = i0, p = i0 * F + f; i < i1; i++, p += F) {
          const v = data[p]!;
          const o = f * n + i;
          if (v !== v) out[o] = missing;
          else if (cat) out[o] = this.knownLevel(f, v) ? v : missing;
          else {
            // The number of edges below v (the first edge v does not exceed): eight steps without a branch on the data.
            let lo = 0;
            lo += 128 * +(e[lo + 127]! < v);
            lo += 64 * +(e[lo + 63]! < v);
            lo += 32 * +(e[lo + 31]! < v);
            lo += 16 * +(e[lo + 15]! < v);
            lo += 8 * +(e[lo + 7]! < v);
            lo += 4 * +(e[lo + 3]! < v);
            lo += 2 * +(e[lo + 1]! < v);
            lo += +(e[lo]! < v);
            out[o] = lo;
          }
        }
      }
    }
    return out;
  }

  /** Whether v is a level seen at fit of categorical feature f. */
  knownLevel(f: number, v: number): boolean {
    return Number.isInteger(v) && v >= 0 && v < 256 && ((this.catKnown[f * 8 + (v >>> 5)]! >>> (v & 31)) & 1) === 1;
  }

  /** The raw threshold of the numeric split "bin ≤ b": x ≤ it goes left. */
  threshold(f: number, b: number): number {
    const e = this.edges[f]!;
    return b < e.length ? e[b]! : ALL_LEFT;
  }

  toJSON(): BinMapperJSON {
    const categories: Record<string, number[]> = {};
    for (let f = 0; f < this.edges.length; f++) {
      if (this.isCat[f] === 1) {
        const levels: number[] = [];
        for (let v = 0; v < 256; v++) if (this.knownLevel(f, v)) levels.push(v);
        categories[String(f)] = levels;
      }
    }
    return { maxBins: this.maxBins, edges: this.edges.map((e) => Array.from(e)), categories };
  }

  static fromJSON(json: BinMapperJSON, F: number, kind: string): BinMapper {
    if (json.edges.length !== F) throw savedJsonError(kind, `bins.edges has ${json.edges.length} features, expected ${F}`);
    if (json.edges.some((e) => e.length > 255)) throw savedJsonError(kind, 'bins.edges has a feature with more than 255 edges (at most 254 from maxBins ≤ 255)');
    const categories = new Map<number, number[]>();
    for (const [key, levels] of Object.entries(json.categories)) {
      const f = Number(key);
      if (!Number.isInteger(f) || f < 0 || f >= F) throw savedJsonError(kind, `bins.categories has feature "${key}", expected an index from 0 to ${F - 1}`);
      if (levels.some((v) => !Number.isInteger(v) || v < 0 || v >= json.maxBins)) throw savedJsonError(kind, `bins.categories.${key} holds a level outside 0 … ${json.maxBins - 1}`);
      categories.set(f, levels);
    }
    return new BinMapper(json.maxBins, json.edges.map((e) => Float64Array.from(e)), categories);
  }
}

/**
 * Upper bin edges of sorted finite values: midpoints between distinct values when there are at most
 * maxBins of them, else the midpoint-interpolated percentiles 100·k/maxBins (k = 1 … maxBins − 1), deduplicated.
 */
export function numericEdges(sorted: Float64Array, maxBins: number): Float64Array {
  const m = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < m && distinct.length <= maxBins; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  if (distinct.length <= maxBins) {
    const out = new Float64Array(Math.max(0, distinct.length - 1));
    for (let k = 0; k < out.length; k++) out[k] = (distinct[k]! + distinct[k + 1]!) / 2;
    return out;
  }
  const out: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const pos = (k / maxBins) * (m - 1);
    const v = (sorted[Math.floor(pos)]! + sorted[Math.ceil(pos)]!) / 2;
    if (out.length === 0 || v > out[out.length - 1]!) out.push(v);
  }
  return Float64Array.from(out);
}
