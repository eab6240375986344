import { z } from 'zod';
import { columnsParam, switchParam, type NumericTransformerParams } from './transformerParams';

/** Log1pTransformer's params, declared once: the constructor and the saved model use this schema. */
export const log1pTransformerParamsSchema = z
  .object({
    /**
     * false (default): y = log(1 + x), defined for x > -1 (an error names the column and row otherwise).
     * true: y = sign(x) * log(1 + |x|), defined everywhere and odd, for values that can be negative
     * such as net spend after returns.
     */
    signed: switchParam(false),
    /** Columns to transform (default: all); the others pass through. Typical: spend and count columns. */
    columns: columnsParam,
  })
  .strict();

export type Log1pTransformerParams = NumericTransformerParams<typeof log1pTransformerParamsSchema>;
export type ResolvedLog1pTransformerParams = z.output<typeof log1pTransformerParamsSchema>;
