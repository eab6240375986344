import { basename } from 'node:path';
import { inputError } from '../../core/errors';
import { parseCondition, type Condition, type FieldTypes } from '../Condition';
import { conditionText } from '../conditionText';
import { simplifyCondition } from '../simplifyCondition';

/**
 * A hand-written condition as it ships: checked against the feature table's fields, then simplified with
 * fields in days reading a missing value as +Infinity, written out (simplifyCondition). A condition that
 * can match nobody (`pdays > 200 and pdays <= 200`) is refused with its path, never shipped.
 */
export function handWrittenCondition(condition: unknown, types: FieldTypes, daysFields: readonly string[], file: string, path: string): Condition {
  const parsed = parseCondition(condition, types, `${basename(file)}: ${path}`);
  const simple = simplifyCondition(parsed, { missingAsInfinity: daysFields });
  if (simple === false) {
    throw inputError({ summary: `${file}: ${path} can match nobody: ${conditionText(parsed)}.`, check: 'empty-rule', what: `no value meets ${conditionText(parsed)}`, where: { file, field: path }, fix: 'bounds on one field leave no value between them (e.g. x > 200 and x <= 200): fix the bounds or remove the rule' });
  }
  return simple;
}
