import { z } from 'zod';
import { checkParam } from '../core/errors';
import { parseSavedJson } from '../core/parseSavedJson';
import { checkClvData, type CheckedClvData } from './checkClvData';
import type { ClvData } from './ClvData';
import type { PurchaseModelName } from './ClvModelName';
import { CLV_TIME_UNITS, type ClvTimeUnit } from './ClvTimeUnit';
import type { FitStart } from './maximumLikelihood';
import type { PurchaseModelSpec } from './PurchaseModelSpec';
import { uniqueCustomers, type UniqueCustomers } from './uniqueCustomers';

export const PURCHASE_MODEL_SCHEMA_VERSION = 1;

/** The saved form of a fitted purchase model. */
export interface PurchaseModelJSON {
  schemaVersion: number;
  kind: PurchaseModelName;
  /** The unit of recency, T and t (null when the data did not say). */
  unit: ClvTimeUnit | null;
  params: Record<string, number>;
  /** From the observed information; null where undefined. */
  standardErrors: Record<string, number | null>;
  logLikelihood: number;
  nCustomers: number;
  penalizer: number;
  starts: FitStart[];
  warnings: string[];
}

const finite = z.number().finite();
const startSchema = z.object({ objective: z.number().or(z.null()), iterations: z.number().int().min(0), stop: z.enum(['tol', 'maxIter', 'line search', 'not finite']), converged: z.boolean() }).strict();

/**
 * A fitted BG/NBD, MBG/NBD or Pareto/NBD: its parameters with standard errors and the predictions
 * (conditional on each customer's x, tx, T, or for a new customer). t is in the model's unit.
 */
export class PurchaseModel {
  readonly kind: PurchaseModelName;
  readonly unit: ClvTimeUnit | null;
  /** θ in the spec's order (r, α, a, b or r, α, s, β). */
  readonly theta: Float64Array;
  readonly params: Readonly<Record<string, number>>;
  readonly standardErrors: Readonly<Record<string, number | null>>;
  readonly logLikelihood: number;
  readonly nCustomers: number;
  readonly penalizer: number;
  readonly starts: readonly FitStart[];
  readonly warnings: readonly string[];

  constructor(
    private readonly spec: PurchaseModelSpec,
    state: Omit<PurchaseModelJSON, 'schemaVersion' | 'kind'>,
  ) {
    this.kind = spec.name;
    this.unit = state.unit;
    this.theta = Float64Array.from(spec.paramNames, (n) => state.params[n]!);
    this.params = Object.fromEntries(spec.paramNames.map((n) => [n, state.params[n]!]));
    this.standardErrors = Object.fromEntries(spec.paramNames.map((n) => [n, state.standardErrors[n] ?? null]));
    this.logLikelihood = state.logLikelihood;
    this.nCustomers = state.nCustomers;
    this.penalizer = state.penalizer;
    this.starts = state.starts;
    this.warnings = state.warnings;
  }

  /** Expected purchases in the next t periods, (T, T + t], of each customer given its history. */
  expectedPurchases(t: number, data: ClvData): Float64Array {
    this.checkHorizon(t, 'expectedPurchases t');
    const d = checkClvData(data, `${this.spec.label} expectedPurchases`, 'purchases');
    return perDistinctCustomer(d, (x, tx, T) => this.spec.expectedPurchases(this.theta, t, x, tx, T));
  }

  /**
   * expectedPurchases for several horizons at once: one array per horizon, in the order of ts (1 to 1200 of them),
   * with the input checked and the customers grouped once (CLV asks for 12 horizons).
   */
  expectedPurchasesByHorizon(ts: readonly number[], data: ClvData): Float64Array[] {
    checkParam(Array.isArray(ts) && ts.length >= 1 && ts.length <= 1200, `${this.spec.label} expectedPurchasesByHorizon ts`, ts, 'an array of 1 to 1200 horizons');
    ts.forEach((t, k) => this.checkHorizon(t, `expectedPurchasesByHorizon ts[${k}]`));
    const d = checkClvData(data, `${this.spec.label} expectedPurchasesByHorizon`, 'purchases');
    const u = uniqueCustomers(d.x, d.tx, d.T);
    const { expected } = this.distinctPredictions(Float64Array.from(ts), u);
    return ts.map((_, k) => {
      const values = expected[k]!;
      const out = new Float64Array(d.n);
      for (let i = 0; i < d.n; i++) out[i] = values[u.group[i]!]!;
      return out;
    });
  }

