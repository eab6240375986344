import { z } from 'zod';
import { CLUSTER_SCHEMA_VERSION } from '../ClusterModel';
import { parseSavedJson } from '../../core/parseSavedJson';
import { CentroidModel, centroidJsonFields, restoreCentroidFit, type CentroidFit } from './CentroidModel';
import type { ResolvedKMeansParams } from './KMeans';
import { KMEANS_ALGORITHMS } from './kmeansParams';

const jsonSchema = z
  .object({
    schemaVersion: z.literal(CLUSTER_SCHEMA_VERSION),
    kind: z.literal('kmeans'),
    params: z
      .object({
        k: z.number().int().min(1),
        nInit: z.number().int().min(1),
        maxIter: z.number().int().min(1),
        tol: z.number().finite().min(0),
        seed: z.number().int(),
        init: z.union([z.enum(['k-means++', 'random']), z.array(z.array(z.number().finite()))]),
        nLocalTrials: z.number().int().min(1),
        algorithm: z.enum(KMEANS_ALGORITHMS),
        threads: z.union([z.literal('auto'), z.number().int().min(1)]),
      })
      .strict(),
    ...centroidJsonFields,
    nIter: z.number().int().min(1),
    converged: z.boolean(),
  })
  .strict();
export type KMeansJSON = z.infer<typeof jsonSchema>;

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
    const fit = restoreCentroidFit(j, j.params.k, 'KMeans');
    return new KMeansModel(j.params, { ...fit, nIter: j.nIter, converged: j.converged });
  }
}
