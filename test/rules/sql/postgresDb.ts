import type { Client } from 'pg';
import { quoteIdentifier } from '../../../src/rules';
import { RECORD_COLUMNS, rowParams, type Db, type Rec } from './arbitraries';

/** Temporary table r (id integer, x, y, d double precision, s and the weird name text) on this connection. */
export async function postgresDb(client: Client): Promise<Db> {
  const types = ['integer', 'double precision', 'double precision', 'double precision', 'text', 'text'];
  const columns = RECORD_COLUMNS.map((c, i) => `${quoteIdentifier(c, 'postgres')} ${types[i]}`).join(', ');
  await client.query(`DROP TABLE IF EXISTS pg_temp.r; CREATE TEMP TABLE r (${columns})`);
  return {
    dialect: 'postgres',
    async load(records: Rec[]) {
      await client.query('DELETE FROM r');
      if (records.length === 0) return;
      // Values go in as parameters, so the data does not depend on the quoting under test.
      const n = RECORD_COLUMNS.length;
      const placeholders = records.map((_, i) => `(${RECORD_COLUMNS.map((__, j) => `$${i * n + j + 1}`).join(', ')})`).join(', ');
      await client.query(`INSERT INTO r VALUES ${placeholders}`, records.flatMap((r, i) => rowParams(r, i)));
    },
    async query(sql: string) {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    },
  };
}
