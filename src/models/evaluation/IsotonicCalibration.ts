import { z } from 'zod';
import { savedJsonError } from '../../core/errors';
import { parseParams } from '../../core/parseParams';
import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';

export const ISOTONIC_SCHEMA_VERSION = 1;

export interface IsotonicJSON {
  schemaVersion: number;
  kind: 'isotonic';
  x: number[];
  y: number[];
}

/**
 * Isotonic calibration: the non-decreasing step-and-ramp map from score to probability that fits the
 * labels best in squared error, as scikit-learn 1.2's IsotonicRegression(out_of_bounds='clip'): rows of
 * weight 0 dropped, equal scores averaged (weighted), pool adjacent violators, interior points of flat runs
 * dropped, linear interpolation between the kept points and the end values outside them.
 */
/** No params today (always increasing, clipped beyond the fitted range); the object keeps the params → fit shape of every calibrator. */
export const isotonicParams = z.object({}).strict();
export type IsotonicParams = z.input<typeof isotonicParams>;

export class IsotonicCalibration {
  readonly params: IsotonicParams;
  constructor(params: IsotonicParams = {}) {
    this.params = parseParams(isotonicParams, params, 'IsotonicCalibration');
  }

  fit(scores: Scores, y: BinaryLabels, options: { sampleWeight?: SampleWeights } = {}): IsotonicCalibrator {
    const input = checkBinaryInput('IsotonicCalibration.fit', y, scores, options.sampleWeight, { pName: 'scores' });
    const { p: x0, y: y0, w: w0 } = input;
    const rows: number[] = [];
    for (let i = 0; i < x0.length; i++) if (w0 === null || w0[i]! > 0) rows.push(i);
    const order = Int32Array.from(rows).sort((a, b) => x0[a]! - x0[b]! || y0[a]! - y0[b]! || a - b);
    // Equal scores (closer than float64 resolution, 1e-15, as scikit-learn's _make_unique) become one point.
    const ux: number[] = [];
    const uy: number[] = [];
    const uw: number[] = [];
    let cx = x0[order[0]!]!;
    let cw = 0;
    let cy = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const wi = w0 === null ? 1 : w0[i]!;
      if (x0[i]! - cx >= 1e-15) {
        ux.push(cx);
        uw.push(cw);
        uy.push(cy / cw);
        cx = x0[i]!;
        cw = wi;
        cy = y0[i]! * wi;
      } else {
        cw += wi;
        cy += y0[i]! * wi;
      }
    }
    ux.push(cx);
    uw.push(cw);
    uy.push(cy / cw);
    const fitted = poolAdjacentViolators(Float64Array.from(uy), Float64Array.from(uw));
    // Keep the ends and every point whose value differs from a neighbour's.
    const kx: number[] = [];
    const ky: number[] = [];
    const m = fitted.length;
    for (let i = 0; i < m; i++) {
      if (i === 0 || i === m - 1 || fitted[i] !== fitted[i - 1] || fitted[i] !== fitted[i + 1]) {
        kx.push(ux[i]!);
        ky.push(fitted[i]!);
      }
    }
    return new IsotonicCalibrator(Float64Array.from(kx), Float64Array.from(ky));
  }
}

/** scikit-learn's in-place contiguous PAVA (single pass with backtracking), ported line for line. */
function poolAdjacentViolators(y: Float64Array, w: Float64Array): Float64Array {
  const n = y.length;
  const target = new Int32Array(n);
  for (let i = 0; i < n; i++) target[i] = i;
  let i = 0;
  while (i < n) {
    let k = target[i]! + 1;
    if (k === n) break;
    if (y[i]! < y[k]!) {
      i = k;
      continue;
    }
    let sumWy = w[i]! * y[i]!;
    let sumW = w[i]!;
    for (;;) {
      const prevY = y[k]!;
      sumWy += w[k]! * y[k]!;
      sumW += w[k]!;
      k = target[k]! + 1;
      if (k === n || prevY < y[k]!) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        if (i > 0) i = target[i - 1]!;
        break;
      }
    }
  }
  for (let a = 0; a < n; ) {
    const k = target[a]! + 1;
    for (let b = a + 1; b < k; b++) y[b] = y[a]!;
    a = k;
  }
  return y;
}

export class IsotonicCalibrator {
  /** The kept points: increasing scores and their non-decreasing probabilities. */
  constructor(
    readonly x: Float64Array,
    readonly y: Float64Array,
  ) {}

  /** Calibrated probabilities: linear between the points, the end values beyond them. */
  predict(scores: Scores): Float64Array {
    const { x, y } = this;
    const m = x.length;
    const out = new Float64Array(scores.length);
    for (let i = 0; i < scores.length; i++) {
      if (m === 1) {
        out[i] = y[0]!;
        continue;
      }
      const t = Math.min(Math.max(scores[i]!, x[0]!), x[m - 1]!);
      // scipy's interp1d: hi = searchsorted(x, t) clipped to [1, m − 1], then the line through lo and hi.
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (x[mid]! < t) lo = mid + 1;
        else hi = mid;
      }
      const h = Math.min(Math.max(lo, 1), m - 1);
      const slope = (y[h]! - y[h - 1]!) / (x[h]! - x[h - 1]!);
      out[i] = slope * (t - x[h - 1]!) + y[h - 1]!;
    }
    return out;
  }

  toJSON(): IsotonicJSON {
    return { schemaVersion: ISOTONIC_SCHEMA_VERSION, kind: 'isotonic', x: Array.from(this.x), y: Array.from(this.y) };
  }

  static fromJSON(json: unknown): IsotonicCalibrator {
    const j = json as Partial<IsotonicJSON> | null;
    if (j === null || typeof j !== 'object') throw savedJsonError('isotonic calibrator', 'expected an object');
    if (j.kind !== 'isotonic') throw savedJsonError('isotonic calibrator', `kind is ${JSON.stringify(j.kind)}, expected "isotonic"`);
    if (j.schemaVersion !== ISOTONIC_SCHEMA_VERSION) throw savedJsonError('isotonic calibrator', `schemaVersion is ${JSON.stringify(j.schemaVersion)}, expected ${ISOTONIC_SCHEMA_VERSION}`);
    const { x, y } = j;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length === 0 || x.length !== y.length) throw savedJsonError('isotonic calibrator', 'x and y must be non-empty arrays of equal length');
    for (let i = 0; i < x.length; i++) {
      if (typeof x[i] !== 'number' || !Number.isFinite(x[i]) || (i > 0 && !(x[i]! > x[i - 1]!))) throw savedJsonError('isotonic calibrator', `x[${i}] is ${JSON.stringify(x[i])}, expected finite numbers in increasing order`);
      if (typeof y[i] !== 'number' || !(y[i]! >= 0 && y[i]! <= 1) || (i > 0 && !(y[i]! >= y[i - 1]!))) throw savedJsonError('isotonic calibrator', `y[${i}] is ${JSON.stringify(y[i])}, expected probabilities in non-decreasing order`);
    }
    return new IsotonicCalibrator(Float64Array.from(x), Float64Array.from(y));
  }
}
