import { z } from 'zod';
import { columnsParam, switchParam, type NumericTransformerParams } from './transformerParams';

/** StandardScaler's params, declared once: the constructor and the saved model use this schema. */
export const standardScalerParamsSchema = z
  .object({
    /** Subtract the mean (default true). */
    withMean: switchParam(true),
    /** Divide by the standard deviation (default true). */
    withStd: switchParam(true),
    /** Columns to scale (default: all); the others pass through. */
    columns: columnsParam,
  })
  .strict();

export type StandardScalerParams = NumericTransformerParams<typeof standardScalerParamsSchema>;
export type ResolvedStandardScalerParams = z.output<typeof standardScalerParamsSchema>;
