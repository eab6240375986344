import { z } from 'zod';
import { UsageError } from './errors';

/**
 * Validate the params of a public constructor against its declared schema (a strict zod object whose
 * fields say what they take with `.describe()`), fill the defaults, and return them. The first bad
 * value gives the message checkParam gives: "Invalid KMeans nInit: got 0, expected a whole number >= 1."
 * (`at` prefixes nested options: "Invalid selectK gap.nRefs: …"); an unknown key lists the known ones.
 */
export function parseParams<S extends z.AnyZodObject>(schema: S, value: unknown, who: string, at?: string): z.output<S> {
  const name = (key: string): string => `${who} ${at ? `${at}.` : ''}${key}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const required = Object.entries(schema.shape as z.ZodRawShape)
      .filter(([, field]) => !field.isOptional())
      .map(([key]) => key);
    const expected = required.length ? `an object with at least ${required.join(', ')}` : 'an object (or nothing, for the defaults)';
    throw new UsageError(`Invalid ${who} ${at ?? 'params'}: got ${show(value)}, expected ${expected}.`);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    const known = Object.keys(schema.shape).join(', ');
    throw new UsageError(`Invalid ${who} ${at ?? 'params'}: unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `"${k}"`).join(', ')}; ${who}${at ? ` ${at}` : ''} takes ${known}.`);
  }
  const key = String(issue.path[0] ?? '');
  const field = (schema.shape as z.ZodRawShape)[key];
  const expected = field?.description ?? issue.message;
  throw new UsageError(`Invalid ${name(key)}: got ${show((value as Record<string, unknown>)[key])}, expected ${expected}.`);
}

/** The declared default of every field that has one (what an entry does when the field is left out). */
export function paramDefaults(schema: z.AnyZodObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as z.ZodRawShape)) {
    if (field instanceof z.ZodDefault) out[key] = field._def.defaultValue();
  }
  return out;
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
}
