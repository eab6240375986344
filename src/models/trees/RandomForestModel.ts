import { z } from 'zod';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import type { Matrix } from '../../core/Matrix';
import { parseSavedJson } from '../../core/parseSavedJson';
import type { FittedModel } from '../ModelEntry';
import { BinMapper } from './BinMapper';
import { HistTree, histTreeJsonSchema } from './HistTree';
import { TreeEnsemble } from './TreeEnsemble';
import { checkTreeMatrix } from './checkTreeInput';
import { randomForestParamsSchema, type ResolvedRandomForestParams } from './randomForestParams';

const KIND = 'RandomForestModel';
/** decisionFunction clamps the forest's probability to [ε, 1 − ε] so a unanimous forest has a finite log-odds. */
export const FOREST_PROBA_EPSILON = 1e-12;

const modelJsonSchema = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.literal('random-forest'),
    featureNames: z.array(z.string()).min(1),
    params: randomForestParamsSchema,
    bins: z.object({ maxBins: z.number().int().min(2).max(255), edges: z.array(z.array(z.number())), categories: z.record(z.array(z.number().int())) }).strict(),
    trees: z.array(histTreeJsonSchema).min(1),
  })
  .strict();
export type RandomForestModelJSON = z.infer<typeof modelJsonSchema>;

/**
 * A fitted random forest: each leaf holds the (bootstrap-weighted) share of class 1 among its training
 * rows; predictProba is the mean over the trees, decisionFunction its log-odds (clamped to [ε, 1 − ε]).
 */
export class RandomForestModel implements FittedModel {
  readonly kind = 'random-forest' as const;
  private readonly ensemble: TreeEnsemble;

  constructor(
    readonly featureNames: readonly string[],
    readonly params: ResolvedRandomForestParams,
    readonly bins: BinMapper,
    readonly trees: readonly HistTree[],
    /** Threads that grew the trees (1 = the calling thread); not saved, the model is the same for any number. */
    readonly fitThreads = 1,
  ) {
    this.ensemble = new TreeEnsemble(trees, bins);
  }

  predictProba(X: Matrix): Float64Array {
    checkTreeMatrix(X, `${KIND}.predictProba`);
    checkFittedColumns(X.columns, this.featureNames, `${KIND}.predictProba`);
    return this.proba(X);
  }

  decisionFunction(X: Matrix): Float64Array {
    checkTreeMatrix(X, `${KIND}.decisionFunction`);
    checkFittedColumns(X.columns, this.featureNames, `${KIND}.decisionFunction`);
    const p = this.proba(X);
    for (let i = 0; i < p.length; i++) {
      const q = Math.min(1 - FOREST_PROBA_EPSILON, Math.max(FOREST_PROBA_EPSILON, p[i]!));
      p[i] = Math.log(q / (1 - q));
    }
    return p;
  }

  private proba(X: Matrix): Float64Array {
    const s = this.ensemble.sum(X);
    const T = this.trees.length;
    for (let i = 0; i < s.length; i++) s[i] = Math.min(1, Math.max(0, s[i]! / T));
    return s;
  }

  toJSON(): RandomForestModelJSON {
    return {
      schemaVersion: 1,
      kind: this.kind,
      featureNames: [...this.featureNames],
      params: { ...this.params, categoricalFeatures: [...this.params.categoricalFeatures] },
      bins: this.bins.toJSON(),
      trees: this.trees.map((t) => t.toJSON()),
    };
  }

  static fromJSON(json: unknown): RandomForestModel {
    const j = parseSavedJson(modelJsonSchema, json, KIND);
    const F = j.featureNames.length;
    const bins = BinMapper.fromJSON(j.bins, F, KIND);
    return new RandomForestModel(j.featureNames, j.params, bins, j.trees.map((t, k) => HistTree.fromJSON(t, F, KIND, `trees[${k}]`)));
  }
}
