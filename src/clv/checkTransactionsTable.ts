import { inputError } from '../core/errors';
import type { DuckSession } from '../data/DuckSession';

/** Check the session has the canonical transactions table with customer_id, ts and amount; says whether is_return is there. */
export async function checkTransactionsTable(session: DuckSession): Promise<{ isReturn: boolean }> {
  if (!(await session.tableExists('transactions'))) {
    throw inputError({ check: 'missing-table', what: 'CLV needs the transactions table, and there is none', fix: 'load transaction lines (customer_id, ts, amount) as the transactions table' });
  }
  const columns = new Set((await session.describe('transactions')).map((c) => c.name));
  const missing = ['customer_id', 'ts', 'amount'].filter((c) => !columns.has(c));
  if (missing.length) {
    throw inputError({ check: 'missing-column', what: `the transactions table has no ${missing.join(', ')} column`, where: { field: 'transactions' }, fix: 'map the order id, timestamp and amount columns of the transactions to customer_id, ts and amount' });
  }
  return { isReturn: columns.has('is_return') };
}
