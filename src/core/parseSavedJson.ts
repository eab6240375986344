import type { z } from 'zod';
import { savedJsonError } from './errors';

/**
 * Parse a saved model (object or JSON text) with its zod schema; a mismatch names the field and what
 * was expected. Shared by every fromJSON (transformers, clustering models).
 */
export function parseSavedJson<S extends z.ZodTypeAny>(schema: S, json: unknown, name: string): z.output<S> {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw savedJsonError(name, `${(err as Error).message}`);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw savedJsonError(name, issues);
  }
  return parsed.data;
}
