/** How a field's thresholds are made business-friendly. */
export type RoundingKind = 'days' | 'currency' | 'share' | 'count' | 'generic';

/**
 * The rounding kind of a unit string (the feature layer's units and a few synonyms): days → multiples
 * of 30/7/5; currency → 1–2 significant digits; share, rate, ratio → steps of 0.05; counts (orders,
 * items, sessions, events, count, flag, years, score) → whole numbers; anything else → significant digits.
 */
export function roundingKind(unit: string | undefined): RoundingKind {
  const u = (unit ?? '').toLowerCase().trim();
  if (u === 'days' || u === 'day') return 'days';
  if (u.startsWith('currency') || u === 'money' || u === 'amount') return 'currency';
  if (u === 'share' || u === 'rate' || u === 'ratio' || u === 'proportion') return 'share';
  if (['count', 'orders', 'items', 'sessions', 'events', 'flag', 'years', 'score', 'integer'].includes(u)) return 'count';
  return 'generic';
}

/** Round to `digits` significant digits without float noise (1234 → 1200 for 2). */
export function significant(v: number, digits: number, mode: 'round' | 'floor' | 'ceil' = 'round'): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const p = Math.floor(Math.log10(Math.abs(v))) - digits + 1;
  const scale = Math.pow(10, -p);
  const r = Math[mode](v * scale);
  return clean(p >= 0 ? r * Math.pow(10, p) : r / scale);
}

function clean(v: number): number {
  return Number(v.toPrecision(12));
}

function stepNeighbours(v: number, step: number): number[] {
  return [clean(Math.floor(v / step) * step), clean(Math.ceil(v / step) * step)];
}

/**
 * Friendlier replacements for threshold v, most preferred first, never v itself and never further
 * than max(25% of |v|, the kind's finest step). Days: multiples of 30, 7 and 5 by distance (ties to the
 * coarser step), whole days last; currency and generic: 1, then 2 significant digits (3 for generic);
 * shares: multiples of 0.05 by distance; counts: whole numbers by distance (ties to the lower).
 */
export function niceCandidates(v: number, kind: RoundingKind): number[] {
  let ranked: number[];
  let finest: number;
  const byDistance = (xs: number[]): number[] => xs.map((x, i) => ({ x, i })).sort((a, b) => Math.abs(a.x - v) - Math.abs(b.x - v) || a.i - b.i).map((e) => e.x);
  switch (kind) {
    case 'days':
      ranked = [...byDistance([30, 7, 5].flatMap((s) => stepNeighbours(v, s))), ...byDistance(stepNeighbours(v, 1))];
      finest = 5;
      break;
    case 'share':
      ranked = byDistance(stepNeighbours(v, 0.05));
      finest = 0.05;
      break;
    case 'count':
      ranked = byDistance(stepNeighbours(v, 1));
      finest = 1;
      break;
    case 'currency':
    case 'generic': {
      const digits = kind === 'currency' ? [1, 2] : [1, 2, 3];
      ranked = digits.flatMap((d) => [significant(v, d), ...byDistance([significant(v, d, 'floor'), significant(v, d, 'ceil')])]);
      finest = 0;
      break;
    }
  }
  const limit = Math.max(0.25 * Math.abs(v), finest);
  const out: number[] = [];
  for (const c of ranked) if (c !== v && Math.abs(c - v) <= limit + 1e-12 && !out.includes(c)) out.push(c);
  return out;
}
