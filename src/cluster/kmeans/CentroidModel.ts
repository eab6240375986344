import { checkMatrix } from '../../core/checkMatrix';
import { z } from 'zod';
import { savedJsonError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import type { ClusterModel } from '../ClusterModel';
import { nearestTwo, sqDist } from './kmeansKernels';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import { validateClusterInput } from '../validateClusterInput';

/** What a centroid fit (k-means, mini-batch k-means) hands its model. */
export interface CentroidFit {
  columns: readonly string[];
  /** k×d centres in the input's units, columns named like the input. */
  centroids: Matrix;
  labels: Int32Array;
  /** Weighted sum of squared distances from each training row to its centre. */
  inertia: number;
}

/**
 * A clustering described by its centres: a row belongs to the nearest centre (Euclidean, lowest
 * index on ties). Shared by KMeansModel and MiniBatchKMeansModel, which add their params and fit details.
 */
export abstract class CentroidModel implements ClusterModel {
  abstract readonly kind: 'kmeans' | 'minibatch-kmeans';
  readonly k: number;
  readonly columns: readonly string[];
  readonly centroids: Matrix;
  readonly labels: Int32Array;
  readonly inertia: number;

  protected constructor(fit: CentroidFit) {
    this.k = fit.centroids.rows;
    this.columns = [...fit.columns];
    this.centroids = fit.centroids;
    this.labels = fit.labels;
    this.inertia = fit.inertia;
  }

  /** Nearest centre of every row of X (same columns, names and order, as the training data). */
  predict(X: Matrix): Int32Array {
    this.checkInput(X, `${this.modelName}.predict`);
    const { data, rows, cols } = X;
    const out = new Int32Array(rows);
    const C = this.centroids.data;
    const scratch = new Float64Array(4);
    for (let i = 0; i < rows; i++) out[i] = nearestTwo(data, i * cols, C, this.k, cols, scratch);
    return out;
  }

  /** Euclidean distance from every row of X to every centre (rows × k, columns distance_0 … distance_{k-1}). */
  transform(X: Matrix): Matrix {
    this.checkInput(X, `${this.modelName}.transform`);
    const { data, rows, cols } = X;
    const k = this.k;
    const out = new Float64Array(rows * k);
    const C = this.centroids.data;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < k; j++) out[i * k + j] = Math.sqrt(sqDist(data, i * cols, C, j * cols, cols));
    }
    return new Matrix(out, rows, k, Array.from({ length: k }, (_, j) => `distance_${j}`));
  }

  private get modelName(): string {
    return this.kind === 'kmeans' ? 'KMeansModel' : 'MiniBatchKMeansModel';
  }

  abstract toJSON(): { schemaVersion: number; kind: string; [key: string]: unknown };

  /** The fields every centroid model saves. */
  protected centroidJson(): CentroidJson {
    return {
      columns: [...this.columns],
      centroids: this.centroids.toRows(),
      labels: Array.from(this.labels),
      inertia: this.inertia,
    };
  }

  private checkInput(X: Matrix, who: string): void {
    checkMatrix(X, who);
    checkFittedColumns(X.columns, this.columns, who);
    // New rows may hold one value in a column; they only need to be finite.
    if (X.rows > 0) validateClusterInput(X, { who, allowConstantColumns: true });
  }
}

const finite = z.number().finite();

/** zod fields of the saved centroid model (beside schemaVersion, kind and params). */
export const centroidJsonFields = {
  columns: z.array(z.string()).min(1),
  centroids: z.array(z.array(finite)).min(1),
  labels: z.array(z.number().int().min(0)),
  inertia: finite.min(0),
};
export interface CentroidJson {
  columns: string[];
  centroids: number[][];
  labels: number[];
  inertia: number;
}


/** Check the parts of a saved centroid model against each other and rebuild them. */
export function restoreCentroidFit(j: CentroidJson, k: number, name: string): CentroidFit {
  const bad = (msg: string): never => {
    throw savedJsonError(name, msg);
  };
  const d = j.columns.length;
  if (j.centroids.length !== k) bad(`centroids has ${j.centroids.length} rows, expected k=${k}`);
  j.centroids.forEach((row, r) => {
    if (row.length !== d) bad(`centroids.${r} has ${row.length} values, expected one per column (${d})`);
  });
  j.labels.forEach((l, i) => {
    if (l >= k) bad(`labels.${i} is ${l}, expected a cluster in 0..${k - 1}`);
  });
  return {
    columns: j.columns,
    centroids: new Matrix(Float64Array.from(j.centroids.flat()), k, d, j.columns),
    labels: Int32Array.from(j.labels),
    inertia: j.inertia,
  };
}
