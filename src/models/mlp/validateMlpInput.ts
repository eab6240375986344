import { checkFiniteMatrix } from '../../core/checkFiniteMatrix';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import { InputError, inputError, usageError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import type { BinaryLabels, FitOptions } from '../ModelEntry';

const IMPUTE = 'the MLP does not take missing or infinite values: impute or drop them before fitting';

/** What a validated fit works on: labels as bytes, one weight per row (1 when none given). */
export interface MlpFitInput {
  X: Matrix;
  y: Uint8Array;
  sampleWeight: Float64Array;
  validation?: { X: Matrix; y: Uint8Array };
}

/**
 * The entry check of MLP.fit: X finite with at least one row, y 0/1 with both classes and one label per row,
 * sample weights finite, non-negative and positive somewhere in each class, a given validation set on the same
 * columns. Errors say where (column and row) and how to fix it.
 */
export function validateMlpInput(X: Matrix, y: BinaryLabels, options: FitOptions, who: string): MlpFitInput {
  checkFiniteMatrix(X, who, { rowsNeed: 'pass at least 1 row with both classes', fix: IMPUTE });
  const labels = binaryLabels(y, X.rows, who, 'y');
  const counts = [0, 0];
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  if (counts[0] === 0 || counts[1] === 0) {
    const only = counts[0] === 0 ? 1 : 0;
    throw new InputError(`${who}: y contains a single class: ${only} (all ${labels.length} rows); a model needs rows of both classes 0 and 1.`);
  }
  const sampleWeight = weights(options.sampleWeight, X.rows, labels, who);
  let validation: MlpFitInput['validation'];
  if (options.validation !== undefined) {
    const v = options.validation;
    checkFiniteMatrix(v.X, `${who} (validation)`, { rowsNeed: 'pass at least 1 validation row', fix: IMPUTE });
    checkFittedColumns(v.X.columns, X.columns, who, 'validation.X');
    validation = { X: v.X, y: binaryLabels(v.y, v.X.rows, who, 'validation.y') };
  }
  return { X, y: labels, sampleWeight, ...(validation && { validation }) };
}

/** Labels as bytes: one per row, each 0 or 1 (the first other value named by its 1-based row). */
function binaryLabels(y: BinaryLabels, rows: number, who: string, name: string): Uint8Array {
  if (y === null || typeof y !== 'object' || typeof (y as { length?: unknown }).length !== 'number') {
    throw usageError(who, `${name} must be a Uint8Array, an Int32Array or an array of 0/1 labels`);
  }
  if (y.length !== rows) throw usageError(who, `${name} has ${y.length} labels but X has ${rows} rows; pass one label per row`);
  const out = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) {
      throw inputError({
        check: 'non-binary-label',
        what: `${name} holds ${JSON.stringify(v) ?? String(v)}, not a label 0 or 1`,
        where: { row: i + 1 },
        fix: 'encode the event (churned, responded) as 1 and its absence as 0',
        summary: `${who}: ${name} row ${i + 1} is ${JSON.stringify(v) ?? String(v)}; labels must be 0 or 1.`,
      });
    }
    out[i] = v;
  }
  return out;
}

function weights(given: FitOptions['sampleWeight'], rows: number, y: Uint8Array, who: string): Float64Array {
  if (given === undefined) return new Float64Array(rows).fill(1);
  if (given.length !== rows) throw usageError(who, `sampleWeight has ${given.length} values but X has ${rows} rows; pass one weight per row`);
  const out = new Float64Array(rows);
  const total = [0, 0];
  for (let i = 0; i < rows; i++) {
    const w = given[i]!;
    if (!(typeof w === 'number' && w >= 0 && w < Infinity)) {
      throw inputError({ check: 'bad-weight', what: `sampleWeight ${String(w)} is not a finite number >= 0`, where: { row: i + 1 }, fix: 'give every row a finite, non-negative weight', summary: `${who}: sampleWeight row ${i + 1} is ${String(w)}; weights must be finite numbers >= 0.` });
    }
    out[i] = w;
    total[y[i]!]! += w;
  }
  for (const c of [0, 1]) if (total[c] === 0) throw usageError(who, `every row of class ${c} has sampleWeight 0; give some row of each class a positive weight`);
  return out;
}
