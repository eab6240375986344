import { parseSavedJson } from '../../core/parseSavedJson';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import { z } from 'zod';
import { savedJsonError, typeName, usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { mixedMatrix, type MixedMatrix } from '../CategoricalMatrix';
import { CLUSTER_SCHEMA_VERSION, type ClusterModel } from '../ClusterModel';
import { assignNearest, mixedData } from './KPrototypesData';
import { kprototypesParamsSchema, resolveKPrototypesParams, type ResolvedKPrototypesParams } from './kprototypesParams';
import { KPROTOTYPES_GAMMA_RULES, type KPrototypesGammaRule } from './KPrototypesGammaRule';
import { validateClusterInput } from '../validateClusterInput';

const costPartsSchema = z.object({ numeric: z.number().finite().min(0), categorical: z.number().finite().min(0) }).strict();

const jsonSchema = z
  .object({
    schemaVersion: z.literal(CLUSTER_SCHEMA_VERSION),
    kind: z.literal('kprototypes'),
    params: kprototypesParamsSchema,
    numericColumns: z.array(z.string()).min(1),
    categoricalColumns: z.array(z.string()).min(1),
    levels: z.array(z.array(z.string())),
    gamma: z.number().finite().min(0),
    gammaRule: z.enum([...KPROTOTYPES_GAMMA_RULES, 'given']),
    costParts: costPartsSchema,
    oneClusterCost: costPartsSchema,
    movedByCategorical: z.number().int().min(0),
    centroids: z.array(z.array(z.number().finite())).min(1),
    modes: z.array(z.array(z.string())).min(1),
    cost: z.number().finite().min(0),
    nIter: z.number().int().min(0),
    converged: z.boolean(),
    labels: z.array(z.number().int().min(0)),
  })
  .strict();
export type KPrototypesJSON = z.infer<typeof jsonSchema>;

/** A k-prototypes cost in its two parts. */
export interface KPrototypesCostParts {
  numeric: number;
  categorical: number;
}

/** What fit (or fromJSON) hands the model. */
export interface KPrototypesFit {
  params: ResolvedKPrototypesParams;
  numericColumns: string[];
  categoricalColumns: string[];
  /** Training levels per categorical column; modeCodes index these. */
  levels: string[][];
  gamma: number;
  /** Where gamma came from: a rule applied to the training data, or the number given. */
  gammaRule: KPrototypesGammaRule | 'given';
  /** The cost split into its numeric part and its categorical part (gamma × weighted mismatches). */
  costParts: KPrototypesCostParts;
  /** The same two parts for one cluster holding every row: each part's total dispersion. */
  oneClusterCost: KPrototypesCostParts;
  /** Training rows whose prototype is not their nearest on the numeric columns alone (0: the categories changed nothing). */
  movedByCategorical: number;
  centroids: Matrix;
  /** k×m mode codes, row-major. */
  modeCodes: Int32Array;
  labels: Int32Array;
  cost: number;
  nIter: number;
  converged: boolean;
}

/**
 * A fitted k-prototypes model. Prototypes: `centroids` (numeric means, k × numeric columns) and
 * `modes` (level names, k × categorical columns). `predict` matches categories by level NAME, so a
 * dataset whose levels are ordered or coded differently predicts the same; a level never seen in
 * training matches no mode and so counts as a mismatch against every cluster.
 */
export class KPrototypesModel implements ClusterModel<MixedMatrix> {
  readonly kind = 'kprototypes' as const;
  readonly params: ResolvedKPrototypesParams;
  readonly k: number;
  /** Numeric columns, then categorical columns. */
  readonly columns: readonly string[];
  readonly numericColumns: readonly string[];
  readonly categoricalColumns: readonly string[];
  readonly levels: readonly (readonly string[])[];
  /** Cost of one categorical mismatch used in the fit. */
  readonly gamma: number;
  readonly gammaRule: KPrototypesGammaRule | 'given';
  /** `cost` split into the numeric part and the categorical part (gamma × weighted mismatches). */
  readonly costParts: KPrototypesCostParts;
  /** Both parts for a single cluster of every row (the data's dispersion): how much each part the clusters explain. */
  readonly oneClusterCost: KPrototypesCostParts;
  /** Training rows whose prototype is not their nearest on the numeric columns alone; 0 means the clusters are k-means'. */
  readonly movedByCategorical: number;
  readonly centroids: Matrix;
  /** Mode of every categorical column per cluster, as level names. */
  readonly modes: readonly (readonly string[])[];
  readonly labels: Int32Array;
  /** Σ weight × (squared Euclidean distance + gamma × mismatches) of each row to its prototype. */
  readonly cost: number;
  /** Passes over the data in the best restart, and whether it converged before maxIter. */
  readonly nIter: number;
  readonly converged: boolean;
  private readonly modeCodes: Int32Array;
  private readonly levelIndex: Map<string, number>[];

  constructor(fit: KPrototypesFit) {
    this.params = fit.params;
    this.k = fit.centroids.rows;
    this.numericColumns = fit.numericColumns;
    this.categoricalColumns = fit.categoricalColumns;
    this.columns = [...fit.numericColumns, ...fit.categoricalColumns];
    this.levels = fit.levels;
    this.gamma = fit.gamma;
    this.gammaRule = fit.gammaRule;
    this.costParts = fit.costParts;
    this.oneClusterCost = fit.oneClusterCost;
    this.movedByCategorical = fit.movedByCategorical;
    this.centroids = fit.centroids;
    this.modeCodes = fit.modeCodes;
    const m = fit.categoricalColumns.length;
    this.modes = Array.from({ length: this.k }, (_, c) => Array.from({ length: m }, (_, j) => fit.levels[j]![fit.modeCodes[c * m + j]!]!));
    this.labels = fit.labels;
    this.cost = fit.cost;
    this.nIter = fit.nIter;
    this.converged = fit.converged;
    this.levelIndex = fit.levels.map((l) => new Map(l.map((name, c) => [name, c])));
  }

  /** Each part's share of the cost (numeric + categorical = 1). */
  get costShare(): KPrototypesCostParts {
    const total = this.costParts.numeric + this.costParts.categorical;
    return total > 0 ? { numeric: this.costParts.numeric / total, categorical: this.costParts.categorical / total } : { numeric: 0, categorical: 0 };
  }

  /** Nearest prototype of every row (equal costs: the lower cluster); the training rows get `labels`. */
  predict(X: MixedMatrix): Int32Array {
    const who = 'KPrototypesModel.predict';
    if (X === null || typeof X !== 'object') throw usageError(who, `X must be a MixedMatrix { numeric, categorical } (got ${typeName(X)})`);
    mixedMatrix(X.numeric, X.categorical, who);
    checkFittedColumns(X.numeric.columns, this.numericColumns, who, 'the numeric part');
    checkFittedColumns(X.categorical.columns, this.categoricalColumns, who, 'the categorical part');
    const n = X.numeric.rows;
    if (n === 0) return new Int32Array(0);
    validateClusterInput(X.numeric, { who, allowConstantColumns: true });
    // Translate the input's codes to the model's through level names; unseen levels become -1.
    const m = this.categoricalColumns.length;
    const maps = X.categorical.levels.map((levels, j) => Int32Array.from(levels, (name) => this.levelIndex[j]!.get(name) ?? -1));
    const src = X.categorical.codes;
    const codes = new Int32Array(n * m);
    for (let i = 0; i < n * m; i++) codes[i] = maps[i % m]![src[i]!]!;
    const data = mixedData(X.numeric, codes, this.levels, null);
    const labels = new Int32Array(n);
    assignNearest(data, { centroids: this.centroids.data, modes: this.modeCodes }, this.k, this.gamma, labels);
    return labels;
  }

  toJSON(): KPrototypesJSON {
    return {
      schemaVersion: CLUSTER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params },
      numericColumns: [...this.numericColumns],
      categoricalColumns: [...this.categoricalColumns],
      levels: this.levels.map((l) => [...l]),
      gamma: this.gamma,
      gammaRule: this.gammaRule,
      costParts: { ...this.costParts },
      oneClusterCost: { ...this.oneClusterCost },
      movedByCategorical: this.movedByCategorical,
      centroids: this.centroids.toRows(),
      modes: this.modes.map((row) => [...row]),
      cost: this.cost,
      nIter: this.nIter,
      converged: this.converged,
      labels: Array.from(this.labels),
    };
  }

  /** Restore a saved model (object or JSON text); a malformed field is named in the error. */
  static fromJSON(json: unknown): KPrototypesModel {
    const j = parseSavedJson(jsonSchema, json, 'k-prototypes');
    const bad = (field: string, msg: string): never => {
      throw savedJsonError('k-prototypes', `${field}: ${msg}`);
    };
    const k = j.centroids.length;
    const p = j.numericColumns.length;
    const m = j.categoricalColumns.length;
    if (j.params.k !== k) bad('centroids', `${k} rows, expected params.k = ${j.params.k}`);
    if (j.modes.length !== k) bad('modes', `${j.modes.length} rows, expected one per cluster (${k})`);
    if (j.levels.length !== m) bad('levels', `${j.levels.length} lists, expected one per categorical column (${m})`);
    const names = [...j.numericColumns, ...j.categoricalColumns];
    if (new Set(names).size !== names.length) bad('categoricalColumns', 'column names must be unique across numeric and categorical');
    j.levels.forEach((l, c) => {
      if (new Set(l).size !== l.length) bad(`levels.${c}`, 'a level is listed twice');
    });
    j.centroids.forEach((row, c) => {
      if (row.length !== p) bad(`centroids.${c}`, `${row.length} values, expected one per numeric column (${p})`);
    });
    const modeCodes = new Int32Array(k * m);
    j.modes.forEach((row, c) => {
      if (row.length !== m) bad(`modes.${c}`, `${row.length} values, expected one per categorical column (${m})`);
      row.forEach((name, col) => {
        const code = j.levels[col]!.indexOf(name);
        if (code < 0) bad(`modes.${c}.${col}`, `"${name}" is not a level of column "${j.categoricalColumns[col]}"`);
        modeCodes[c * m + col] = code;
      });
    });
    const seen = new Uint8Array(k);
    j.labels.forEach((l, i) => {
      if (l >= k) bad(`labels.${i}`, `${l}, expected a cluster in 0..${k - 1}`);
      seen[l] = 1;
    });
    if (j.labels.length && seen.includes(0)) bad('labels', `cluster ${seen.indexOf(0)} has no row; no cluster may be empty`);
    return new KPrototypesModel({
      params: resolveKPrototypesParams(j.params, 'k-prototypes JSON'),
      numericColumns: j.numericColumns,
      categoricalColumns: j.categoricalColumns,
      levels: j.levels,
      gamma: j.gamma,
      gammaRule: j.gammaRule,
      costParts: j.costParts,
      oneClusterCost: j.oneClusterCost,
      movedByCategorical: j.movedByCategorical,
      centroids: new Matrix(Float64Array.from(j.centroids.flat()), k, p, j.numericColumns),
      modeCodes,
      labels: Int32Array.from(j.labels),
      cost: j.cost,
      nIter: j.nIter,
      converged: j.converged,
    });
  }
}
