import { Registry } from '../../core/Registry';
import type { ClassifierEntry } from './ClassifierEntry';
import { DecisionTree } from './DecisionTree';
import { DecisionTreeModel } from './DecisionTreeModel';
import { decisionTreeParamsSchema, type DecisionTreeParams } from './treeParams';

const decisionTree: ClassifierEntry<'decision-tree', typeof decisionTreeParamsSchema, DecisionTreeModel> = {
  name: 'decision-tree',
  description: 'CART with Gini impurity (deterministic, quantile cut points on large inputs): the surrogate that turns segment labels into readable threshold rules.',
  params: decisionTreeParamsSchema,
  accepts: 'numeric with labels',
  create: (params) => new DecisionTree(params as DecisionTreeParams),
  fromJSON: (json) => DecisionTreeModel.fromJSON(json),
};

/** Every classifier, registered once (the contract tests read this). */
export const CLASSIFIERS = new Registry('classifier', [decisionTree]);
