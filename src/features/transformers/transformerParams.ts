import { z } from 'zod';

/** `columns` of a numeric transformer: the columns it changes (default: all); the others pass through. */
export const columnsParam = z.array(z.string()).describe('an array of column names').optional();

/** A true/false switch, described for parseParams' message. */
export function switchParam(defaultValue: boolean): z.ZodDefault<z.ZodBoolean> {
  return z.boolean().describe('true or false').default(defaultValue);
}

/** The params a numeric transformer's constructor takes: its schema's input, `columns` as any list of names. */
export type NumericTransformerParams<S extends z.AnyZodObject> = Omit<z.input<S>, 'columns'> & { columns?: readonly string[] };
