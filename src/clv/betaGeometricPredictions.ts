import { hyp2f1AtMany } from './special/hyp2f1';

/** Scratch for the 2F1 arguments, grown as needed (the horizons of one customer). */
let zs = new Float64Array(16);

/**
 * The conditional expected purchases of one customer at several horizons ts[0 … count) into out, for the two
 * beta-geometric dropout models: BG/NBD and MBG/NBD share the formula
 *   E[X(t) | x, tx, T] = (c / (a − 1)) · P(alive) · (1 − ((α + T) / (α + T + t))^(r + x) · 2F1(r + x, hb; c; t / (α + T + t)))
 * and differ only in hb and c (BG/NBD: b + x and a + b + x − 1; MBG/NBD: b + x + 1 and a + b + x).
 */
export function betaGeometricPredictions(r: number, alpha: number, a: number, x: number, T: number, hb: number, c: number, alive: number, ts: ArrayLike<number>, count: number, out: Float64Array): void {
  const rx = r + x;
  const aT = alpha + T;
  if (zs.length < count) zs = new Float64Array(count);
  for (let k = 0; k < count; k++) zs[k] = ts[k]! / (aT + ts[k]!);
  hyp2f1AtMany(rx, hb, c, zs, count, out);
  const scale = (c / (a - 1)) * alive;
  for (let k = 0; k < count; k++) out[k] = scale * (1 - Math.exp(rx * Math.log(aT / (aT + ts[k]!))) * out[k]!);
}
