/**
 * Rows grouped by segment once, as typed arrays, so every statistic is one pass over a column.
 * Group g holds segment ids[g]; noise (-1) is a group like the others when present.
 */
export class SegmentGroups {
  readonly ids: number[];
  readonly sizes: Float64Array;
  /** Group index of every row. */
  readonly groupOf: Int32Array;
  readonly rows: number;

  constructor(labels: ArrayLike<number>) {
    this.rows = labels.length;
    const seen = new Set<number>();
    for (let i = 0; i < labels.length; i++) seen.add(labels[i]!);
    this.ids = [...seen].sort((a, b) => a - b);
    const index = new Map(this.ids.map((id, g) => [id, g]));
    this.groupOf = new Int32Array(labels.length);
    this.sizes = new Float64Array(this.ids.length);
    for (let i = 0; i < labels.length; i++) {
      const g = index.get(labels[i]!)!;
      this.groupOf[i] = g;
      this.sizes[g]!++;
    }
  }

  get count(): number {
    return this.ids.length;
  }

  private readonly momentCache = new WeakMap<Float64Array, ReturnType<SegmentGroups['computeMoments']>>();

  /**
   * Per group and for all rows: count of non-missing values, mean and (population) standard deviation.
   * Cached per column: traits, KPIs and facts ask for the same columns.
   */
  moments(values: Float64Array): ReturnType<SegmentGroups['computeMoments']> {
    let m = this.momentCache.get(values);
    if (!m) this.momentCache.set(values, (m = this.computeMoments(values)));
    return m;
  }

  private computeMoments(values: Float64Array): { n: Float64Array; mean: Float64Array; baseN: number; baseMean: number; baseSd: number; baseSum: number; sum: Float64Array; min: number; max: number } {
    const G = this.count;
    const n = new Float64Array(G);
    const sum = new Float64Array(G);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v !== v) continue;
      const g = this.groupOf[i]!;
      n[g]!++;
      sum[g]! += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    let baseN = 0;
    let baseSum = 0;
    for (let g = 0; g < G; g++) {
      baseN += n[g]!;
      baseSum += sum[g]!;
    }
    const baseMean = baseN ? baseSum / baseN : NaN;
    // Second pass for the variance: the one-pass formula loses digits on large spend values.
    let ss = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === v) ss += (v - baseMean) * (v - baseMean);
    }
    const mean = new Float64Array(G);
    for (let g = 0; g < G; g++) mean[g] = n[g] ? sum[g]! / n[g]! : NaN;
    return { n, mean, baseN, baseMean, baseSd: baseN ? Math.sqrt(ss / baseN) : NaN, baseSum, sum, min, max };
  }

  /** Median per group and over all rows (missing values left out; NaN when a group has none). */
  medians(values: Float64Array): { median: Float64Array; base: number } {
    const G = this.count;
    const counts = new Int32Array(G);
    for (let i = 0; i < values.length; i++) if (values[i] === values[i]) counts[this.groupOf[i]!]!++;
    const buckets = Array.from({ length: G }, (_, g) => new Float64Array(counts[g]!));
    const fill = new Int32Array(G);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v !== v) continue;
      const g = this.groupOf[i]!;
      buckets[g]![fill[g]!++] = v;
    }
    const median = new Float64Array(G);
    for (let g = 0; g < G; g++) median[g] = medianOfSorted(buckets[g]!.sort());
    const all = new Float64Array(buckets.reduce((s, b) => s + b.length, 0));
    let o = 0;
    for (const b of buckets) {
      all.set(b, o);
      o += b.length;
    }
    return { median, base: medianOfSorted(all.sort()) };
  }
}

function medianOfSorted(a: Float64Array): number {
  const n = a.length;
  if (!n) return NaN;
  return n % 2 ? a[n >> 1]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
}
