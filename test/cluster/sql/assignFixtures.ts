// Shared by the assignment tests (DuckDB here, ClickHouse in test/engine/assign.test.ts): fit every compiled
// clustering on a prepared input, and compare an engine's labels with predict, counting near ties.
import { join } from 'node:path';
import { Matrix } from '../../../src/core/Matrix';
import type { Row } from '../../../src/data/DuckSession';
import { GaussianMixture } from '../../../src/cluster/mixture/GaussianMixture';
import { KMeans } from '../../../src/cluster/kmeans/KMeans';
import { MiniBatchKMeans } from '../../../src/cluster/minibatch/MiniBatchKMeans';
import type { KMeansModel } from '../../../src/cluster/kmeans/KMeansModel';
import type { MiniBatchKMeansModel } from '../../../src/cluster/minibatch/MiniBatchKMeansModel';
import type { GaussianMixtureModel } from '../../../src/cluster/mixture/GaussianMixtureModel';
import { COVARIANCE_TYPES } from '../../../src/cluster/mixture/covarianceType';
import { CategoricalMatrix, MISSING_LEVEL, mixedMatrix } from '../../../src/cluster/CategoricalMatrix';
import { KPrototypes } from '../../../src/cluster/kprototypes/KPrototypes';
import type { KPrototypesModel } from '../../../src/cluster/kprototypes/KPrototypesModel';

export const SAMPLE_DIR = join(__dirname, '..', '..', '..', 'data', 'sample');

export type AssignedModel = KMeansModel | MiniBatchKMeansModel | GaussianMixtureModel;

/** k-means, mini-batch k-means and a Gaussian mixture of every covariance type, fitted on X. */
export function fitEveryModel(X: Matrix, k: number): { name: string; model: AssignedModel }[] {
  return [
    { name: 'kmeans', model: new KMeans({ k, seed: 7, nInit: 2 }).fit(X) },
    { name: 'minibatch-kmeans', model: new MiniBatchKMeans({ k, seed: 7, batchSize: 256 }).fit(X) },
    ...COVARIANCE_TYPES.map((covarianceType) => ({ name: `gmm ${covarianceType}`, model: new GaussianMixture({ k, covarianceType, seed: 7, nInit: 1, maxIter: 30 }).fit(X) as AssignedModel })),
  ];
}

/**
 * k-prototypes on the prepared numeric columns and text columns (NULL as the level "(missing)", as the
 * cluster stage encodes them): the model, predict's labels and each row's tie gap (relative, as tieGaps).
 */
export function fitKPrototypes(X: Matrix, categorical: Readonly<Record<string, readonly (string | null)[]>>, k: number): { model: KPrototypesModel; predicted: Int32Array; gaps: Float64Array } {
  const mixed = mixedMatrix(X, CategoricalMatrix.fromColumns(categorical, { missing: 'level' }));
  const model = new KPrototypes({ k, seed: 7, nInit: 1 }).fit(mixed);
  const cols = model.categoricalColumns.map((c) => categorical[c]!.map((v) => v ?? MISSING_LEVEL));
  const gaps = new Float64Array(X.rows);
  const C = model.centroids.data;
  for (let i = 0; i < X.rows; i++) {
    const costs = Array.from({ length: model.k }, (_, c) => {
      let d = 0;
      for (let j = 0; j < X.cols; j++) d += (X.data[i * X.cols + j]! - C[c * X.cols + j]!) ** 2;
      return d + model.gamma * cols.filter((col, j) => col[i] !== model.modes[c]![j]).length;
    }).sort((a, b) => a - b);
    gaps[i] = costs.length > 1 ? (costs[1]! - costs[0]!) / Math.max(costs[0]!, 1e-300) : Infinity;
  }
  return { model, predicted: model.predict(mixed), gaps };
}

/**
 * How far row i is from a tie: for centre models the gap between the two smallest squared distances
 * relative to the smaller; for mixtures the gap between the two largest log densities (log w + log N).
 */
export function tieGaps(model: AssignedModel, X: Matrix): Float64Array {
  const n = X.rows;
  const gaps = new Float64Array(n);
  if (model.kind === 'gmm') {
    const p = model.predictProba(X);
    for (let i = 0; i < n; i++) {
      const row = Array.from(p.data.subarray(i * model.k, (i + 1) * model.k)).map(Math.log).sort((a, b) => b - a);
      gaps[i] = row.length > 1 ? row[0]! - row[1]! : Infinity;
    }
    return gaps;
  }
  const dist = model.transform(X);
  for (let i = 0; i < n; i++) {
    const row = Array.from(dist.data.subarray(i * model.k, (i + 1) * model.k)).map((v) => v * v).sort((a, b) => a - b);
    gaps[i] = row.length > 1 ? (row[1]! - row[0]!) / Math.max(row[0]!, 1e-300) : Infinity;
  }
  return gaps;
}

/** A gap below this is a near tie: LN(1 + x) for log1p, or 1e-9-equal features, may move such a row. */
export const NEAR_TIE = 1e-9;

export interface LabelComparison {
  rows: number;
  /** Customers whose engine label differs from predict, with their tie gap. */
  mismatches: { id: string; predicted: number; engine: number | null; gap: number }[];
  /** Customers within NEAR_TIE of a tie (whether or not they moved). */
  nearTies: number;
}

/** Compare the engine's (id, segment) rows with predict's labels of the same ids. */
export function compareLabels(ids: readonly string[], predicted: Int32Array, gaps: Float64Array, rows: readonly Row[], segment = 'segment'): LabelComparison {
  const byId = new Map(rows.map((r) => [String(r.customer_id), r[segment] === null || r[segment] === undefined ? null : Number(r[segment])]));
  const mismatches: LabelComparison['mismatches'] = [];
  let nearTies = 0;
  ids.forEach((id, i) => {
    if (gaps[i]! < NEAR_TIE) nearTies++;
    const engine = byId.has(id) ? byId.get(id)! : null;
    if (engine !== predicted[i]) mismatches.push({ id, predicted: predicted[i]!, engine, gap: gaps[i]! });
  });
  return { rows: rows.length, mismatches, nearTies };
}
