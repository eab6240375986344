import { checkParam } from '../core/errors';
import type { PurchaseModel } from './PurchaseModel';

export interface FrequencyRecencyMatrixOptions {
  /** The customers' age at the calibration end, in the model's unit (lifetimes: the largest T of the summary). */
  T: number;
  /** Rows 0..maxFrequency. */
  maxFrequency: number;
  /** Horizon of the expected purchases (default 1 period). */
  t?: number;
  /** Step between recency columns (default 1 period); columns run 0, step, … up to T. */
  recencyStep?: number;
}

/** Expected purchases and P(alive) over a frequency × recency grid at one age T (row-major: frequency rows, recency columns). */
export interface FrequencyRecencyMatrix {
  readonly T: number;
  readonly t: number;
  readonly frequencies: Float64Array;
  readonly recencies: Float64Array;
  /** E[purchases in the next t | x, recency, T]; NaN where frequency is 0 and recency > 0 (no such customer). */
  readonly expected: Float64Array;
  /** P(alive | x, recency, T); NaN on the same impossible cells. */
  readonly alive: Float64Array;
}

/**
 * The frequency–recency heat maps of lifetimes (plot_frequency_recency_matrix, plot_probability_alive_matrix)
 * as numbers: for a customer of age T, each frequency and recency gives the conditional expected purchases
 * and the probability of being alive. Cell (f, r) is at index f · recencies.length + r.
 */
export function frequencyRecencyMatrix(model: PurchaseModel, options: FrequencyRecencyMatrixOptions): FrequencyRecencyMatrix {
  checkParam(options !== null && typeof options === 'object', 'frequencyRecencyMatrix options', options, 'an object with T and maxFrequency');
  const { T, maxFrequency } = options;
  const t = options.t ?? 1;
  const step = options.recencyStep ?? 1;
  checkParam(Number.isFinite(T) && T > 0, 'frequencyRecencyMatrix T', T, 'a finite age > 0 in the model unit');
  checkParam(Number.isInteger(maxFrequency) && maxFrequency >= 0 && maxFrequency <= 10_000, 'frequencyRecencyMatrix maxFrequency', maxFrequency, 'a whole number from 0 to 10000');
  checkParam(Number.isFinite(t) && t > 0, 'frequencyRecencyMatrix t', t, 'a finite horizon > 0');
  checkParam(Number.isFinite(step) && step > 0 && T / step <= 100_000, 'frequencyRecencyMatrix recencyStep', step, `a step > 0 giving at most 100000 columns up to T = ${T}`);
  const nR = Math.floor(T / step + 1e-9) + 1;
  const nF = maxFrequency + 1;
  const recencies = Float64Array.from({ length: nR }, (_, j) => Math.min(j * step, T));
  const frequencies = Float64Array.from({ length: nF }, (_, f) => f);
  // Every possible cell as one summary (frequency 0 only at recency 0), predicted in one call each.
  const fx: number[] = [];
  const rx: number[] = [];
  const cell: number[] = [];
  for (let f = 0; f < nF; f++) {
    for (let j = 0; j < nR; j++) {
      if (f === 0 && j > 0) continue;
      fx.push(f);
      rx.push(recencies[j]!);
      cell.push(f * nR + j);
    }
  }
  const data = { frequency: fx, recency: rx, T: new Float64Array(fx.length).fill(T) };
  const e = model.expectedPurchases(t, data);
  const a = model.probabilityAlive(data);
  const expected = new Float64Array(nF * nR).fill(NaN);
  const alive = new Float64Array(nF * nR).fill(NaN);
  for (let k = 0; k < cell.length; k++) {
    expected[cell[k]!] = e[k]!;
    alive[cell[k]!] = a[k]!;
  }
  return { T, t, frequencies, recencies, expected, alive };
}
