import type { z } from 'zod';
import type { Matrix } from '../../core/Matrix';
import type { Progress } from '../../core/progress';
import type { RegistryEntry } from '../../core/Registry';
import type { ClusterModel } from '../ClusterModel';
import type { CriterionVote, KCandidate } from './KCandidate';

/** One fit of the sweep, as a criterion sees it. */
export interface CriterionFit {
  X: Matrix;
  k: number;
  model: ClusterModel;
  labels: Int32Array;
  /** Labels recoded 0..clusters-1, -1 for noise (encodeClusterLabels). */
  codes: Int32Array;
  clusters: number;
  /** At least 2 clusters and fewer than the non-noise rows: the indices are defined. */
  scorable: boolean;
}

/** The whole sweep, for criteria read on every k at once (the gap statistic refits reference data). */
export interface CriterionSweep {
  X: Matrix;
  ks: readonly number[];
  /** The sweep's labels of X by k. */
  labelsByK: ReadonlyMap<number, Int32Array>;
  /** The values of k whose labels have at least 2 clusters and fewer than the non-noise rows (CriterionFit.scorable). */
  scorableKs: ReadonlySet<number>;
  /** Labels of the configured estimator for k on other data (reference sets). */
  cluster: (Z: Matrix, k: number) => Int32Array;
  progress: Progress;
}

/** What a criterion measured at one k: values by measure name, and how, where there was a choice. */
export interface CriterionMeasure {
  values: Record<string, number | null>;
  method?: string;
}

/** What a criterion's vote may look at besides the candidates. */
export interface CriterionVoteContext {
  /** null when k is eligible, else why not. */
  eligibleOrWhy(k: number): string | null;
  /** What its measureSweep returned (null when it did not run). */
  sweep: unknown;
}

/**
 * A k-selection criterion as registered in K_SELECTION_CRITERIA: what it measures, which way is better,
 * what it needs and costs, and how it votes. selectK asks every registered criterion.
 */
export interface SelectionCriterionEntry<Name extends string = string, Params extends z.AnyZodObject = z.AnyZodObject, Metric extends string = string>
  extends RegistryEntry<Name, Params, 'numeric'> {
  /** How reasons name it ("best silhouette"). */
  readonly label: string;
  /** The measure it votes on, then any it records beside (bic, aic). */
  readonly metrics: readonly [Metric, ...Metric[]];
  /** Which values of its measure are better. */
  readonly better: 'higher' | 'lower';
  /** Only models with a likelihood (Gaussian mixtures) have its measure; with others it abstains. */
  readonly needsLikelihood: boolean;
  /** What it costs, in words. */
  readonly cost: string;
  /** 'each-k': it votes for the eligible k with the best value of its measure; 'curve': it reads the shape of the whole sweep (elbow, gap rule). */
  readonly reads: 'each-k' | 'curve';
  /** Costly: computed only when selectK is asked for it (its options given); otherwise it abstains. */
  readonly optIn: boolean;
  /** Its measures at one k (criteria read on the whole sweep use measureSweep instead). */
  measure?(fit: CriterionFit, params: z.output<Params>): CriterionMeasure;
  /** Its measures for every k at once, and what its vote needs (e.g. the gap statistic's result). */
  measureSweep?(sweep: CriterionSweep, params: z.output<Params>): { byK: ReadonlyMap<number, CriterionMeasure>; result: unknown };
  /** Its vote given every candidate; params is null when an opt-in criterion was not asked for. */
  vote(candidates: readonly KCandidate[], params: z.output<Params> | null, context: CriterionVoteContext): Omit<CriterionVote, 'criterion'>;
}

/** A registered criterion without its literal types (what selectK iterates). */
export type AnySelectionCriterion = SelectionCriterionEntry<string, z.AnyZodObject, string>;
