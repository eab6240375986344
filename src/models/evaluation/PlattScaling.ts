import { z } from 'zod';
import { savedJsonError } from '../../core/errors';
import { parseParams } from '../../core/parseParams';
import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';

export const PLATT_SCHEMA_VERSION = 1;

export const plattParams = z
  .object({
    /** Platt's targets (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2) instead of 1 and 0, as scikit-learn: keeps the fit finite when the scores separate the classes. */
    priorCorrection: z.boolean({ invalid_type_error: 'true or false' }).describe('true or false').default(true),
  })
  .strict();
export type PlattParams = z.input<typeof plattParams>;

export interface PlattJSON {
  schemaVersion: number;
  kind: 'platt';
  slope: number;
  intercept: number;
}

/**
 * Platt scaling: P(y = 1 | s) = 1 / (1 + exp(−(slope·s + intercept))), fitted by Newton's method on the
 * weighted log loss (scikit-learn's _sigmoid_calibration fits the same objective by BFGS, with a = −slope,
 * b = −intercept). Scores are raw model outputs (decisionFunction) or probabilities.
 */
export class PlattScaling {
  readonly params: Required<PlattParams>;
  constructor(params: PlattParams = {}) {
    this.params = parseParams(plattParams, params, 'PlattScaling');
  }

  fit(scores: Scores, y: BinaryLabels, options: { sampleWeight?: SampleWeights } = {}): PlattCalibrator {
    const { y: yy, p: f, w, positive, negative } = checkBinaryInput('PlattScaling.fit', y, scores, options.sampleWeight, { bothClasses: true, pName: 'scores' });
    const n = yy.length;
    const hi = this.params.priorCorrection ? (positive + 1) / (positive + 2) : 1;
    const lo = this.params.priorCorrection ? 1 / (negative + 2) : 0;
    // Minimise Σ w·[−t·log σ(z) − (1 − t)·log(1 − σ(z))], z = slope·f + intercept, by Newton with step halving.
    let slope = 0;
    let intercept = Math.log((positive + 1) / (negative + 1));
    const loss = (a: number, b: number): number => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const wi = w === null ? 1 : w[i]!;
        if (wi === 0) continue;
        const z = a * f[i]! + b;
        const t = yy[i] === 1 ? hi : lo;
        // −t·log σ(z) − (1 − t)·log σ(−z), each log σ computed stably.
        s += wi * (t * softplus(-z) + (1 - t) * softplus(z));
      }
      return s;
    };
    let current = loss(slope, intercept);
    for (let iter = 0; iter < 100; iter++) {
      let gA = 0;
      let gB = 0;
      let hAA = 0;
      let hAB = 0;
      let hBB = 0;
      for (let i = 0; i < n; i++) {
        const wi = w === null ? 1 : w[i]!;
        if (wi === 0) continue;
        const fi = f[i]!;
        const q = sigmoid(slope * fi + intercept);
        const d = wi * (q - (yy[i] === 1 ? hi : lo));
        const h = wi * q * (1 - q);
        gA += d * fi;
        gB += d;
        hAA += h * fi * fi;
        hAB += h * fi;
        hBB += h;
      }
      // Small ridge so a constant score column still gives a finite step.
      const det = (hAA + 1e-12) * (hBB + 1e-12) - hAB * hAB;
      const dA = ((hBB + 1e-12) * gA - hAB * gB) / det;
      const dB = ((hAA + 1e-12) * gB - hAB * gA) / det;
      let step = 1;
      let next = loss(slope - dA, intercept - dB);
      while (!(next <= current) && step > 1e-10) {
        step /= 2;
        next = loss(slope - step * dA, intercept - step * dB);
      }
      if (!(next <= current)) break;
      slope -= step * dA;
      intercept -= step * dB;
      const gain = current - next;
      current = next;
      if (Math.abs(step * dA) < 1e-13 * (1 + Math.abs(slope)) && Math.abs(step * dB) < 1e-13 * (1 + Math.abs(intercept))) break;
      if (gain === 0 && Math.abs(gA) + Math.abs(gB) < 1e-12) break;
    }
    return new PlattCalibrator(slope, intercept);
  }
}

export class PlattCalibrator {
  constructor(
    readonly slope: number,
    readonly intercept: number,
  ) {}

  /** Calibrated probabilities of the scores. */
  predict(scores: Scores): Float64Array {
    const out = new Float64Array(scores.length);
    for (let i = 0; i < scores.length; i++) out[i] = sigmoid(this.slope * scores[i]! + this.intercept);
    return out;
  }

  toJSON(): PlattJSON {
    return { schemaVersion: PLATT_SCHEMA_VERSION, kind: 'platt', slope: this.slope, intercept: this.intercept };
  }

  static fromJSON(json: unknown): PlattCalibrator {
    const j = json as Partial<PlattJSON> | null;
    if (j === null || typeof j !== 'object') throw savedJsonError('Platt calibrator', 'expected an object');
    if (j.kind !== 'platt') throw savedJsonError('Platt calibrator', `kind is ${JSON.stringify(j.kind)}, expected "platt"`);
    if (j.schemaVersion !== PLATT_SCHEMA_VERSION) throw savedJsonError('Platt calibrator', `schemaVersion is ${JSON.stringify(j.schemaVersion)}, expected ${PLATT_SCHEMA_VERSION}`);
    for (const key of ['slope', 'intercept'] as const) if (typeof j[key] !== 'number' || !Number.isFinite(j[key])) throw savedJsonError('Platt calibrator', `${key} is ${JSON.stringify(j[key])}, expected a finite number`);
    return new PlattCalibrator(j.slope!, j.intercept!);
  }
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}
