import { inputError, typeName, usageError } from '../core/errors';

/**
 * Sample weights of a fit: one per row, finite and >= 0, not all 0. A bad weight names its 1-based row.
 * Returns a Float64Array copy (null when none was given: every row weighs 1).
 */
export function checkSampleWeight(sampleWeight: Float64Array | readonly number[] | undefined, rows: number, who: string): Float64Array | null {
  if (sampleWeight === undefined) return null;
  if (sampleWeight === null || typeof sampleWeight !== 'object' || typeof (sampleWeight as { length?: unknown }).length !== 'number') throw usageError(who, `sampleWeight must be an array of numbers (got ${typeName(sampleWeight)})`);
  if (sampleWeight.length !== rows) throw usageError(who, `sampleWeight has ${sampleWeight.length} values, X has ${rows} rows`, 'pass one weight per row of X');
  const out = new Float64Array(rows);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight[i]!;
    if (!(typeof w === 'number' && Number.isFinite(w) && w >= 0)) {
      throw inputError({ summary: `${who}: sampleWeight row ${i + 1} is ${String(w)}; weights are finite numbers >= 0.`, check: 'bad-weight', what: `weight ${String(w)} is not a finite number >= 0`, where: { column: 'sampleWeight', row: i + 1 }, fix: 'pass finite, non-negative weights (0 leaves a row out)' });
    }
    out[i] = w;
    total += w;
  }
  if (rows > 0 && !(total > 0)) throw inputError({ summary: `${who}: every sample weight is 0; at least one row needs a positive weight.`, check: 'zero-weights', what: 'every sample weight is 0', where: { column: 'sampleWeight' }, count: rows, share: 1, fix: 'give the rows to learn from a positive weight' });
  return out;
}
