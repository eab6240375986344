import { InputError, problem, usageError, type Problem } from '../../core/errors';
import { checkMatrix } from '../../core/checkMatrix';
import type { Matrix } from '../../core/Matrix';

/**
 * The entry check of a tree model's X: a Matrix with rows and columns whose values are finite or NaN
 * (a missing value the trees learn a side for); ±Infinity is refused, the first one of each column
 * named by column and 1-based row.
 */
export function checkTreeMatrix(X: unknown, who: string, name = 'X'): asserts X is Matrix {
  checkMatrix(X, who, name);
  if (X.rows === 0) throw new InputError(`${who}: ${name} has 0 rows; pass at least one row.`);
  if (X.cols === 0) throw new InputError(`${who}: ${name} has 0 columns; pass at least one feature.`);
  const { data, rows, cols } = X;
  let bad: Int32Array | null = null;
  for (let p = 0; p < data.length; p++) {
    const v = data[p]!;
    if (v === Infinity || v === -Infinity) {
      bad ??= new Int32Array(cols * 2).fill(-1);
      const j = p % cols;
      if (bad[2 * j]! < 0) bad[2 * j] = Math.floor(p / cols);
      bad[2 * j + 1] = bad[2 * j + 1]! < 0 ? 1 : bad[2 * j + 1]! + 1;
    }
  }
  if (!bad) return;
  const problems: Problem[] = [];
  for (let j = 0; j < cols; j++) {
    const row = bad[2 * j]!;
    if (row < 0) continue;
    const count = bad[2 * j + 1]!;
    problems.push(problem({ check: 'non-finite', what: `value ${data[row * cols + j]} is not a finite number`, where: { column: X.columns[j]!, row: row + 1 }, count, share: count / rows, fix: 'replace infinite values (missing values may stay NaN: the trees learn where they go)' }));
  }
  throw new InputError(`${who}: ${name} has infinite values.`, problems);
}

/** Labels as 0/1 bytes, one per row; anything else names the first bad row. Both classes must be present. */
export function checkBinaryLabels(y: unknown, rows: number, who: string, name = 'y'): Uint8Array {
  if (!(y instanceof Uint8Array || y instanceof Int32Array || Array.isArray(y))) throw usageError(who, `${name} must be a Uint8Array, an Int32Array or an array of 0/1 labels`);
  const labels = y as ArrayLike<unknown>;
  if (labels.length !== rows) throw usageError(who, `${name} has ${labels.length} labels for ${rows} rows`, 'pass one label per row');
  const out = new Uint8Array(rows);
  let ones = 0;
  for (let i = 0; i < rows; i++) {
    const v = labels[i];
    if (v !== 0 && v !== 1) {
      throw new InputError(`${who}: ${name} must hold the labels 0 and 1 (1 = the event).`, [
        problem({ check: 'label', what: `label ${JSON.stringify(v) ?? String(v)} is not 0 or 1`, where: { row: i + 1 }, fix: 'encode the event as 1 and its absence as 0' }),
      ]);
    }
    out[i] = v;
    ones += v;
  }
  if (ones === 0 || ones === rows) {
    throw new InputError(`${who}: ${name} contains a single class: ${ones === 0 ? 0 : 1}; a classifier needs rows of both classes (0 and 1).`);
  }
  return out;
}

/** Sample weights as Float64Array (all 1 when absent); each finite and ≥ 0, with a positive total. */
export function checkSampleWeight(w: unknown, rows: number, who: string): Float64Array {
  if (w === undefined) return new Float64Array(rows).fill(1);
  if (!(w instanceof Float64Array || Array.isArray(w))) throw usageError(who, 'sampleWeight must be a Float64Array or an array of numbers');
  const arr = w as ArrayLike<unknown>;
  if (arr.length !== rows) throw usageError(who, `sampleWeight has ${arr.length} weights for ${rows} rows`, 'pass one weight per row');
  const out = new Float64Array(rows);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const v = arr[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new InputError(`${who}: sampleWeight must hold finite weights >= 0.`, [problem({ check: 'sample-weight', what: `weight ${String(v)} is not a finite number >= 0`, where: { row: i + 1 }, fix: 'give every row a finite weight >= 0' })]);
    }
    out[i] = v;
    total += v;
  }
  if (!(total > 0)) throw new InputError(`${who}: sampleWeight sums to 0; give some rows a positive weight.`);
  return out;
}
