// Public API of the rules layer (rules/ imports core/ only).
export * from './jsonLogic';
export * from './Condition';
export * from './RuleBundle';
export * from './bundleSchema';
export * from './bundleChecksum';
export * from './ColumnarScorer';
export * from './bundleGate';
export * from './diffBundles';
export * from './ruleSpec';
export * from './conditionText';
export * from './simplifyCondition';
export * from './explicitBundle';
export * from './compileBundle';
export * from './formatAgainst';
export * from './sql';
export * from './tree';
export * from './extract';
