export { compileJsonLogic, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, MAX_DEPTH_LIMIT, type CompileJsonLogicOptions } from './compileJsonLogic';
export type { CompiledRule } from './Compiled';
export { InvalidRuleError, RuleLimitError, UnsupportedOperatorError } from './errors';
export { isJsonLogicOperator, JSON_LOGIC_OPERATORS, type JsonLogicOperator } from './operators';
export { truthy as jsonLogicTruthy } from './truthy';
