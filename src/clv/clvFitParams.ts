import { z } from 'zod';
import { seedParam } from '../core/seedParam';

/** The params every CLV model's maximum-likelihood fit takes, declared once (the registry and saved models read them). */
export const clvFitParamsShape = {
  /** lifetimes' penalizer_coef: penalizer · Σ θ² is added to the mean negative log-likelihood (0: plain maximum likelihood). */
  penalizer: z.number().finite().min(0).describe('a finite number >= 0').default(0),
  /** Seeded starts of L-BFGS (the first at every parameter 1, as lifetimes); the best converged one is kept. */
  nStarts: z.number().int().min(1).max(100).describe('a whole number from 1 to 100').default(4),
  seed: seedParam,
  /** Most L-BFGS iterations per start. */
  maxIter: z.number().int().min(1).describe('a whole number >= 1').default(1000),
  /** Stop when the largest gradient component of the mean negative log-likelihood in log-parameters is at most tol (1e-8: CDNOW's BG/NBD to 6 digits; a numeric gradient, as Pareto/NBD's, is not much more precise). */
  tol: z.number().finite().positive().describe('a finite number > 0').default(1e-8),
};

export const purchaseModelParamsSchema = z.object(clvFitParamsShape).strict();
export type PurchaseModelParams = z.input<typeof purchaseModelParamsSchema>;
export type ResolvedPurchaseModelParams = z.output<typeof purchaseModelParamsSchema>;
