import { inputError, typeName, usageError } from '../core/errors';
import type { BinaryLabels } from './ModelEntry';

/**
 * The labels of a churn / propensity fit: one per row of X, each exactly 0 or 1, and both classes present.
 * A bad value names its 1-based row; a single class says which and how to fix the label. Returns them as
 * a Uint8Array, which the inner loops trust.
 */
export function checkBinaryLabels(y: BinaryLabels, rows: number, who: string, name = 'y'): Uint8Array {
  if (y === null || typeof y !== 'object' || typeof (y as { length?: unknown }).length !== 'number') throw usageError(who, `${name} must be an array of 0/1 labels (got ${typeName(y)})`);
  if (y.length !== rows) throw usageError(who, `${name} has ${y.length} labels, X has ${rows} rows`, 'pass one label per row of X');
  const out = new Uint8Array(rows);
  let ones = 0;
  for (let i = 0; i < rows; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) {
      throw inputError({
        summary: `${who}: ${name} row ${i + 1} is ${JSON.stringify(v) ?? String(v)}; a churn / propensity label is 0 (no event) or 1 (the event).`,
        check: 'label-not-binary',
        what: `label ${JSON.stringify(v) ?? String(v)} is not 0 or 1`,
        where: { column: name, row: i + 1 },
        fix: 'encode the target as 1 for the event (churned, responded) and 0 otherwise',
      });
    }
    out[i] = v;
    ones += v;
  }
  if (rows > 0 && (ones === 0 || ones === rows)) {
    const only = ones === 0 ? 0 : 1;
    throw inputError({
      summary: `${who}: ${name} contains a single class: ${only}; a model needs rows of both classes (0 and 1).`,
      check: 'single-class',
      what: `${name} contains a single class: ${only}`,
      where: { column: name },
      count: rows,
      share: 1,
      fix: only === 0 ? 'widen the label window or the training period so some rows have the event (1)' : 'check the label definition: every row has the event, so there is nothing to tell apart',
    });
  }
  return out;
}
