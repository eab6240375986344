import { typeName, usageError } from './errors';
import { Matrix } from './Matrix';

/** The argument is a Matrix: `<who>: X must be a Matrix (got <type>).` otherwise. */
export function checkMatrix(X: unknown, who: string, name = 'X'): asserts X is Matrix {
  if (!(X instanceof Matrix)) throw usageError(who, `${name} must be a Matrix (got ${typeName(X)})`);
}
