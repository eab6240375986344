import { z } from 'zod';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import { checkMatrix } from '../../core/checkMatrix';
import { savedJsonError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { parseSavedJson } from '../../core/parseSavedJson';
import { refuseInfinity } from './refuseInfinity';
import type { TreeStructure } from './TreeStructure';

/** Saved trees start with this; bump it when the JSON shape changes. */
export const DECISION_TREE_SCHEMA_VERSION = 1;

/** The parameters a fitted tree was grown with (minSamplesLeaf resolved to the number used). */
export interface FittedDecisionTreeParams {
  maxDepth: number;
  minSamplesLeaf: number;
  minImpurityDecrease: number;
  maxThresholds: number;
  seed: number;
  /** Columns whose NaN reads as +Infinity (fields in days); the others read NaN as 0. */
  missingAsInfinity: string[];
  /** Gini tolerance within which the most distinctive feature is preferred (0: off). */
  distinctiveWithin: number;
}

/** The params as saved: missingAsInfinity only when it lists a column (older trees have none). */
function savedParams(p: FittedDecisionTreeParams): DecisionTreeJSON['params'] {
  const { missingAsInfinity, distinctiveWithin, ...rest } = p;
  return { ...rest, ...(missingAsInfinity.length ? { missingAsInfinity: [...missingAsInfinity] } : {}), ...(distinctiveWithin > 0 ? { distinctiveWithin } : {}) };
}

/** Per column, the value a missing value (NaN) reads as: +Infinity for the columns listed, else 0. */
export function missingValues(columns: readonly string[], missingAsInfinity: readonly string[]): Float64Array {
  return Float64Array.from(columns, (c) => (missingAsInfinity.includes(c) ? Infinity : 0));
}

/** One step of a root-to-leaf path. */
export interface TreePathStep {
  feature: number;
  featureName: string;
  /** '<=': the row went left (x <= threshold); '>': right. */
  op: '<=' | '>';
  threshold: number;
}

/** A leaf: how a row gets there and what it predicts. */
export interface TreeLeaf {
  node: number;
  /** Predicted class label (a segment id). */
  label: number;
  path: TreePathStep[];
  /** Training rows in the leaf (unweighted). */
  nSamples: number;
  /** Training weight in the leaf. */
  weight: number;
  /** Weighted training share of each class, aligned with the model's `classes`. */
  classWeights: number[];
  /** Share of the leaf's weight that has the predicted label. */
  purity: number;
}

const jsonSchema = z
  .object({
    schemaVersion: z.literal(DECISION_TREE_SCHEMA_VERSION),
    kind: z.literal('decision-tree'),
    params: z
      .object({
        maxDepth: z.number().int().min(0),
        minSamplesLeaf: z.number().int().min(1),
        minImpurityDecrease: z.number().finite().min(0),
        maxThresholds: z.number().int().min(1),
        seed: z.number().int(),
        missingAsInfinity: z.array(z.string()).optional(),
        distinctiveWithin: z.number().min(0).max(1).optional(),
      })
      .strict(),
    featureNames: z.array(z.string()),
    classes: z.array(z.number().int()).min(1),
    featureImportances: z.array(z.number().finite()),
    nodes: z
      .object({
        feature: z.array(z.number().int().min(-1)),
        threshold: z.array(z.number().finite()),
        left: z.array(z.number().int().min(-1)),
        right: z.array(z.number().int().min(-1)),
        value: z.array(z.array(z.number().finite().min(0))),
        nSamples: z.array(z.number().int().min(0)),
        impurity: z.array(z.number().finite()),
      })
      .strict(),
  })
  .strict();
export type DecisionTreeJSON = z.infer<typeof jsonSchema>;

/**
 * A fitted CART classifier. Rows go left when `x <= threshold`; a missing value (NaN) is read as 0,
 * the same as a missing number in a segment rule's comparison, or as +Infinity in the columns of
 * params.missingAsInfinity (fields in days), so extracted rules reproduce predict.
 */
export class DecisionTreeModel {
  readonly kind = 'decision-tree' as const;
  /** Labels in class-index order (ascending). */
  readonly classes: Int32Array;
  /** Weighted Gini decrease per feature, summing to 1 (all 0 when the tree is one leaf). */
  readonly featureImportances: Float64Array;
  /** Per feature, the value NaN reads as. */
  private readonly missing: Float64Array;

  constructor(
    readonly params: FittedDecisionTreeParams,
    readonly featureNames: readonly string[],
    classes: ArrayLike<number>,
    readonly tree: TreeStructure,
    featureImportances: ArrayLike<number>,
  ) {
    this.classes = Int32Array.from(classes);
    this.featureImportances = Float64Array.from(featureImportances);
    this.missing = missingValues(featureNames, params.missingAsInfinity);
  }

  get nodeCount(): number {
    return this.tree.feature.length;
  }

  /** Deepest leaf's depth (0 for a single leaf). */
  get depth(): number {
    const walk = (t: number): number => (this.tree.feature[t]! < 0 ? 0 : 1 + Math.max(walk(this.tree.left[t]!), walk(this.tree.right[t]!)));
    return walk(0);
  }

  /** Class index a node predicts: the heaviest class, ties to the lowest index. */
  nodeClass(t: number): number {
    const K = this.classes.length;
    let best = 0;
    for (let k = 1; k < K; k++) if (this.tree.value[t * K + k]! > this.tree.value[t * K + best]!) best = k;
    return best;
  }

  /** The leaf each row reaches. */
  apply(X: Matrix): Int32Array {
    this.checkColumns(X);
    const { feature, threshold, left, right } = this.tree;
    const { rows, cols, data } = X;
    const missing = this.missing;
    const out = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      let t = 0;
      const off = i * cols;
      for (;;) {
        const f = feature[t]!;
        if (f < 0) break;
        const raw = data[off + f]!;
        const v = raw === raw ? raw : missing[f]!;
        t = v <= threshold[t]! ? left[t]! : right[t]!;
      }
      out[i] = t;
    }
    return out;
  }

  /** Predicted label (segment id) per row. */
  predict(X: Matrix): Int32Array {
    const leaf = this.apply(X);
    const labelOf = new Int32Array(this.nodeCount);
    for (let t = 0; t < this.nodeCount; t++) labelOf[t] = this.classes[this.nodeClass(t)]!;
    const out = new Int32Array(leaf.length);
    for (let i = 0; i < leaf.length; i++) out[i] = labelOf[leaf[i]!]!;
    return out;
  }

  /** Every leaf, left to right, with its path from the root. */
  leaves(): TreeLeaf[] {
    const out: TreeLeaf[] = [];
    const K = this.classes.length;
    const { feature, threshold, left, right, value, nSamples } = this.tree;
    const walk = (t: number, path: TreePathStep[]): void => {
      const f = feature[t]!;
      if (f >= 0) {
        const step = { feature: f, featureName: this.featureNames[f]!, threshold: threshold[t]! };
        walk(left[t]!, [...path, { ...step, op: '<=' }]);
        walk(right[t]!, [...path, { ...step, op: '>' }]);
        return;
      }
      const classWeights = Array.from(value.subarray(t * K, (t + 1) * K));
      const weight = classWeights.reduce((a, b) => a + b, 0);
      const k = this.nodeClass(t);
      out.push({ node: t, label: this.classes[k]!, path, nSamples: nSamples[t]!, weight, classWeights, purity: weight > 0 ? classWeights[k]! / weight : 0 });
    };
    walk(0, []);
    return out;
  }

  toJSON(): DecisionTreeJSON {
    const K = this.classes.length;
    const t = this.tree;
    return {
      schemaVersion: DECISION_TREE_SCHEMA_VERSION,
      kind: this.kind,
      params: savedParams(this.params),
      featureNames: [...this.featureNames],
      classes: Array.from(this.classes),
      featureImportances: Array.from(this.featureImportances),
      nodes: {
        feature: Array.from(t.feature),
        threshold: Array.from(t.threshold),
        left: Array.from(t.left),
        right: Array.from(t.right),
        value: Array.from({ length: this.nodeCount }, (_, i) => Array.from(t.value.subarray(i * K, (i + 1) * K))),
        nSamples: Array.from(t.nSamples),
        impurity: Array.from(t.impurity),
      },
    };
  }

  /** Restore a saved tree (object or JSON text); a malformed field or a broken node link is named in the error. */
  static fromJSON(json: unknown): DecisionTreeModel {
    const j = parseSavedJson(jsonSchema, json, 'DecisionTree');
    const nodes = j.nodes;
    const m = nodes.feature.length;
    const K = j.classes.length;
    const bad = (msg: string): never => {
      throw savedJsonError('DecisionTree', msg);
    };
    if (m === 0) bad('nodes is empty');
    for (const key of ['threshold', 'left', 'right', 'value', 'nSamples', 'impurity'] as const) {
      if (nodes[key].length !== m) bad(`nodes.${key} has ${nodes[key].length} entries, expected ${m}`);
    }
    if (j.featureImportances.length !== j.featureNames.length) bad(`featureImportances has ${j.featureImportances.length} entries, expected ${j.featureNames.length}`);
    for (let t = 0; t < m; t++) {
      const f = nodes.feature[t]!;
      if (nodes.value[t]!.length !== K) bad(`nodes.value[${t}] has ${nodes.value[t]!.length} entries, expected ${K}`);
      if (f >= j.featureNames.length) bad(`nodes.feature[${t}] = ${f} but there are ${j.featureNames.length} features`);
      if (f >= 0 && !(nodes.left[t]! > t && nodes.left[t]! < m && nodes.right[t]! > t && nodes.right[t]! < m)) bad(`node ${t} has children outside ${t + 1}..${m - 1}`);
    }
    const unknown = (j.params.missingAsInfinity ?? []).filter((c) => !j.featureNames.includes(c));
    if (unknown.length) bad(`params.missingAsInfinity names ${unknown.join(', ')}, not features`);
    return new DecisionTreeModel(
      { ...j.params, missingAsInfinity: j.params.missingAsInfinity ?? [], distinctiveWithin: j.params.distinctiveWithin ?? 0 },
      j.featureNames,
      j.classes,
      {
        feature: Int32Array.from(nodes.feature),
        threshold: Float64Array.from(nodes.threshold),
        left: Int32Array.from(nodes.left),
        right: Int32Array.from(nodes.right),
        value: Float64Array.from(nodes.value.flat()),
        nSamples: Int32Array.from(nodes.nSamples),
        impurity: Float64Array.from(nodes.impurity),
      },
      j.featureImportances,
    );
  }

  private checkColumns(X: Matrix): void {
    checkMatrix(X, 'DecisionTreeModel.predict');
    checkFittedColumns(X.columns, this.featureNames, 'DecisionTreeModel.predict');
    refuseInfinity(X, 'DecisionTreeModel.predict');
  }
}
