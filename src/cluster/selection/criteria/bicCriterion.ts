import { z } from 'zod';
import type { Matrix } from '../../../core/Matrix';
import type { ClusterModel } from '../../ClusterModel';
import type { SelectionCriterionEntry } from '../SelectionCriterionEntry';
import { bestEligibleVote } from './bestEligibleVote';

const noParams = z.object({}).strict();

/** A model's own likelihood score (a method or a number), when it has one. */
function likelihoodScore(model: ClusterModel, X: Matrix, name: 'bic' | 'aic'): number | null {
  const value = (model as unknown as Record<string, unknown>)[name];
  const v = typeof value === 'function' ? (value as (X: Matrix) => unknown).call(model, X) : value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export const bicCriterion: SelectionCriterionEntry<'bic', typeof noParams, 'bic' | 'aic'> = {
  name: 'bic',
  description: 'The Bayesian information criterion of models with a likelihood (Gaussian mixtures): −2·log L + parameters · ln n; AIC is recorded beside it.',
  params: noParams,
  accepts: 'numeric',
  label: 'lowest BIC',
  metrics: ['bic', 'aic'],
  better: 'lower',
  reads: 'each-k',
  needsLikelihood: true,
  cost: "one pass over the rows per k (the model's likelihood)",
  optIn: false,
  measure: ({ X, model }) => ({ values: { bic: likelihoodScore(model, X, 'bic'), aic: likelihoodScore(model, X, 'aic') } }),
  vote: (candidates) => bestEligibleVote(candidates, 'bic', 'lower', 'BIC'),
};
