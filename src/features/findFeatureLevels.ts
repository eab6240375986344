import type { DuckSession } from '../data/DuckSession';
import { exactDecimal, exactSum } from './exactSum';
import type { AvailableData, FeatureLevels } from './AvailableData';

/**
 * Look up the category and channel values the share columns are made of: categories ordered by
 * purchase spend before asOf, channels by number of purchase lines before asOf (ties by name).
 * Only the top `limit` values are kept; the plan folds every other value into an "other" column.
 */
export async function findFeatureLevels(
  session: DuckSession,
  available: AvailableData,
  asOfLiteral: string,
  limit: { categories: number; channels: number },
): Promise<FeatureLevels> {
  if (!available.transactions) return {};
  const tx = new Set(available.transactions.map((c) => c.name));
  const isReturn = tx.has('is_return') ? 'COALESCE(is_return, amount < 0)' : 'amount < 0';
  const where = `ts < ${asOfLiteral} AND customer_id IS NOT NULL AND NOT ${isReturn}`;
  const levels: FeatureLevels = {};
  if (tx.has('category')) {
    const rows = await session.all(
      `SELECT category AS v FROM transactions WHERE ${where} AND category IS NOT NULL
       GROUP BY category ORDER BY ${exactSum(exactDecimal('amount'))} DESC, category LIMIT ${limit.categories}`,
    );
    levels.categories = rows.map((r) => String(r.v));
  }
  if (tx.has('channel')) {
    const rows = await session.all(
      `SELECT channel AS v FROM transactions WHERE ${where} AND channel IS NOT NULL
       GROUP BY channel ORDER BY count(*) DESC, channel LIMIT ${limit.channels}`,
    );
    levels.channels = rows.map((r) => String(r.v));
  }
  return levels;
}
