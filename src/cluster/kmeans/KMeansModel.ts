import { z } from 'zod';
import { CLUSTER_SCHEMA_VERSION } from '../ClusterModel';
import { parseSavedJson } from '../../core/parseSavedJson';
import { CentroidModel, centroidJsonFields, restoreCentroidFit, type CentroidFit } from './CentroidModel';
import { kmeansParamsSchema, resolveKMeansParams, type ResolvedKMeansParams } from './kmeansParams';

const jsonSchema = z
  .object({
    schemaVersion: z.literal(CLUSTER_SCHEMA_VERSION),
    kind: z.literal('kmeans'),
    params: kmeansParamsSchema,
    ...centroidJsonFields,
    nIter: z.number().int().min(1),
    converged: z.boolean(),
  })
  .strict();
/** The saved model: its params resolved (given centres as rows, nLocalTrials filled in). */
export type KMeansJSON = Omit<z.infer<typeof jsonSchema>, 'params'> & { params: ResolvedKMeansParams };

/** A fitted k-means: centres, training labels and inertia, and how the best run ended. */
export class KMeansModel extends CentroidModel {
  readonly kind = 'kmeans' as const;
  /** Iterations of the best run. */
  readonly nIter: number;
  /** Whether the best run stopped by its tolerance or with stable labels rather than at maxIter. */
  readonly converged: boolean;

  constructor(
    readonly params: ResolvedKMeansParams,
    fit: CentroidFit & { nIter: number; converged: boolean },
  ) {
    super(fit);
    this.nIter = fit.nIter;
    this.converged = fit.converged;
  }

  toJSON(): KMeansJSON {
    const { init } = this.params;
    return {
      schemaVersion: CLUSTER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params, init: typeof init === 'string' ? init : init.map((r) => [...r]) },
      ...this.centroidJson(),
      nIter: this.nIter,
      converged: this.converged,
    };
  }

  /** Restore a saved model (object or JSON text); a malformed field is named in the error. */
  static fromJSON(json: unknown): KMeansModel {
    const j = parseSavedJson(jsonSchema, json, 'KMeans');
    const params = resolveKMeansParams(j.params, 'KMeans JSON');
    const fit = restoreCentroidFit(j, params.k, 'KMeans');
    return new KMeansModel(params, { ...fit, nIter: j.nIter, converged: j.converged });
  }
}
