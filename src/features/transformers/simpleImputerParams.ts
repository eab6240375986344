import { z } from 'zod';
import { IMPUTE_STRATEGIES } from './ImputeStrategy';
import { columnsParam, type NumericTransformerParams } from './transformerParams';

/** SimpleImputer's params, declared once: the constructor, the saved model and cluster.impute use this schema. */
export const simpleImputerParamsSchema = z
  .object({
    /**
     * How a missing value (NaN) is filled: the column's median (default), mean, largest value, or fillValue.
     * 'max' suits "days since" features: a customer without the event has waited at least as long as anyone.
     */
    strategy: z.enum(IMPUTE_STRATEGIES).describe("'median', 'mean', 'max' or 'constant'").default('median'),
    /** The value for strategy 'constant' (default 0). */
    fillValue: z.number().finite().describe('a finite number').default(0),
    /** Columns to fill (default: all); the others pass through, NaN included. */
    columns: columnsParam,
  })
  .strict();

export type SimpleImputerParams = NumericTransformerParams<typeof simpleImputerParamsSchema>;
export type ResolvedSimpleImputerParams = z.output<typeof simpleImputerParamsSchema>;
