import { quoteIdentifier } from '../../../src/rules';
import type { ClickHouseEngine } from '../../../src/engine/ClickHouseEngine';
import { RECORD_COLUMNS, rowParams, type Db, type Rec } from './arbitraries';

/**
 * Table r (id Int32, x, y, d Nullable(Float64), s and the weird name Nullable(String)) on the two-shard
 * cluster: a MergeTree table r_local on every shard and a Distributed table r over them, sharded by id,
 * so every query of the property test runs on both shards. Values go in as exact bits (a double's
 * 8 bytes, a string's UTF-8 bytes, as hex), so the data does not depend on the quoting under test nor on
 * ClickHouse's text parsing of numbers. ClickHouse 18.16 has no boolean type: a condition column's 0 / 1
 * is read back as false / true.
 */
export async function clickhouseDb(engine: ClickHouseEngine, database: string): Promise<Db> {
  const types = ['Int32', 'Nullable(Float64)', 'Nullable(Float64)', 'Nullable(Float64)', 'Nullable(String)', 'Nullable(String)'];
  const columns = RECORD_COLUMNS.map((c, i) => `${quoteIdentifier(c, 'clickhouse')} ${types[i]}`).join(', ');
  const { cluster } = engine.settings;
  for (const url of await engine.shardUrls()) {
    const shard = await import('../../../src/engine/ClickHouseEngine').then((m) => m.ClickHouseEngine.connect({ ...engine.settings, url, database: 'default' }));
    try {
      await shard.run(`CREATE DATABASE IF NOT EXISTS ${database}`);
      await shard.run(`DROP TABLE IF EXISTS ${database}.r`);
      await shard.run(`DROP TABLE IF EXISTS ${database}.r_local`);
      await shard.run(`CREATE TABLE ${database}.r_local (${columns}) ENGINE = MergeTree() ORDER BY tuple()`);
      await shard.run(`CREATE TABLE ${database}.r AS ${database}.r_local ENGINE = Distributed(${cluster}, ${database}, r_local, id)`);
    } finally {
      await shard.close();
    }
  }
  const shards = await engine.shardUrls();
  return {
    dialect: 'clickhouse',
    async load(records: Rec[]) {
      // TRUNCATE on each shard's local table (a Distributed table cannot be truncated in 18.16).
      for (const url of shards) {
        const { ClickHouseEngine } = await import('../../../src/engine/ClickHouseEngine');
        const shard = await ClickHouseEngine.connect({ ...engine.settings, url, database: 'default' });
        try {
          await shard.run(`TRUNCATE TABLE ${database}.r_local`);
        } finally {
          await shard.close();
        }
      }
      if (records.length === 0) return;
      const rows = records.map((r, i) => `(${rowParams(r, i).map((v, j) => exact(v, j)).join(', ')})`);
      await engine.run(`INSERT INTO ${database}.r VALUES ${rows.join(', ')}`, { insert_distributed_sync: 1 });
    },
    async query(sql: string) {
      // ORDER BY 1 is positional from ClickHouse 22.x only (18.16 sorts by the constant 1): order by id.
      const rows = await engine.all(sql.replace(/ FROM r ORDER BY 1$/, ` FROM ${database}.r ORDER BY \`id\``));
      return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, /^c\d+$/.test(k) && (v === 0 || v === 1) ? v === 1 : v])));
    },
  };
}

/** A value as an exact ClickHouse expression: the double's bits, the string's UTF-8 bytes. */
function exact(value: number | string | null, column: number): string {
  if (value === null) return 'NULL';
  if (column === 0) return String(value);
  if (typeof value === 'number') {
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleLE(value);
    return `reinterpretAsFloat64(unhex('${bytes.toString('hex')}'))`;
  }
  return `unhex('${Buffer.from(value, 'utf8').toString('hex')}')`;
}
