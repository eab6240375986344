/** Bins of a numeric column cut at the reference's quantiles, and both periods' shares in them. */
export interface BinnedShares {
  /** Interior edges, ascending and distinct: bin i is [edges[i−1], edges[i]), the outer bins open-ended. */
  edges: Float64Array;
  labels: string[];
  reference: Float64Array;
  current: Float64Array;
}

/** numpy's default quantile (linear interpolation between order statistics) of a sorted sample. */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * The interior edges of `bins` equal-frequency bins of the reference (its 1/bins, 2/bins, … quantiles),
 * duplicates dropped (a value that fills several deciles becomes one bin). When at least (bins − 1)/bins of
 * the reference sits at its minimum no quantile is above it: the minimum then gets a bin of its own (an edge
 * just above it, `pointAt`), and a constant reference one below it too, so that any move off the value shows.
 */
export function quantileEdges(referenceSorted: Float64Array, bins: number): { edges: Float64Array; pointAt: number | null } {
  const min = referenceSorted[0]!;
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const e = sortedQuantile(referenceSorted, i / bins);
    if (e > min && (edges.length === 0 || e > edges[edges.length - 1]!)) edges.push(e);
  }
  if (edges.length > 0) return { edges: Float64Array.from(edges), pointAt: null };
  const above = min + Math.max(Math.abs(min) * Number.EPSILON * 4, Number.MIN_VALUE);
  return { edges: Float64Array.from(referenceSorted[referenceSorted.length - 1] === min ? [min, above] : [above]), pointAt: min };
}

/** Shares of a sorted sample in the bins of `edges` (one pass: the sample is sorted). */
function sharesIn(sorted: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let b = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    while (b < edges.length && v >= edges[b]!) b++;
    counts[b]++;
  }
  for (let i = 0; i < counts.length; i++) counts[i] /= sorted.length;
  return counts;
}

/** A number short enough for a bin label (4 significant digits, no trailing zeros). */
export function formatEdge(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  return String(Number(v.toPrecision(4)));
}

/**
 * Bin both sorted samples on the reference's quantile edges: labels "[a, b)", the outer bins "(-inf, b)" and
 * "[a, inf)". A minimum with a bin of its own reads "(-inf, v]" and "(v, inf)" (a constant reference: "(-inf, v)",
 * "v", "(v, inf)").
 */
export function quantileBins(referenceSorted: Float64Array, currentSorted: Float64Array, bins: number): BinnedShares {
  const { edges, pointAt } = quantileEdges(referenceSorted, bins);
  let labels: string[];
  if (pointAt !== null) {
    const v = formatEdge(pointAt);
    labels = edges.length === 1 ? [`(-inf, ${v}]`, `(${v}, inf)`] : [`(-inf, ${v})`, v, `(${v}, inf)`];
  } else {
    labels = [];
    for (let i = 0; i <= edges.length; i++) labels.push(`${i === 0 ? '(-inf' : `[${formatEdge(edges[i - 1]!)}`}, ${i === edges.length ? 'inf)' : `${formatEdge(edges[i]!)})`}`);
  }
  return { edges, labels, reference: sharesIn(referenceSorted, edges), current: sharesIn(currentSorted, edges) };
}
