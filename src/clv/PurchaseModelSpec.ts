import type { PurchaseModelName } from './ClvModelName';

/**
 * The mathematics of one purchase model, on natural parameters θ (in `paramNames` order) and one
 * customer's x (repeat purchases), tx (recency) and T (age), all in one time unit. Internal: the
 * estimator and the fitted model check their inputs; these functions trust them.
 */
export interface PurchaseModelSpec {
  readonly name: PurchaseModelName;
  /** Shown in messages and reports ("BG/NBD"). */
  readonly label: string;
  readonly paramNames: readonly string[];
  readonly analyticGradient: boolean;
  /** ln L of one customer; when grad is given (and analyticGradient), adds w · ∂lnL/∂θ into it. */
  logLikelihood(theta: Float64Array, x: number, tx: number, T: number, w: number, grad: Float64Array | null): number;
  /**
   * Optional, for speed: Σᵢ wᵢ · ln Lᵢ over many customers (adding Σ wᵢ · ∂lnLᵢ/∂θ into grad), equal to summing
   * logLikelihood, with the terms that depend on x only computed once per distinct x.
   */
  totalLogLikelihood?(theta: Float64Array, x: Float64Array, tx: Float64Array, T: Float64Array, w: Float64Array, grad: Float64Array | null): number;
  /** P(alive at T | x, tx, T). */
  probabilityAlive(theta: Float64Array, x: number, tx: number, T: number): number;
  /** E[purchases in (T, T + t] | x, tx, T]. */
  expectedPurchases(theta: Float64Array, t: number, x: number, tx: number, T: number): number;
  /**
   * The conditional predictions of one customer at several horizons, sharing what they have in common (P(alive), the
   * ₂F₁ coefficients): fills out[k] with E[purchases in (T, T + ts[k]] | x, tx, T] for k < count (equal to
   * expectedPurchases within rounding) and returns P(alive at T | x, tx, T).
   */
  conditionalPredictions(theta: Float64Array, ts: Float64Array, count: number, x: number, tx: number, T: number, out: Float64Array): number;
  /** E[X(t)] for a new customer (unconditional). */
  expectedPurchasesUnconditional(theta: Float64Array, t: number): number;
  /** P(X(t) = n) for a new customer (unconditional). */
  probabilityOfPurchases(theta: Float64Array, n: number, t: number): number;
}
