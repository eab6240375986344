import { z } from 'zod';
import { usageError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';

/** Weight of each class, multiplied into the sample weights: 'balanced' = n / (2 · rows of the class), as scikit-learn. */
export const classWeightParam = z
  .union([z.literal('balanced'), z.object({ 0: z.number().finite().gt(0), 1: z.number().finite().gt(0) }).strict()])
  .nullable()
  .describe("null, 'balanced' or { 0: weight, 1: weight } with weights > 0")
  .default(null);

/** Columns (0-based indices) holding level codes 0 … maxBins − 1, binned by level and split by sets of levels. */
export const categoricalFeaturesParam = z.array(z.number().int().min(0)).describe('a list of column indices (whole numbers >= 0)').default([]);

/** Largest maxBins: codes and the missing code fit one byte. */
export const MAX_BINS = 255;
export const maxBinsParam = z.number().int().min(2).max(MAX_BINS).describe(`a whole number from 2 to ${MAX_BINS}`).default(MAX_BINS);

/** Sample weights times class weights (a fresh array). */
export function applyClassWeight(y: Uint8Array, w: Float64Array, classWeight: z.output<typeof classWeightParam>): Float64Array {
  const out = Float64Array.from(w);
  if (classWeight === null) return out;
  let c0 = 0, c1 = 0;
  for (let i = 0; i < y.length; i++) y[i] === 1 ? c1++ : c0++;
  const w0 = classWeight === 'balanced' ? y.length / (2 * c0) : classWeight[0];
  const w1 = classWeight === 'balanced' ? y.length / (2 * c1) : classWeight[1];
  for (let i = 0; i < y.length; i++) out[i]! *= y[i] === 1 ? w1 : w0;
  return out;
}

/** categoricalFeatures within X's columns. */
export function checkCategoricalFeatures(categorical: readonly number[], X: Matrix, who: string): void {
  const bad = categorical.find((j) => j >= X.cols);
  if (bad !== undefined) throw usageError(who, `categoricalFeatures names column index ${bad}, but X has ${X.cols} columns (0 … ${X.cols - 1})`, 'pass indices of X\'s columns');
}

/** Log loss per row mean (weighted), from raw scores. */
export function logLoss(raw: Float64Array, y: Uint8Array, w: Float64Array | null): number {
  let s = 0, ws = 0;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    // log(1 + e^r) − y·r, stable for large |r|.
    const l = (r > 0 ? r + Math.log1p(Math.exp(-r)) : Math.log1p(Math.exp(r))) - (y[i] === 1 ? r : 0);
    const wi = w ? w[i]! : 1;
    s += wi * l;
    ws += wi;
  }
  return s / ws;
}

