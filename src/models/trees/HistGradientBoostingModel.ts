import { z } from 'zod';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import type { Matrix } from '../../core/Matrix';
import { parseSavedJson } from '../../core/parseSavedJson';
import { savedJsonError } from '../../core/errors';
import type { FittedModel } from '../ModelEntry';
import { BinMapper } from './BinMapper';
import { HistTree, histTreeJsonSchema } from './HistTree';
import { TreeEnsemble } from './TreeEnsemble';
import { checkTreeMatrix } from './checkTreeInput';
import { histGradientBoostingParamsSchema, type ResolvedHistGradientBoostingParams } from './histGradientBoostingParams';

const KIND = 'HistGradientBoostingModel';

const binsJsonSchema = z.object({ maxBins: z.number().int().min(2).max(255), edges: z.array(z.array(z.number())), categories: z.record(z.array(z.number().int())) }).strict();

const modelJsonSchema = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.literal('hist-gradient-boosting'),
    featureNames: z.array(z.string()).min(1),
    params: histGradientBoostingParamsSchema,
    init: z.number().finite(),
    bins: binsJsonSchema,
    trees: z.array(histTreeJsonSchema),
    iterations: z.number().int().min(0),
    validationLoss: z.array(z.number()).nullable(),
  })
  .strict();
export type HistGradientBoostingModelJSON = z.infer<typeof modelJsonSchema>;

/**
 * A fitted gradient-boosted tree model (binary log loss): raw score = init (log-odds of the base rate)
 * + the sum of the trees' leaf values (learning rate included). Records the iterations it ran and,
 * when it stopped early, the validation log loss after each iteration (index 0: the init alone).
 */
export class HistGradientBoostingModel implements FittedModel {
  readonly kind = 'hist-gradient-boosting' as const;
  private readonly ensemble: TreeEnsemble;

  constructor(
    readonly featureNames: readonly string[],
    readonly params: ResolvedHistGradientBoostingParams,
    readonly init: number,
    readonly bins: BinMapper,
    readonly trees: readonly HistTree[],
    readonly validationLoss: readonly number[] | null,
    /** Threads that built the histograms (1 = the calling thread); not saved, the model is the same for any number. */
    readonly fitThreads = 1,
  ) {
    this.ensemble = new TreeEnsemble(trees, bins);
  }

  /** Boosting iterations run (one tree each). */
  get iterations(): number {
    return this.trees.length;
  }

  decisionFunction(X: Matrix): Float64Array {
    checkTreeMatrix(X, `${KIND}.decisionFunction`);
    checkFittedColumns(X.columns, this.featureNames, `${KIND}.decisionFunction`);
    const raw = this.ensemble.sum(X);
    for (let i = 0; i < raw.length; i++) raw[i]! += this.init;
    return raw;
  }

  predictProba(X: Matrix): Float64Array {
    const raw = this.decisionFunction(X);
    for (let i = 0; i < raw.length; i++) raw[i] = 1 / (1 + Math.exp(-raw[i]!));
    return raw;
  }

  toJSON(): HistGradientBoostingModelJSON {
    return {
      schemaVersion: 1,
      kind: this.kind,
      featureNames: [...this.featureNames],
      params: { ...this.params, categoricalFeatures: [...this.params.categoricalFeatures] },
      init: this.init,
      bins: this.bins.toJSON(),
      trees: this.trees.map((t) => t.toJSON()),
      iterations: this.trees.length,
      validationLoss: this.validationLoss ? [...this.validationLoss] : null,
    };
  }

  static fromJSON(json: unknown): HistGradientBoostingModel {
    const j = parseSavedJson(modelJsonSchema, json, KIND);
    const F = j.featureNames.length;
    if (j.iterations !== j.trees.length) throw savedJsonError(KIND, `iterations is ${j.iterations} but there are ${j.trees.length} trees`);
    const bins = BinMapper.fromJSON(j.bins, F, KIND);
    const trees = j.trees.map((t, k) => HistTree.fromJSON(t, F, KIND, `trees[${k}]`));
    return new HistGradientBoostingModel(j.featureNames, j.params, j.init, bins, trees, j.validationLoss);
  }
}
