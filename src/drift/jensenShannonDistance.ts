import { checkParam, paramError } from '../core/errors';

/**
 * Jensen-Shannon distance between two distributions given as counts or shares (each normalised to sum 1):
 * sqrt((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q)/2, natural logarithm — scipy.spatial.distance.jensenshannon's
 * default base, and what Evidently calls (it passes no base), so its 0.1 threshold is on this scale. In nats
 * the distance runs from 0 (same) to sqrt(ln 2) ≈ 0.833 (disjoint); base 2 would divide it by sqrt(ln 2).
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>, base?: number): number {
  checkParam(p.length === q.length && p.length >= 1, 'jensenShannonDistance q', `${q.length} bins`, `${p.length} bins (as many as p, at least 1)`);
  checkParam(base === undefined || (Number.isFinite(base) && base > 0 && base !== 1), 'jensenShannonDistance base', base, 'a positive number other than 1 (or nothing, for e)');
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    for (const [name, v] of [['p', p[i]!], ['q', q[i]!]] as const) if (!(Number.isFinite(v) && v >= 0)) throw paramError(`jensenShannonDistance ${name}[${i}]`, v, 'a finite count or share >= 0', String(v));
    sp += p[i]!;
    sq += q[i]!;
  }
  checkParam(sp > 0 && sq > 0, 'jensenShannonDistance', 'an all-zero distribution', 'at least one positive count in p and in q');
  return jensenShannonOfShares(p, q, sp, sq, base);
}

/** The distance on trusted non-negative weights with totals sp and sq. */
export function jensenShannonOfShares(p: ArrayLike<number>, q: ArrayLike<number>, sp = 1, sq = 1, base?: number): number {
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp;
    const b = q[i]! / sq;
    const m = (a + b) / 2;
    // rel_entr: x·ln(x/y), 0 when x = 0.
    if (a > 0) js += a * Math.log(a / m);
    if (b > 0) js += b * Math.log(b / m);
  }
  let d = js / 2;
  if (base !== undefined) d /= Math.log(base);
  return Math.sqrt(Math.max(d, 0));
}
