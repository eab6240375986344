import { checkFiniteMatrix } from '../../core/checkFiniteMatrix';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import { inputError, usageError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { checkBinaryLabels } from '../checkBinaryLabels';
import { checkSampleWeight } from '../checkSampleWeight';
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
  const labels = checkBinaryLabels(y, X.rows, who);
  const sampleWeight = weights(options.sampleWeight, X.rows, labels, who);
  let validation: MlpFitInput['validation'];
  if (options.validation !== undefined) {
    const v = options.validation;
    checkFiniteMatrix(v.X, `${who} (validation)`, { rowsNeed: 'pass at least 1 validation row', fix: IMPUTE });
    checkFittedColumns(v.X.columns, X.columns, who, 'validation.X');
    validation = { X: v.X, y: checkValidationLabels(v.y, v.X.rows, who) };
  }
  return { X, y: labels, sampleWeight, ...(validation && { validation }) };
}

/** Validation labels: 0/1, one per row (one class is allowed: early stopping only reads its loss). */
function checkValidationLabels(y: BinaryLabels, rows: number, who: string): Uint8Array {
  if (y === null || typeof y !== 'object' || typeof (y as { length?: unknown }).length !== 'number') throw usageError(who, 'validation.y must be an array of 0/1 labels');
  if (y.length !== rows) throw usageError(who, `validation.y has ${y.length} labels but validation.X has ${rows} rows; pass one label per row`);
  const out = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) throw inputError({ check: 'label-not-binary', what: `label ${JSON.stringify(v) ?? String(v)} is not 0 or 1`, where: { column: 'validation.y', row: i + 1 }, fix: 'encode the event as 1 and its absence as 0', summary: `${who}: validation.y row ${i + 1} is ${JSON.stringify(v) ?? String(v)}; labels must be 0 or 1.` });
    out[i] = v;
  }
  return out;
}

/** The shared weight check, then: each class needs some weight (the class-weighted loss divides by it). */
function weights(given: FitOptions['sampleWeight'], rows: number, y: Uint8Array, who: string): Float64Array {
  const out = checkSampleWeight(given, rows, who) ?? new Float64Array(rows).fill(1);
  const total = [0, 0];
  for (let i = 0; i < rows; i++) total[y[i]!]! += out[i]!;
  for (const c of [0, 1]) if (total[c] === 0) throw usageError(who, `every row of class ${c} has sampleWeight 0; give some row of each class a positive weight`);
  return out;
}
