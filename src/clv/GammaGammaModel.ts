import { z } from 'zod';
import { parseSavedJson } from '../core/parseSavedJson';
import { checkClvData } from './checkClvData';
import type { ClvData } from './ClvData';
import { logGamma } from './special/logGamma';

export const GAMMA_GAMMA_SCHEMA_VERSION = 1;

/** The saved form of a fitted Gamma-Gamma spend model. */
export interface GammaGammaJSON {
  schemaVersion: number;
  kind: 'gamma-gamma';
  params: { p: number; q: number; v: number };
  standardErrors: { p: number | null; q: number | null; v: number | null };
  logLikelihood: number;
  /** The repeat buyers it was fitted on (customers with frequency 0 are left out). */
  nCustomers: number;
  penalizer: number;
  /** Pearson correlation of frequency and monetary value over the repeat buyers (the model assumes them independent). */
  frequencyMonetaryCorrelation: number;
  warnings: string[];
}

/**
 * A fitted Gamma-Gamma model (Fader, Hardie & Lee 2005, "RFM and CLV"): a customer's transaction values
 * are Gamma(p, ν), ν ~ Gamma(q, v) across customers. Gives each customer's expected average spend given
 * its repeat purchases: a weighted mean of the population mean v·p/(q − 1) and its own mean.
 */
export class GammaGammaModel {
  readonly kind = 'gamma-gamma' as const;
  readonly params: Readonly<{ p: number; q: number; v: number }>;
  readonly standardErrors: Readonly<{ p: number | null; q: number | null; v: number | null }>;
  readonly logLikelihood: number;
  readonly nCustomers: number;
  readonly penalizer: number;
  readonly frequencyMonetaryCorrelation: number;
  readonly warnings: readonly string[];

  constructor(state: Omit<GammaGammaJSON, 'schemaVersion' | 'kind'>) {
    this.params = { ...state.params };
    this.standardErrors = { ...state.standardErrors };
    this.logLikelihood = state.logLikelihood;
    this.nCustomers = state.nCustomers;
    this.penalizer = state.penalizer;
    this.frequencyMonetaryCorrelation = state.frequencyMonetaryCorrelation;
    this.warnings = [...state.warnings];
  }

  /** The population mean spend per transaction, v·p / (q − 1) (infinite when q ≤ 1). */
  get populationMeanSpend(): number {
    const { p, q, v } = this.params;
    return q > 1 ? (v * p) / (q - 1) : Infinity;
  }

  /**
   * E[spend per transaction | x, m̄] per customer: (1 − w)·v·p/(q − 1) + w·m̄ with w = p·x / (p·x + q − 1);
   * the population mean for customers without a repeat purchase.
   */
  expectedSpend(data: ClvData): Float64Array {
    const d = checkClvData(data, 'GammaGamma expectedSpend', 'spend');
    const { p, q } = this.params;
    const mean = this.populationMeanSpend;
    const out = new Float64Array(d.n);
    for (let i = 0; i < d.n; i++) {
      const x = d.x[i]!;
      const w = (p * x) / (p * x + q - 1);
      out[i] = x > 0 ? (1 - w) * mean + w * d.m![i]! : mean;
    }
    return out;
  }

  /** Each repeat buyer's log-likelihood at the fitted parameters (NaN for customers without a repeat purchase, who do not enter the fit). */
  logLikelihoods(data: ClvData): Float64Array {
    const d = checkClvData(data, 'GammaGamma logLikelihoods', 'spend');
    const { p, q, v } = this.params;
    const out = new Float64Array(d.n);
    for (let i = 0; i < d.n; i++) out[i] = d.x[i]! > 0 ? gammaGammaLogLikelihood(p, q, v, d.x[i]!, d.m![i]!) : NaN;
    return out;
  }

  toJSON(): GammaGammaJSON {
    return {
      schemaVersion: GAMMA_GAMMA_SCHEMA_VERSION,
      kind: 'gamma-gamma',
      params: { ...this.params },
      standardErrors: { ...this.standardErrors },
      logLikelihood: this.logLikelihood,
      nCustomers: this.nCustomers,
      penalizer: this.penalizer,
      frequencyMonetaryCorrelation: this.frequencyMonetaryCorrelation,
      warnings: [...this.warnings],
    };
  }

  static fromJSON(json: unknown): GammaGammaModel {
    const positive = z.number().finite().positive();
    const se = z.number().finite().nonnegative().nullable();
    const schema = z
      .object({
        schemaVersion: z.literal(GAMMA_GAMMA_SCHEMA_VERSION),
        kind: z.literal('gamma-gamma'),
        params: z.object({ p: positive, q: positive, v: positive }).strict(),
        standardErrors: z.object({ p: se, q: se, v: se }).strict(),
        logLikelihood: z.number().finite(),
        nCustomers: z.number().int().min(1),
        penalizer: z.number().finite().min(0),
        frequencyMonetaryCorrelation: z.number().min(-1).max(1),
        warnings: z.array(z.string()),
      })
      .strict();
    const { schemaVersion: _v, kind: _k, ...state } = parseSavedJson(schema, json, 'Gamma-Gamma model');
    return new GammaGammaModel(state);
  }
}

/** ln L of one repeat buyer with x repeat purchases of mean value m (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 4). */
export function gammaGammaLogLikelihood(p: number, q: number, v: number, x: number, m: number): number {
  const px = p * x;
  return logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(v) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(x * m + v);
}
