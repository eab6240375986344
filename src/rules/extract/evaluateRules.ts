import { usageError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { ColumnarScorer } from '../ColumnarScorer';
import { conditionFields, type Condition } from '../Condition';
import type { SegmentRule } from '../RuleBundle';

/**
 * Rows of a Matrix where a condition holds, as a 0/1 mask, on the Condition subset's semantics (the
 * ColumnarScorer's passes over the Matrix's columns): a missing number (NaN) counts as 0 in `<`, `<=`,
 * `>`, `>=`; missing equals nothing and is in no list. A Matrix holds numbers only, so a text literal
 * is refused: score text fields with ColumnarScorer on the feature table.
 */
export function conditionMask(condition: Condition, X: Matrix): Uint8Array {
  return scorerFor(X, conditionFields(condition)).mask(condition);
}

/** A scorer over the Matrix columns the rules read (only those are copied out of the row-major data). */
function scorerFor(X: Matrix, fields: readonly string[]): ColumnarScorer {
  const numeric: Record<string, Float64Array> = {};
  for (const field of fields) {
    const j = X.columns.indexOf(field);
    if (j < 0) throw usageError('evaluateRules', `the rules read "${field}", which is not a column of X (${X.columns.join(', ')})`);
    numeric[field] = X.column(j);
  }
  return new ColumnarScorer({ rowCount: X.rows, numeric, categorical: {} });
}

/** Index (in list order) of the first rule each row matches, -1 where none does. */
export function firstMatchingRule(rules: readonly SegmentRule[], X: Matrix): Int32Array {
  const n = X.rows;
  const out = new Int32Array(n).fill(-1);
  const fields: string[] = [];
  for (const rule of rules) conditionFields(rule.condition, fields);
  const scorer = scorerFor(X, fields);
  rules.forEach((rule, r) => {
    const m = scorer.mask(rule.condition);
    for (let i = 0; i < n; i++) if (out[i] === -1 && m[i]) out[i] = r;
  });
  return out;
}

/**
 * Segment id per row under first-match-wins: the first rule (in list order) whose condition holds,
 * else fallbackId. Numeric fields only (the Matrix's columns, looked up by name).
 */
export function evaluateRules(rules: readonly SegmentRule[], fallbackId: number, X: Matrix): Int32Array {
  const first = firstMatchingRule(rules, X);
  const out = new Int32Array(X.rows);
  for (let i = 0; i < out.length; i++) out[i] = first[i]! >= 0 ? rules[first[i]!]!.id : fallbackId;
  return out;
}
