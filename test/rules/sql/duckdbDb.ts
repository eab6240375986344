import { DOUBLE, INTEGER, VARCHAR } from '@duckdb/node-api';
import { DuckSession } from '../../../src/data/DuckSession';
import { quoteIdentifier } from '../../../src/rules';
import { RECORD_COLUMNS, rowParams, type Db, type Rec } from './arbitraries';

/** An in-process DuckDB holding table r (id INTEGER, x, y, d DOUBLE, s and the weird name VARCHAR). */
export async function openDuckDb(): Promise<Db & { close(): void }> {
  const session = await DuckSession.open({ threads: 1 });
  const types = ['INTEGER', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'VARCHAR', 'VARCHAR'];
  const columns = RECORD_COLUMNS.map((c, i) => `${quoteIdentifier(c, 'duckdb')} ${types[i]}`).join(', ');
  await session.run(`CREATE TABLE r (${columns})`);
  return {
    dialect: 'duckdb',
    async load(records: Rec[]) {
      await session.run('DELETE FROM r');
      if (records.length === 0) return;
      // Values go in as parameters, so the data does not depend on the quoting under test.
      const placeholders = records.map(() => `(${RECORD_COLUMNS.map(() => '?').join(', ')})`).join(', ');
      // Typed parameters: an integral number such as 1e21 would otherwise be bound as a BIGINT.
      const rowTypes = [INTEGER, DOUBLE, DOUBLE, DOUBLE, VARCHAR, VARCHAR];
      await session.connection.run(`INSERT INTO r VALUES ${placeholders}`, records.flatMap((r, i) => rowParams(r, i)), records.flatMap(() => rowTypes));
    },
    query: (sql: string) => session.all(sql),
    close: () => session.close(),
  };
}
