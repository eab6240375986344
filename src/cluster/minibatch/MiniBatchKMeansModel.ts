import { z } from 'zod';
import { CLUSTER_SCHEMA_VERSION } from '../ClusterModel';
import { parseSavedJson } from '../../core/parseSavedJson';
import { CentroidModel, centroidJsonFields, restoreCentroidFit, type CentroidFit } from '../kmeans/CentroidModel';
import type { ResolvedMiniBatchKMeansParams } from './MiniBatchKMeans';

const int = z.number().int();
const jsonSchema = z
  .object({
    schemaVersion: z.literal(CLUSTER_SCHEMA_VERSION),
    kind: z.literal('minibatch-kmeans'),
    params: z
      .object({
        k: int.min(1),
        batchSize: int.min(1),
        maxIter: int.min(1),
        maxNoImprovement: int.min(1).nullable(),
        tol: z.number().finite().min(0),
        seed: int,
        init: z.union([z.enum(['k-means++', 'random']), z.array(z.array(z.number().finite()))]),
        nInit: int.min(1),
        initSize: int.min(1).nullable(),
        reassignmentRatio: z.number().min(0).max(1),
        nLocalTrials: int.min(1),
        threads: z.union([z.literal('auto'), int.min(1)]),
      })
      .strict(),
    ...centroidJsonFields,
    nSteps: int.min(0),
    nIter: int.min(0),
    converged: z.boolean(),
  })
  .strict();
export type MiniBatchKMeansJSON = z.infer<typeof jsonSchema>;

/** A fitted mini-batch k-means: centres, labels and inertia over all training rows, and how training ended. */
export class MiniBatchKMeansModel extends CentroidModel {
  readonly kind = 'minibatch-kmeans' as const;
  /** Mini-batch steps taken. */
  readonly nSteps: number;
  /** Passes over the data those steps amount to (ceil(nSteps × batchSize / rows)). */
  readonly nIter: number;
  /** Whether training stopped early (no improvement, or tol) rather than after all steps. */
  readonly converged: boolean;

  constructor(
    readonly params: ResolvedMiniBatchKMeansParams,
    fit: CentroidFit & { nSteps: number; nIter: number; converged: boolean },
  ) {
    super(fit);
    this.nSteps = fit.nSteps;
    this.nIter = fit.nIter;
    this.converged = fit.converged;
  }

  toJSON(): MiniBatchKMeansJSON {
    const { init } = this.params;
    return {
      schemaVersion: CLUSTER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params, init: typeof init === 'string' ? init : init.map((r) => [...r]) },
      ...this.centroidJson(),
      nSteps: this.nSteps,
      nIter: this.nIter,
      converged: this.converged,
    };
  }

  /** Restore a saved model (object or JSON text); a malformed field is named in the error. */
  static fromJSON(json: unknown): MiniBatchKMeansModel {
    const j = parseSavedJson(jsonSchema, json, 'MiniBatchKMeans');
    const fit = restoreCentroidFit(j, j.params.k, 'MiniBatchKMeans');
    return new MiniBatchKMeansModel(j.params, { ...fit, nSteps: j.nSteps, nIter: j.nIter, converged: j.converged });
  }
}
