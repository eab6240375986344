import { usageError } from './errors';

/**
 * New data has exactly the columns a model was fitted on (names and order): the one check every fitted model
 * (clusterers, transformers, PCA, the decision tree) makes; else a UsageError naming the first difference.
 */
export function checkFittedColumns(got: readonly string[], expected: readonly string[], who: string, subject = 'X'): void {
  if (got.length === expected.length && got.every((c, j) => c === expected[j])) return;
  const j = got.findIndex((c, i) => c !== expected[i]);
  const detail = got.length !== expected.length ? `${got.length} columns, expected ${expected.length}` : `column ${j + 1} is "${got[j]}", expected "${expected[j]}"`;
  throw usageError(who, `${subject} does not have the columns the model was fitted on (${detail}). Fitted on: ${expected.join(', ')}`);
}
