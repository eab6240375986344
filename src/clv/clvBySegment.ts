import { checkParam } from '../core/errors';

/** One segment's customer value, aggregates only (what clv.json keeps and the review shows). */
export interface ClvSegmentValue {
  /** Segment id (-1 = noise). */
  id: number;
  /** Customers of the segment. */
  customers: number;
  /** Of them, those with a CLV (a purchase before asOf, and a spend the Gamma-Gamma model takes). */
  withClv: number;
  /** customers / all customers. */
  customerShare: number;
  /** Σ CLV of the segment and its share of the Σ over every segment (null when that total is not positive). */
  totalClv: number;
  valueShare: number | null;
  /** Means over the customers with a value (null when none has one). */
  meanClv: number | null;
  meanPAlive: number | null;
  meanExpectedPurchases: number | null;
  /** Customers in the top value band whose P(alive) is below the threshold: "high value, probably leaving". */
  highValueLeaving: number;
}

/** The top value band and the P(alive) threshold of the "high value, probably leaving" count. */
export interface HighValueBand {
  /** Share of the customers with a CLV that the band holds, highest CLV first. */
  share: number;
  /** Lowest CLV in the band (null when no customer has a CLV). */
  threshold: number | null;
  leavingBelow: number;
}

/** The CLV above which a customer is in the top `share` of the finite values (ties at the edge are in). */
export function highValueThreshold(clv: Float64Array, share: number): number | null {
  checkParam(Number.isFinite(share) && share > 0 && share <= 1, 'highValueThreshold share', share, 'a share above 0 and at most 1');
  const values = clv.filter((v) => Number.isFinite(v)).sort();
  if (values.length === 0) return null;
  const inBand = Math.max(1, Math.ceil(share * values.length));
  return values[values.length - inBand]!;
}

/**
 * Per segment: customers, CLV total, mean and share of value, mean P(alive) and expected purchases, and the
 * customers of the top value band who are probably leaving. Arrays are per customer, aligned with labels; NaN =
 * no value. Segments in ascending id order.
 */
export function clvBySegment(
  labels: ArrayLike<number>,
  values: { clv: Float64Array; pAlive: Float64Array; expectedPurchases: Float64Array },
  band: HighValueBand,
): ClvSegmentValue[] {
  const n = labels.length;
  for (const [name, a] of Object.entries(values)) checkParam(a instanceof Float64Array && a.length === n, `clvBySegment values.${name}`, a?.length, `a Float64Array of ${n} values (one per label)`);
  checkParam(band.threshold === null || Number.isFinite(band.threshold), 'clvBySegment band.threshold', band.threshold, 'a finite number or null');
  checkParam(band.leavingBelow >= 0 && band.leavingBelow <= 1, 'clvBySegment band.leavingBelow', band.leavingBelow, 'a probability from 0 to 1');
  const ids = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  const at = new Map(ids.map((id, g) => [id, g]));
  const G = ids.length;
  const customers = new Float64Array(G);
  const withClv = new Float64Array(G);
  const sumClv = new Float64Array(G);
  const withP = new Float64Array(G);
  const sumP = new Float64Array(G);
  const sumE = new Float64Array(G);
  const leaving = new Float64Array(G);
  const threshold = band.threshold ?? Infinity;
  for (let i = 0; i < n; i++) {
    const g = at.get(labels[i]!)!;
    customers[g]++;
    const c = values.clv[i]!;
    if (c === c) {
      withClv[g]++;
      sumClv[g] += c;
      if (c >= threshold && values.pAlive[i]! < band.leavingBelow) leaving[g]++;
    }
    const p = values.pAlive[i]!;
    if (p === p) {
      withP[g]++;
      sumP[g] += p;
      sumE[g] += values.expectedPurchases[i]!;
    }
  }
  let total = 0;
  for (let g = 0; g < G; g++) total += sumClv[g]!;
  return ids.map((id, g) => ({
    id,
    customers: customers[g]!,
    withClv: withClv[g]!,
    customerShare: customers[g]! / n,
    totalClv: sumClv[g]!,
    valueShare: total > 0 ? sumClv[g]! / total : null,
    meanClv: withClv[g]! > 0 ? sumClv[g]! / withClv[g]! : null,
    meanPAlive: withP[g]! > 0 ? sumP[g]! / withP[g]! : null,
    meanExpectedPurchases: withP[g]! > 0 ? sumE[g]! / withP[g]! : null,
    highValueLeaving: leaving[g]!,
  }));
}
