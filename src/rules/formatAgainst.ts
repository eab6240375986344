/** How a gate number reads: a share as a percentage (0.9 → "90.0%") or a plain decimal (0.75 → "0.75"). */
export type GateNumberStyle = 'percent' | 'decimal';

const MIN_DECIMALS: Record<GateNumberStyle, number> = { percent: 1, decimal: 2 };
const MAX_DECIMALS = 12;

function scaled(v: number, style: GateNumberStyle): number {
  return style === 'percent' ? v * 100 : v;
}

function text(x: number, decimals: number, style: GateNumberStyle): string {
  return `${x.toFixed(decimals)}${style === 'percent' ? '%' : ''}`;
}

/**
 * A gate value and its threshold as text. The threshold gets the digits it needs (at least 1 decimal
 * for a percentage, 2 for a decimal); the value gets at least as many, and more until it reads
 * differently from the threshold whenever the two numbers differ: "0.749 (need 0.75)", never
 * "0.75 (need 0.75)" for a check that failed. Rounding never lifts a value below the threshold above
 * it, since the threshold is shown exactly.
 */
export function formatAgainst(value: number, threshold: number, style: GateNumberStyle): { value: string; threshold: string } {
  const t = scaled(threshold, style);
  let dt = MIN_DECIMALS[style];
  while (dt < MAX_DECIMALS && Math.abs(Number(t.toFixed(dt)) - t) > 1e-9 * Math.max(1, Math.abs(t))) dt++;
  const shownT = Number(t.toFixed(dt));
  const v = scaled(value, style);
  let dv = dt;
  while (dv < MAX_DECIMALS && value !== threshold && Number(v.toFixed(dv)) === shownT) dv++;
  return { value: text(v, dv, style), threshold: text(t, dt, style) };
}
