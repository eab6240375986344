import { z } from 'zod';
import { checkParam } from '../../core/errors';
import { parseParams } from '../../core/parseParams';
import { columnsParam, type NumericTransformerParams } from './transformerParams';

/** Winsorizer's params, declared once: the constructor and the saved model use this schema. */
export const winsorizerParamsSchema = z
  .object({
    /** Lower quantile limit in [0, 1), default 0.01. */
    lower: z.number().min(0).lt(1).describe('a quantile in [0, 1)').default(0.01),
    /** Upper quantile limit in (lower, 1], default 0.99. */
    upper: z.number().gt(0).max(1).describe('a quantile in (lower, 1]').default(0.99),
    /** Columns to clip (default: all); the others pass through. */
    columns: columnsParam,
  })
  .strict();

export type WinsorizerParams = NumericTransformerParams<typeof winsorizerParamsSchema>;
export type ResolvedWinsorizerParams = z.output<typeof winsorizerParamsSchema>;

/** Validate Winsorizer params (a saved model's too): each limit, then upper above lower. */
export function resolveWinsorizerParams(params: unknown, who = 'Winsorizer'): ResolvedWinsorizerParams {
  const p = parseParams(winsorizerParamsSchema, params, who);
  checkParam(p.upper > p.lower, `${who} upper`, p.upper, `a quantile in (lower = ${p.lower}, 1]`);
  return p;
}
