import { z } from 'zod';
import { columnsParam, switchParam, type NumericTransformerParams } from './transformerParams';

/** MinMaxScaler's params, declared once: the constructor and the saved model use this schema. */
export const minMaxScalerParamsSchema = z
  .object({
    /** Output range, default [0, 1]. */
    featureRange: z
      .tuple([z.number().finite(), z.number().finite()])
      .refine(([a, b]) => a < b)
      .describe('[a, b] with finite a < b')
      .default([0, 1]),
    /** Clip transformed values of new data into featureRange (default false). */
    clip: switchParam(false),
    /** Columns to scale (default: all); the others pass through. */
    columns: columnsParam,
  })
  .strict();

export type MinMaxScalerParams = Omit<NumericTransformerParams<typeof minMaxScalerParamsSchema>, 'featureRange'> & { featureRange?: readonly [number, number] };
export type ResolvedMinMaxScalerParams = z.output<typeof minMaxScalerParamsSchema>;
