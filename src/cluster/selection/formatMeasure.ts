/** A measure in a reason: whole numbers from 1000 up, else 4 significant digits. */
export function formatMeasure(v: number): string {
  return Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4);
}
