import { SeglabError } from '../core/errors';

/** A maximum-likelihood fit found no optimum it can vouch for; the message says what was tried and what to try. */
export class ConvergenceError extends SeglabError {
  override name = 'ConvergenceError';
  /** The model whose fit failed ('bg-nbd', 'Gamma-Gamma', …), when the caller fitted several. */
  model?: string;
}
