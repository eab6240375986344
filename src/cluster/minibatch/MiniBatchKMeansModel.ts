import { z } from 'zod';
import { CLUSTER_SCHEMA_VERSION } from '../ClusterModel';
import { parseSavedJson } from '../../core/parseSavedJson';
import { CentroidModel, centroidJsonFields, restoreCentroidFit, type CentroidFit } from '../kmeans/CentroidModel';
import { miniBatchKMeansParamsSchema, resolveMiniBatchKMeansParams, type ResolvedMiniBatchKMeansParams } from './miniBatchKMeansParams';

const int = z.number().int();
const jsonSchema = z
  .object({
    schemaVersion: z.literal(CLUSTER_SCHEMA_VERSION),
    kind: z.literal('minibatch-kmeans'),
    params: miniBatchKMeansParamsSchema,
    ...centroidJsonFields,
    nSteps: int.min(0),
    nIter: int.min(0),
    converged: z.boolean(),
  })
  .strict();
/** The saved model: its params resolved (given centres as rows, nLocalTrials filled in). */
export type MiniBatchKMeansJSON = Omit<z.infer<typeof jsonSchema>, 'params'> & { params: ResolvedMiniBatchKMeansParams };

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
    const params = resolveMiniBatchKMeansParams(j.params, 'MiniBatchKMeans JSON');
    const fit = restoreCentroidFit(j, params.k, 'MiniBatchKMeans');
    return new MiniBatchKMeansModel(params, { ...fit, nSteps: j.nSteps, nIter: j.nIter, converged: j.converged });
  }
}
