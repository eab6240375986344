import { assertUnreachable } from '../../core/assertUnreachable';
import type { Compiled } from './Compiled';
import { compileArithmetic } from './compileArithmetic';
import { compileFilter, compileMap, compileMerge, compileQuantifier, compileReduce } from './compileArrayOps';
import { compileComparison } from './compileComparison';
import { compileAnd, compileIf, compileNot, compileOr } from './compileLogic';
import { compileMissing, compileMissingSome } from './compileMissing';
import { compileCat, compileIn, compileSubstr } from './compileString';
import { compileVar } from './compileVar';
import type { OperatorArgs } from './OperatorArgs';
import type { JsonLogicOperator } from './operators';

/** Compile one operator node of a supported operator. */
export function compileOperator(op: JsonLogicOperator, args: OperatorArgs): Compiled {
  switch (op) {
    case 'var':
      return compileVar(args);
    case 'missing':
      return compileMissing(args);
    case 'missing_some':
      return compileMissingSome(args);
    case 'if':
    case '?:':
      return compileIf(args);
    case 'and':
      return compileAnd(args);
    case 'or':
      return compileOr(args);
    case '!':
      return compileNot(args, true);
    case '!!':
      return compileNot(args, false);
    case '==':
    case '===':
    case '!=':
    case '!==':
    case '>':
    case '>=':
    case '<':
    case '<=':
      return compileComparison(op, args);
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case 'min':
    case 'max':
      return compileArithmetic(op, args);
    case 'in':
      return compileIn(args);
    case 'cat':
      return compileCat(args);
    case 'substr':
      return compileSubstr(args);
    case 'merge':
      return compileMerge(args);
    case 'map':
      return compileMap(args);
    case 'filter':
      return compileFilter(args);
    case 'reduce':
      return compileReduce(args);
    case 'all':
    case 'none':
    case 'some':
      return compileQuantifier(op, args);
    default:
      return assertUnreachable(op, 'JSON Logic operator');
  }
}
