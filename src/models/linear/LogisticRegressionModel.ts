import { z } from 'zod';
import { savedJsonError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { parseSavedJson } from '../../core/parseSavedJson';
import { checkModelMatrix } from '../checkModelMatrix';
import type { FittedModel } from '../ModelEntry';
import { logisticRegressionParamsSchema, type ResolvedLogisticRegressionParams } from './logisticRegressionParams';
import { normalPValue } from './normalPValue';

/** Saved logistic models start with this; bump it when the JSON shape changes. */
export const LOGISTIC_REGRESSION_SCHEMA_VERSION = 1;

/** How the fit ended: the solver used, its iterations, and whether the optimality measure reached tol. */
export interface LogisticConvergence {
  solver: 'lbfgs' | 'newton' | 'proximal-newton';
  iterations: number;
  converged: boolean;
  /** Largest gradient component (l1: of the minimum-norm subgradient) of the averaged objective at the end. */
  optimality: number;
  /** The averaged objective there: weighted mean log loss + penalty / (C · Σw). */
  objective: number;
  stop: 'tol' | 'maxIter' | 'line search';
}

/** What the model was trained on. */
export interface LogisticTraining {
  rows: number;
  positives: number;
  /** Σ sample weight × class weight. */
  weightSum: number;
  /** The weight of class 0 and of class 1 (1 and 1 without classWeight). */
  classWeights: [number, number];
}

/** One term of the model on both scales, with its standard error, z and two-sided p-value (null where not available). */
export interface LogisticTerm {
  /** The column name, or '(intercept)'. */
  feature: string;
  /** Log-odds change per unit of the column (the intercept: log-odds where every column is 0). */
  coef: number;
  /** exp(coef): the factor on the odds per unit. */
  oddsRatio: number;
  /** On the standardised scale: per population standard deviation (the intercept: log-odds at the column means). */
  coefStandardized: number;
  /** exp(coefStandardized): the factor on the odds per standard deviation. */
  oddsRatioPerSd: number;
  standardError: number | null;
  standardErrorStandardized: number | null;
  /** coef / standardError (for columns the same on both scales). */
  z: number | null;
  pValue: number | null;
}

const nullableNumber = z.number().finite().nullable();
const jsonSchema = z
  .object({
    schemaVersion: z.literal(LOGISTIC_REGRESSION_SCHEMA_VERSION),
    kind: z.literal('logistic-regression'),
    featureNames: z.array(z.string()).min(1),
    params: logisticRegressionParamsSchema,
    mean: z.array(z.number().finite()),
    scale: z.array(z.number().finite().positive()),
    intercept: z.number().finite(),
    coef: z.array(z.number().finite()),
    interceptStandardized: z.number().finite(),
    coefStandardized: z.array(z.number().finite()),
    standardErrors: z
      .object({ intercept: nullableNumber, coef: z.array(nullableNumber), interceptStandardized: nullableNumber, coefStandardized: z.array(nullableNumber) })
      .strict(),
    convergence: z
      .object({
        solver: z.enum(['lbfgs', 'newton', 'proximal-newton']),
        iterations: z.number().int().min(0),
        converged: z.boolean(),
        optimality: z.number().finite().min(0),
        objective: z.number().finite(),
        stop: z.enum(['tol', 'maxIter', 'line search']),
      })
      .strict(),
    training: z
      .object({ rows: z.number().int().min(1), positives: z.number().int().min(0), weightSum: z.number().finite().positive(), classWeights: z.tuple([z.number().finite().min(0), z.number().finite().min(0)]) })
      .strict(),
    warnings: z.array(z.string()),
  })
  .strict();

export type LogisticRegressionJSON = z.infer<typeof jsonSchema>;

/**
 * A fitted logistic regression: P(y = 1 | x) = 1 / (1 + exp(−(intercept + Σ coefⱼ xⱼ))), the coefficients
 * on the columns' own scale (the standardised fit mapped back: coefⱼ = βⱼ / sdⱼ, intercept = b − Σ βⱼ meanⱼ / sdⱼ).
 *
 * Standard errors are the square roots of the diagonal of the inverse Hessian of the penalised negative
 * log-likelihood Σ wᵢ logloss + ½‖β‖² / C at the fit (mapped to the original scale by the delta method;
 * sample weights read as frequency weights). Without a penalty these are the usual Wald standard errors.
 * Under l2 they are those of the Laplace approximation to the posterior with a Normal(0, C) prior on each
 * standardised coefficient: they shrink with the coefficients, so z and p-values are conservative about the
 * coefficient's size yet no longer a frequentist test of βⱼ = 0. Under l1 they are computed for the
 * coefficients the penalty kept (the l1 term has no curvature; conditional on the selected columns, which
 * ignores the selection) and are null for those it set to 0. Null also where the Hessian is singular.
 */
export class LogisticRegressionModel implements FittedModel {
  readonly kind = 'logistic-regression' as const;
  readonly featureNames: readonly string[];
  readonly params: ResolvedLogisticRegressionParams;
  /** Column means and population sds used to standardise (0 and 1 when standardize is false). */
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  readonly intercept: number;
  readonly coef: Float64Array;
  readonly interceptStandardized: number;
  readonly coefStandardized: Float64Array;
  readonly convergence: LogisticConvergence;
  readonly training: LogisticTraining;
  /** Things the user should know about this fit (not converging, no standard errors, …). Empty when all is well. */
  readonly warnings: readonly string[];
  private readonly se: LogisticRegressionJSON['standardErrors'];

  constructor(state: Omit<LogisticRegressionJSON, 'schemaVersion' | 'kind'>) {
    this.featureNames = [...state.featureNames];
    this.params = state.params;
    this.mean = Float64Array.from(state.mean);
    this.scale = Float64Array.from(state.scale);
    this.intercept = state.intercept;
    this.coef = Float64Array.from(state.coef);
    this.interceptStandardized = state.interceptStandardized;
    this.coefStandardized = Float64Array.from(state.coefStandardized);
    this.se = state.standardErrors;
    this.convergence = state.convergence;
    this.training = state.training;
    this.warnings = [...state.warnings];
  }

  /** Log-odds per row: intercept + Σ coefⱼ xⱼ. */
  decisionFunction(X: Matrix): Float64Array {
    checkModelMatrix(X, 'LogisticRegressionModel.decisionFunction', 'error', this.featureNames);
    return this.margins(X);
  }

  /** P(y = 1) per row: the logistic of decisionFunction, computed without overflow. */
  predictProba(X: Matrix): Float64Array {
    checkModelMatrix(X, 'LogisticRegressionModel.predictProba', 'error', this.featureNames);
    const out = this.margins(X);
    for (let i = 0; i < out.length; i++) out[i] = logistic(out[i]!);
    return out;
  }

  /** The intercept, then one term per column in fitted order: coefficient, odds ratio, standard error, z, p. */
  coefficients(): LogisticTerm[] {
    const se = this.se;
    const term = (feature: string, coef: number, coefStd: number, s: number | null, sStd: number | null): LogisticTerm => {
      const zv = s !== null && s > 0 ? coef / s : null;
      return { feature, coef, oddsRatio: Math.exp(coef), coefStandardized: coefStd, oddsRatioPerSd: Math.exp(coefStd), standardError: s, standardErrorStandardized: sStd, z: zv, pValue: zv === null ? null : normalPValue(zv) };
    };
    return [term('(intercept)', this.intercept, this.interceptStandardized, se.intercept, se.interceptStandardized), ...this.featureNames.map((f, j) => term(f, this.coef[j]!, this.coefStandardized[j]!, se.coef[j] ?? null, se.coefStandardized[j] ?? null))];
  }

  toJSON(): LogisticRegressionJSON {
    return {
      schemaVersion: LOGISTIC_REGRESSION_SCHEMA_VERSION,
      kind: this.kind,
      featureNames: [...this.featureNames],
      params: { ...this.params, classWeight: this.params.classWeight === null || typeof this.params.classWeight === 'string' ? this.params.classWeight : { ...this.params.classWeight } },
      mean: Array.from(this.mean),
      scale: Array.from(this.scale),
      intercept: this.intercept,
      coef: Array.from(this.coef),
      interceptStandardized: this.interceptStandardized,
      coefStandardized: Array.from(this.coefStandardized),
      standardErrors: { intercept: this.se.intercept, coef: [...this.se.coef], interceptStandardized: this.se.interceptStandardized, coefStandardized: [...this.se.coefStandardized] },
      convergence: { ...this.convergence },
      training: { ...this.training, classWeights: [...this.training.classWeights] },
      warnings: [...this.warnings],
    };
  }

  /** Restore a saved model (object or JSON text); a wrong or damaged JSON is a UsageError naming the field. */
  static fromJSON(json: unknown): LogisticRegressionModel {
    const kind = 'logistic regression model';
    const state = parseSavedJson(jsonSchema, json, kind);
    const p = state.featureNames.length;
    for (const key of ['mean', 'scale', 'coef', 'coefStandardized'] as const) {
      if (state[key].length !== p) throw savedJsonError(kind, `${key} has ${state[key].length} values, featureNames ${p}`);
    }
    for (const key of ['coef', 'coefStandardized'] as const) {
      if (state.standardErrors[key].length !== p) throw savedJsonError(kind, `standardErrors.${key} has ${state.standardErrors[key].length} values, featureNames ${p}`);
    }
    const { schemaVersion: _v, kind: _k, ...rest } = state;
    return new LogisticRegressionModel(rest);
  }

  private margins(X: Matrix): Float64Array {
    const { data, rows, cols } = X;
    const coef = this.coef;
    const b = this.intercept;
    const out = new Float64Array(rows);
    for (let i = 0, off = 0; i < rows; i++, off += cols) {
      let s = b;
      for (let j = 0; j < cols; j++) s += coef[j]! * data[off + j]!;
      out[i] = s;
    }
    return out;
  }
}

/** 1 / (1 + e^−z) without overflow for large |z|. */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
