export { evaluateRules, conditionMask, firstMatchingRule } from './evaluateRules';
export { extractRules, type ExtractedRules, type ExtractedSegmentStats, type ExtractRulesOptions, type RuleSet } from './extractRules';
export { fidelityReport, type FidelityOptions, type FidelityReport, type SegmentFidelity } from './fidelityReport';
export { niceCandidates, roundingKind, type RoundingKind } from './niceValues';
export { pathBounds, pathCondition, rangeConditions, type FieldBounds } from './pathConditions';
export { roundThresholds, type KeptThreshold, type RoundedRules, type RoundThresholdsOptions, type ThresholdChange } from './roundThresholds';
export { stratifiedSplit, takeRows } from './stratifiedSplit';
export { DEFAULT_DISTINCTIVE_WITHIN, surrogateRules, type SurrogateRulesParams, type SurrogateRulesResult } from './surrogateRules';
