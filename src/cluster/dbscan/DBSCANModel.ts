import { checkMatrix } from '../../core/checkMatrix';
import { parseSavedJson } from '../../core/parseSavedJson';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import { z } from 'zod';
import { savedJsonError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { CLUSTER_SCHEMA_VERSION, NOISE, type ClusterModel } from '../ClusterModel';
import { dbscanParamsSchema, type ResolvedDBSCANParams } from './dbscanParams';
import { KDTree } from './KDTree';
import { validateClusterInput } from '../validateClusterInput';

const jsonSchema = z
  .object({
    schemaVersion: z.literal(CLUSTER_SCHEMA_VERSION),
    kind: z.literal('dbscan'),
    params: dbscanParamsSchema,
    columns: z.array(z.string()).min(1),
    k: z.number().int().min(0),
    labels: z.array(z.number().int().min(NOISE)),
    coreSampleIndices: z.array(z.number().int().min(0)),
    components: z.array(z.array(z.number().finite())),
  })
  .strict();
export type DBSCANJSON = z.infer<typeof jsonSchema>;

/**
 * A fitted DBSCAN. `labels` are the training rows' clusters (NOISE = -1 for noise), `components`
 * the core points (one row per entry of `coreSampleIndices`, in row order).
 *
 * `predict` is seglab's addition (scikit-learn's DBSCAN has none): a new row takes the label of its
 * nearest core point when that point is within eps (distance <= eps), else NOISE; equally near core
 * points resolve to the one with the lower training row. New rows never become core points and never
 * merge clusters, so predicting the training rows gives their labels except that a border row
 * within eps of cores of two clusters takes the nearer core's cluster rather than the first cluster.
 */
export class DBSCANModel implements ClusterModel {
  readonly kind = 'dbscan' as const;
  private tree: KDTree | undefined;
  private readonly coreLabels: Int32Array;

  constructor(
    readonly params: ResolvedDBSCANParams,
    readonly columns: readonly string[],
    /** Number of clusters, noise excluded. */
    readonly k: number,
    readonly labels: Int32Array,
    /** Training rows (0-based) that are core points, ascending. */
    readonly coreSampleIndices: Int32Array,
    /** The core points' values, one row per core point. */
    readonly components: Matrix,
  ) {
    this.coreLabels = coreSampleIndices.map((i) => labels[i]!);
  }

  /** Training rows labelled NOISE. */
  get noiseCount(): number {
    let c = 0;
    for (let i = 0; i < this.labels.length; i++) if (this.labels[i] === NOISE) c++;
    return c;
  }

  predict(X: Matrix): Int32Array {
    const who = 'DBSCANModel.predict';
    checkMatrix(X, who);
    checkFittedColumns(X.columns, this.columns, who);
    if (X.rows === 0) return new Int32Array(0);
    // A batch may legitimately hold one value in a column (or one row).
    validateClusterInput(X, { who, allowConstantColumns: true });
    const out = new Int32Array(X.rows).fill(NOISE);
    if (this.components.rows === 0) return out;
    this.tree ??= new KDTree(this.components.data, this.components.rows, this.components.cols);
    const eps2 = this.params.eps * this.params.eps;
    const { data, cols } = X;
    for (let i = 0; i < X.rows; i++) {
      const c = this.tree.nearestInto(data, i * cols, eps2);
      if (c >= 0) out[i] = this.coreLabels[c]!;
    }
    return out;
  }

  toJSON(): DBSCANJSON {
    return {
      schemaVersion: CLUSTER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params },
      columns: [...this.columns],
      k: this.k,
      labels: Array.from(this.labels),
      coreSampleIndices: Array.from(this.coreSampleIndices),
      components: this.components.toRows(),
    };
  }

  /** Restore a saved model (object or JSON text); a malformed field is named in the error. */
  static fromJSON(json: unknown): DBSCANModel {
    const j = parseSavedJson(jsonSchema, json, 'DBSCAN');
    const bad = (msg: string): never => {
      throw savedJsonError('DBSCAN', msg);
    };
    const n = j.labels.length;
    const p = j.columns.length;
    if (j.components.length !== j.coreSampleIndices.length) bad(`components has ${j.components.length} rows, expected one per core sample (${j.coreSampleIndices.length})`);
    j.components.forEach((row, r) => {
      if (row.length !== p) bad(`components.${r} has ${row.length} values, expected one per column (${p})`);
    });
    j.coreSampleIndices.forEach((i, r) => {
      if (i >= n) bad(`coreSampleIndices.${r} is ${i}, expected a row below labels.length (${n})`);
      if (r > 0 && i <= j.coreSampleIndices[r - 1]!) bad(`coreSampleIndices must be strictly ascending (entry ${r} is ${i})`);
      if (j.labels[i]! === NOISE) bad(`core sample ${i} (coreSampleIndices.${r}) is labelled noise`);
    });
    j.labels.forEach((l, i) => {
      if (l >= j.k) bad(`labels.${i} is ${l}, expected -1 (noise) or a cluster in 0..${j.k - 1}`);
    });
    // Every cluster grows from a core point, so each of 0..k-1 must label one.
    const hasCore = new Uint8Array(j.k);
    j.coreSampleIndices.forEach((i) => (hasCore[j.labels[i]!] = 1));
    const missing = hasCore.indexOf(0);
    if (missing >= 0) bad(`k is ${j.k} but no core sample is labelled ${missing}`);
    const components = new Matrix(Float64Array.from(j.components.flat()), j.components.length, p, j.columns);
    return new DBSCANModel(j.params, j.columns, j.k, Int32Array.from(j.labels), Int32Array.from(j.coreSampleIndices), components);
  }
}
