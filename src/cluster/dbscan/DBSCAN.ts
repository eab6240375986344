import { Matrix } from '../../core/Matrix';
import { silentProgress } from '../../core/progress';
import { NOISE, type FitOptions } from '../ClusterModel';
import { resolveDBSCANParams, type DBSCANParams, type ResolvedDBSCANParams } from './dbscanParams';
import { DBSCANModel } from './DBSCANModel';
import { KDTree } from './KDTree';
import { validateClusterInput, validateSampleWeight } from '../validateClusterInput';

export type { DBSCANParams };

/**
 * Density-based clustering, exactly as scikit-learn's DBSCAN with the Euclidean metric: a row is a
 * core point when the total weight of the rows within eps of it (itself included) is >= minSamples;
 * clusters are the connected groups of core points (two cores within eps are connected) plus every
 * non-core row within eps of one of their cores. Clusters are numbered in the order of their first
 * core point by row; a border row reachable from several clusters joins the lowest-numbered one (the
 * first to reach it); rows reachable from none are NOISE (-1). Labels equal scikit-learn's.
 *
 * Uses a k-d tree: memory O(n), no neighbourhood lists are stored (each core row's neighbours are
 * listed once while its cluster grows).
 */
export class DBSCAN {
  readonly params: ResolvedDBSCANParams;

  /** Validates params against dbscanParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: DBSCANParams) {
    this.params = resolveDBSCANParams(params);
  }

  fit(X: Matrix, options: FitOptions = {}): DBSCANModel {
    const who = 'DBSCAN.fit';
    validateClusterInput(X, { who });
    const weight = validateSampleWeight(options.sampleWeight, X.rows, who);
    const progress = options.progress ?? silentProgress;
    const { eps, minSamples } = this.params;
    const { data, rows: n, cols } = X;
    const tree = new KDTree(data, n, cols, weight ? { weights: weight } : {});

    progress.start('DBSCAN: find core points', n);
    const core = new Uint8Array(n);
    let nCore = 0;
    for (let i = 0; i < n; i++) {
      // Only "at least minSamples" matters, so the count may stop early.
      if (tree.countWithin(data, i * cols, eps, minSamples) >= minSamples) {
        core[i] = 1;
        nCore++;
      }
      if ((i & 4095) === 4095) progress.update(i + 1);
    }
    progress.end(`${nCore.toLocaleString('en-US')} core points of ${n.toLocaleString('en-US')}`);

    progress.start('DBSCAN: grow clusters', nCore);
    const labels = new Int32Array(n).fill(NOISE);
    // The tree's active set is exactly the unlabelled rows: a core row's query returns only rows no
    // cluster has reached yet and skips labelled regions. Each row is labelled (and pushed) once.
    tree.resetActive();
    const stack = new Int32Array(n);
    let k = 0;
    let grown = 0;
    for (let i = 0; i < n; i++) {
      if (!core[i] || labels[i] !== NOISE) continue;
      const label = k++;
      labels[i] = label;
      tree.deactivate(i);
      let sp = 0;
      stack[sp++] = i;
      while (sp > 0) {
        const c = stack[--sp]!;
        const reached = tree.takeWithin(data, c * cols, eps);
        for (let t = 0; t < reached.length; t++) {
          const v = reached[t]!;
          labels[v] = label;
          if (core[v]) stack[sp++] = v;
        }
        if ((++grown & 4095) === 0) progress.update(grown);
      }
    }
    let noise = 0;
    for (let i = 0; i < n; i++) if (labels[i] === NOISE) noise++;
    progress.end(`${k} cluster${k === 1 ? '' : 's'}, ${noise.toLocaleString('en-US')} noise rows`);

    const coreSampleIndices = new Int32Array(nCore);
    const components = new Float64Array(nCore * cols);
    for (let i = 0, c = 0; i < n; i++) {
      if (!core[i]) continue;
      coreSampleIndices[c] = i;
      components.set(data.subarray(i * cols, (i + 1) * cols), c * cols);
      c++;
    }
    return new DBSCANModel({ ...this.params }, [...X.columns], k, labels, coreSampleIndices, new Matrix(components, nCore, cols, [...X.columns]));
  }
}
