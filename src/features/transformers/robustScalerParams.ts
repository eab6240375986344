import { z } from 'zod';
import { columnsParam, switchParam, type NumericTransformerParams } from './transformerParams';

/** RobustScaler's params, declared once: the constructor and the saved model use this schema. */
export const robustScalerParamsSchema = z
  .object({
    /** Subtract the median (default true). */
    withCentering: switchParam(true),
    /** Divide by the inter-quantile range (default true). */
    withScaling: switchParam(true),
    /** Percentiles of the range, default [25, 75] (the IQR). */
    quantileRange: z
      .tuple([z.number(), z.number()])
      .refine(([lo, hi]) => lo >= 0 && lo < hi && hi <= 100)
      .describe('[low, high] percentiles with 0 <= low < high <= 100')
      .default([25, 75]),
    /** Columns to scale (default: all); the others pass through. */
    columns: columnsParam,
  })
  .strict();

export type RobustScalerParams = Omit<NumericTransformerParams<typeof robustScalerParamsSchema>, 'quantileRange'> & { quantileRange?: readonly [number, number] };
export type ResolvedRobustScalerParams = z.output<typeof robustScalerParamsSchema>;
