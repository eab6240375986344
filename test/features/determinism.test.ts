import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { computeFeatures } from '../../src/features/computeFeatures';

const sample = join(__dirname, '..', '..', 'data', 'sample');

/** The sample's feature table computed with a given DuckDB thread count, every value as text. */
async function featuresWith(threads: number): Promise<string[]> {
  const session = await DuckSession.open({ threads });
  try {
    const load = await loadTables(
      session,
      { customers: { path: 'customers.csv.gz' }, transactions: { path: 'transactions.csv.gz' }, events: { path: 'events.csv.gz' } },
      { baseDir: sample },
    );
    await computeFeatures(session, {}, '2026-07-01', load);
    const rows = await session.all('SELECT * FROM features ORDER BY customer_id');
    return rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
  } finally {
    session.close();
  }
}

describe('the feature table does not depend on how DuckDB splits the work', () => {
  it('1 thread and 8 threads give the same values, digit for digit (sums are exact decimals)', async () => {
    const one = await featuresWith(1);
    const eight = await featuresWith(8);
    expect(one.length).toBe(3000);
    const differing = one.filter((row, i) => row !== eight[i]);
    expect(differing.slice(0, 3)).toEqual([]);
  });
});
