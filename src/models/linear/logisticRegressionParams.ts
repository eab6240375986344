import { z } from 'zod';
import { parseParams } from '../../core/parseParams';
import type { SearchSpace } from '../evaluation/searchParams';

export const LOGISTIC_PENALTIES = ['l2', 'l1', 'none'] as const;
/** 'l2' (ridge, default), 'l1' (lasso: some coefficients exactly 0) or 'none' (plain maximum likelihood). */
export type LogisticPenalty = (typeof LOGISTIC_PENALTIES)[number];

export const LOGISTIC_SOLVERS = ['lbfgs', 'newton'] as const;
/** 'lbfgs' (default; one pass over X per step) or 'newton' (IRLS with the exact Hessian; p² per row, few steps). */
export type LogisticSolver = (typeof LOGISTIC_SOLVERS)[number];

/** The weight of each class, multiplied into the sample weights: none, 'balanced' (n / (2 · rows of the class)) or given. */
export type ClassWeight = null | 'balanced' | { '0': number; '1': number };

const weight = z.number().finite().min(0);

/** LogisticRegression's params, declared once: the constructor, the registry (MODELS) and the saved model read it. */
export const logisticRegressionParamsSchema = z
  .object({
    penalty: z.enum(LOGISTIC_PENALTIES).describe(`one of ${LOGISTIC_PENALTIES.join(', ')}`).default('l2'),
    /**
     * Inverse penalty strength, as scikit-learn: the fit minimises C · Σ wᵢ · logloss + ½‖β‖² (l2) or ‖β‖₁ (l1);
     * smaller C, stronger penalty. Ignored when penalty is 'none'.
     */
    C: z.number().finite().positive().describe('a finite number > 0').default(1),
    /** 'lbfgs' (default) or 'newton' (IRLS); penalty 'l1' is always fit by proximal Newton (coordinate descent on the exact Hessian). */
    solver: z.enum(LOGISTIC_SOLVERS).describe(`one of ${LOGISTIC_SOLVERS.join(', ')} (l1 always uses proximal Newton)`).default('lbfgs'),
    /** Fit an intercept (default true); it is never penalised, as scikit-learn's lbfgs, newton-cg and saga. */
    fitIntercept: z.boolean().describe('true or false').default(true),
    classWeight: z
      .union([z.null(), z.literal('balanced'), z.object({ '0': weight, '1': weight }).strict()])
      .describe("null, 'balanced', or { 0: weight, 1: weight } with finite weights >= 0")
      .default(null),
    /**
     * Standardise every column inside (mean 0, population sd 1, unweighted, as StandardScaler; a constant column
     * keeps scale 1) so the penalty treats columns alike and the solver is well conditioned (default true).
     * Coefficients are reported on both scales.
     */
    standardize: z.boolean().describe('true or false').default(true),
    /** Most solver iterations (default 100, as scikit-learn); not converging is a warning in the fitted model. */
    maxIter: z.number().int().min(1).describe('a whole number >= 1').default(100),
    /**
     * Stop when the largest gradient component of the mean weighted loss (+ penalty / (C · Σw)) is at most tol
     * (default 1e-6: coefficients within ~1e-6 of the optimum on 200k rows, where scikit-learn's default stops
     * within ~1e-5; two more L-BFGS steps than 1e-4, whose coefficients were 4e-4 off).
     */
    tol: z.number().finite().positive().describe('a finite number > 0').default(1e-6),
  })
  .strict();

export type LogisticRegressionParams = z.input<typeof logisticRegressionParamsSchema>;
export type ResolvedLogisticRegressionParams = z.output<typeof logisticRegressionParamsSchema>;

/** Validate params (the first bad one named, as parseParams says) and fill the defaults. */
export function resolveLogisticRegressionParams(params: LogisticRegressionParams = {}): ResolvedLogisticRegressionParams {
  return parseParams(logisticRegressionParamsSchema, params, 'LogisticRegression');
}

/** What `models.search` draws from by default: the penalty strength C, log-uniform over five decades. */
export const LOGISTIC_REGRESSION_SEARCH_SPACE: SearchSpace = { C: { low: 0.001, high: 100, scale: 'log' } };
