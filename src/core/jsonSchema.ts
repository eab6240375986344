import { z } from 'zod';
import { typeName } from './errors';

/**
 * Zod pieces for reading back JSON that seglab wrote. JSON.stringify writes NaN and ±Infinity as null, so a
 * number field read back accepts null as NaN (what the writer held, as far as JSON can tell); any other
 * type is an error naming the field.
 */
export const jsonNumber: z.ZodType<number, z.ZodTypeDef, unknown> = z.union([z.number(), z.null().transform(() => NaN)]);

/**
 * An array of whole numbers ≥ min (labels, ids), checked in one plain loop: zod's element-wise check of a
 * million labels takes a quarter of a second. The first bad element is reported by its index.
 */
export function integerArray(min = Number.MIN_SAFE_INTEGER): z.ZodType<number[], z.ZodTypeDef, unknown> {
  return z.unknown().superRefine((v, ctx) => {
    if (!Array.isArray(v)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected an array of whole numbers, got ${typeName(v)}` });
      return;
    }
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x !== 'number' || !Number.isInteger(x) || x < min) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: `expected a whole number${min > Number.MIN_SAFE_INTEGER ? ` ≥ ${min}` : ''}, got ${JSON.stringify(x)}` });
        return;
      }
    }
  }) as unknown as z.ZodType<number[], z.ZodTypeDef, unknown>;
}

/** A JSON object whose content another schema owns (a saved model, a transformer): only its shape is checked here. */
export function jsonObject<T>(what: string, check: (v: Record<string, unknown>) => boolean = () => true): z.ZodType<T, z.ZodTypeDef, unknown> {
  return z.custom<T>((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && check(v as Record<string, unknown>), { message: `expected ${what}` });
}
