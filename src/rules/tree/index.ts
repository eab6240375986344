export { DecisionTree, type DecisionTreeFitOptions } from './DecisionTree';
export {
  DECISION_TREE_SCHEMA_VERSION,
  DecisionTreeModel,
  type DecisionTreeJSON,
  type FittedDecisionTreeParams,
  type TreeLeaf,
  type TreePathStep,
} from './DecisionTreeModel';
export type { TreeStructure } from './TreeStructure';
export { defaultMinSamplesLeaf, decisionTreeParamsSchema, type DecisionTreeParams, type ResolvedDecisionTreeParams } from './treeParams';
export { CLASSIFIERS } from './classifiers';
export type { ClassifierEntry, FittedClassifier } from './ClassifierEntry';