  /**
   * Internal (trusts its input: horizons checked, rows distinct): per distinct row, the conditional expected purchases
   * at every horizon (`expected[k][g]`) and P(alive), each row's shared terms computed once for all of them.
   */
  distinctPredictions(ts: Float64Array, u: Pick<UniqueCustomers, 'x' | 'tx' | 'T'>): { expected: Float64Array[]; alive: Float64Array } {
    const rows = u.x.length;
    const count = ts.length;
    const expected = Array.from({ length: count }, () => new Float64Array(rows));
    const alive = new Float64Array(rows);
    const row = new Float64Array(count);
    for (let g = 0; g < rows; g++) {
      alive[g] = this.spec.conditionalPredictions(this.theta, ts, count, u.x[g]!, u.tx[g]!, u.T[g]!, row);
      for (let k = 0; k < count; k++) expected[k]![g] = row[k]!;
    }
    return { expected, alive };
  }

  /** P(the customer is still alive at T) given its history (1 without a repeat purchase in BG/NBD). */
  probabilityAlive(data: ClvData): Float64Array {
    const d = checkClvData(data, `${this.spec.label} probabilityAlive`, 'purchases');
    return perDistinctCustomer(d, (x, tx, T) => this.spec.probabilityAlive(this.theta, x, tx, T));
  }

  /** Each customer's log-likelihood at the fitted parameters. */
  logLikelihoods(data: ClvData): Float64Array {
    const d = checkClvData(data, `${this.spec.label} logLikelihoods`, 'purchases');
    const out = new Float64Array(d.n);
    for (let i = 0; i < d.n; i++) out[i] = this.spec.logLikelihood(this.theta, d.x[i]!, d.tx[i]!, d.T[i]!, 1, null);
    return out;
  }

  /** E[X(t)]: expected purchases of a new customer in its first t periods. */
  expectedPurchasesUnconditional(t: number): number {
    this.checkHorizon(t, 'expectedPurchasesUnconditional t');
    return this.spec.expectedPurchasesUnconditional(this.theta, t);
  }

  /** P(X(t) = n): the probability a new customer makes exactly n purchases in its first t periods. */
  probabilityOfPurchases(n: number, t: number): number {
    checkParam(Number.isInteger(n) && n >= 0, `${this.spec.label} probabilityOfPurchases n`, n, 'a whole number >= 0');
    this.checkHorizon(t, 'probabilityOfPurchases t');
    return this.spec.probabilityOfPurchases(this.theta, n, t);
  }

  toJSON(): PurchaseModelJSON {
    return {
      schemaVersion: PURCHASE_MODEL_SCHEMA_VERSION,
      kind: this.kind,
      unit: this.unit,
      params: { ...this.params },
      standardErrors: { ...this.standardErrors },
      logLikelihood: this.logLikelihood,
      nCustomers: this.nCustomers,
      penalizer: this.penalizer,
      starts: this.starts.map((s) => ({ ...s, objective: Number.isFinite(s.objective) ? s.objective : (null as unknown as number) })),
      warnings: [...this.warnings],
    };
  }

  /** Restore a saved model of this spec; a wrong or damaged JSON is a UsageError naming the field. */
  static fromJSON(spec: PurchaseModelSpec, json: unknown): PurchaseModel {
    const positive = z.number().finite().positive();
    const schema = z
      .object({
        schemaVersion: z.literal(PURCHASE_MODEL_SCHEMA_VERSION),
        kind: z.literal(spec.name),
        unit: z.enum(CLV_TIME_UNITS as [ClvTimeUnit, ...ClvTimeUnit[]]).nullable(),
        params: z.object(Object.fromEntries(spec.paramNames.map((n) => [n, positive]))).strict(),
        standardErrors: z.object(Object.fromEntries(spec.paramNames.map((n) => [n, z.number().finite().nonnegative().nullable()]))).strict(),
        logLikelihood: finite,
        nCustomers: z.number().int().min(1),
        penalizer: z.number().finite().min(0),
        starts: z.array(startSchema),
        warnings: z.array(z.string()),
      })
      .strict();
    const state = parseSavedJson(schema, json, `${spec.label} model`);
    const { schemaVersion: _v, kind: _k, ...rest } = state;
    return new PurchaseModel(spec, { ...rest, params: rest.params as Record<string, number>, standardErrors: rest.standardErrors as Record<string, number | null>, starts: rest.starts.map((s) => ({ ...s, objective: s.objective ?? NaN })) });
  }

  private checkHorizon(t: number, what: string): void {
    checkParam(Number.isFinite(t) && t > 0, `${this.spec.label} ${what}`, t, `a finite number of periods > 0 (in ${this.unit ?? 'the unit of the data'})`);
  }
}

/** f once per distinct (x, tx, T), spread back to every customer (a prediction depends on nothing else). */
function perDistinctCustomer(d: CheckedClvData, f: (x: number, tx: number, T: number) => number): Float64Array {
  const u = uniqueCustomers(d.x, d.tx, d.T);
  const values = new Float64Array(u.x.length);
  for (let g = 0; g < values.length; g++) values[g] = f(u.x[g]!, u.tx[g]!, u.T[g]!);
  const out = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) out[i] = values[u.group[i]!]!;
  return out;
}
