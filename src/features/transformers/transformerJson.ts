import { z } from 'zod';
import { savedJsonError } from '../../core/errors';
import { parseSavedJson } from '../../core/parseSavedJson';
import { TRANSFORMER_SCHEMA_VERSION } from './Transformer';

/** Header every saved transformer starts with. */
export function jsonHeader<K extends string>(kind: K) {
  return { schemaVersion: z.literal(TRANSFORMER_SCHEMA_VERSION), kind: z.literal(kind) };
}

export const finiteArray = z.array(z.number().finite());
export const nameArray = z.array(z.string());

/** Parse saved JSON (object or string) with a schema; a mismatch names the field and what was expected. */
export function parseTransformerJson<S extends z.ZodTypeAny>(schema: S, json: unknown, kind: string): z.output<S> {
  return parseSavedJson(schema, json, kind);
}

/** Arrays that must line up with `columns` do. */
export function checkLengths(kind: string, columns: readonly string[], arrays: Record<string, readonly unknown[]>): void {
  for (const [name, arr] of Object.entries(arrays)) {
    if (arr.length !== columns.length) {
      throw savedJsonError(kind, `${name} has ${arr.length} values, expected one per column (${columns.length})`);
    }
  }
}

/** `columns` is a subset of `inputColumns`. */
export function checkSubset(kind: string, columns: readonly string[], inputColumns: readonly string[]): void {
  const missing = columns.filter((c) => !inputColumns.includes(c));
  if (missing.length) throw savedJsonError(kind, `columns ${missing.join(', ')} are not in inputColumns`);
}
