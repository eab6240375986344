/**
 * Round to `digits` significant digits so figure JSON stays small (0.123456789 → 0.1235).
 * Integers (counts, k) are kept exact: rounding 123,456 customers to 123,500 would misreport them.
 */
export function roundSig(value: number, digits = 4): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  return Number(value.toPrecision(digits));
}

/** roundSig over a series; null (and non-finite values, which JSON cannot hold) stay gaps. */
export function roundSigAll(values: readonly (number | null)[], digits = 4): (number | null)[] {
  return values.map((v) => (v === null || !Number.isFinite(v) ? null : roundSig(v, digits)));
}
