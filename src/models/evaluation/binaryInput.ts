import { inputError, typeName, usageError } from '../../core/errors';
import type { BinaryLabels } from '../ModelEntry';

/** Scores or probabilities, one per row. */
export type Scores = Float64Array | Float32Array | readonly number[];
/** One non-negative finite weight per row. */
export type SampleWeights = Float64Array | readonly number[];

/** Labels, scores and weights as the metric cores take them (checked once, trusted inside). */
export interface BinaryInput {
  y: Uint8Array;
  p: Float64Array;
  /** null: every row weighs 1. */
  w: Float64Array | null;
  /** Weight of the positive and of the negative rows. */
  positive: number;
  negative: number;
}

export interface BinaryInputChecks {
  /** p must lie in [0, 1] (log loss, Brier, calibration); scores may be any finite number otherwise. */
  probabilities?: boolean;
  /** Both classes must be present (ROC AUC, average precision, stratified resampling). */
  bothClasses?: boolean;
  /** The name of p in messages ("p", "scores"). */
  pName?: string;
}

const isArrayLike = (v: unknown): v is ArrayLike<number> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));

/**
 * The entry check of every evaluation function: y holds 0/1 only, p one finite number per row (in [0, 1] when
 * probabilities), weights non-negative and finite with a positive total; the first bad row is named (1-based).
 */
export function checkBinaryInput(who: string, y: BinaryLabels, p: Scores, sampleWeight: SampleWeights | undefined, checks: BinaryInputChecks = {}): BinaryInput {
  const pName = checks.pName ?? 'p';
  if (!isArrayLike(y)) throw usageError(who, `y must be an array of 0/1 labels (got ${typeName(y)})`);
  if (!isArrayLike(p)) throw usageError(who, `${pName} must be an array of numbers (got ${typeName(p)})`);
  const n = y.length;
  if (n === 0) throw inputError({ check: 'empty', what: `${who}: y has 0 rows`, fix: 'pass at least one row of each class' });
  if (p.length !== n) throw usageError(who, `${pName} has ${p.length} values but y has ${n}`, 'pass one value per row of y');
  const yy = new Uint8Array(n);
  const pp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (v !== 0 && v !== 1) throw inputError({ check: 'not-binary', what: `${who}: label ${JSON.stringify(v)} is not 0 or 1`, where: { column: 'y', row: i + 1 }, fix: 'code the event as 1 and its absence as 0' });
    yy[i] = v;
    const s = p[i]!;
    if (typeof s !== 'number' || s - s !== 0) throw inputError({ check: 'non-finite', what: `${who}: ${pName} ${String(s)} is not a finite number`, where: { column: pName, row: i + 1 }, fix: 'score every row; impute or drop rows the model cannot score' });
    if (checks.probabilities && (s < 0 || s > 1)) throw inputError({ check: 'not-a-probability', what: `${who}: ${pName} ${s} is outside [0, 1]`, where: { column: pName, row: i + 1 }, fix: 'pass probabilities (predictProba), not raw scores (decisionFunction)' });
    pp[i] = s;
  }
  let w: Float64Array | null = null;
  let positive = 0;
  let negative = 0;
  if (sampleWeight !== undefined) {
    if (!isArrayLike(sampleWeight)) throw usageError(who, `sampleWeight must be an array of numbers (got ${typeName(sampleWeight)})`);
    if (sampleWeight.length !== n) throw usageError(who, `sampleWeight has ${sampleWeight.length} values but y has ${n}`, 'pass one weight per row');
    w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = sampleWeight[i]!;
      if (typeof v !== 'number' || !(v >= 0) || v === Infinity) throw inputError({ check: 'bad-weight', what: `${who}: weight ${String(v)} is not a finite non-negative number`, where: { column: 'sampleWeight', row: i + 1 }, fix: 'weights are finite and >= 0' });
      w[i] = v;
      if (yy[i] === 1) positive += v;
      else negative += v;
    }
    if (positive + negative === 0) throw inputError({ check: 'zero-weight', what: `${who}: every sample weight is 0`, where: { column: 'sampleWeight' }, fix: 'give at least one row a positive weight' });
  } else {
    for (let i = 0; i < n; i++) positive += yy[i]!;
    negative = n - positive;
  }
  if (checks.bothClasses && (positive === 0 || negative === 0)) {
    throw inputError({ check: 'single-class', what: `${who}: y contains a single class: ${positive === 0 ? 0 : 1}${w ? ' (among rows of positive weight)' : ''}`, where: { column: 'y' }, fix: 'evaluate on rows of both classes (0 and 1)' });
  }
  return { y: yy, p: pp, w, positive, negative };
}
