import { Registry } from '../core/Registry';
import type { AnyClustererEntry } from './ClustererEntry';
import { dbscanEntry } from './dbscan/dbscanEntry';
import { kmeansEntry } from './kmeans/kmeansEntry';
import { kprototypesEntry } from './kprototypes/kprototypesEntry';
import { miniBatchKMeansEntry } from './minibatch/miniBatchKMeansEntry';
import { gaussianMixtureEntry } from './mixture/gaussianMixtureEntry';

/**
 * Every clustering algorithm seglab knows, registered once: `cluster.algorithm` and its params in the
 * run config, the cluster stage, saved models (by `kind`) and the contract tests read this.
 */
export const CLUSTERERS = new Registry('clustering algorithm', [kmeansEntry, miniBatchKMeansEntry, gaussianMixtureEntry, dbscanEntry, kprototypesEntry]);

/** The registered algorithm names, in registration order. */
export const CLUSTER_ALGORITHMS = CLUSTERERS.names;
export type ClusterAlgorithm = (typeof CLUSTER_ALGORITHMS)[number];

/** The entry of a name from outside (config, saved model), without its literal types; unknown names list the known ones. */
export function clustererEntry(name: unknown, where?: string): AnyClustererEntry {
  return CLUSTERERS.lookup(name, where) as unknown as AnyClustererEntry;
}

/** Every registered clusterer, without their literal types. */
export function clustererEntries(): readonly AnyClustererEntry[] {
  return CLUSTERERS.list() as unknown as readonly AnyClustererEntry[];
}
