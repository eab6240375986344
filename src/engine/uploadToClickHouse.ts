import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkParam, inputError } from '../core/errors';
import { DuckSession, quoteIdent, quoteLiteral } from '../data/DuckSession';
import { TABLE_NAMES, type TableName } from '../data/schema';
import { ClickHouseEngine, clickHouseError } from './ClickHouseEngine';

/** What the upload wrote: per table, the rows in the Distributed table and on each shard. */
export interface UploadResult {
  database: string;
  cluster: string;
  tables: { table: TableName; rows: number; rowsPerShard: number[]; columns: { name: string; type: string }[] }[];
}

/** Columns held as exact decimals (seglab sums them as DECIMAL(18,4); ClickHouse truncates a Float64 into a decimal). */
const DECIMAL_COLUMNS = new Set(['amount', 'items']);

/**
 * Upload the canonical tables of a DuckDB session (after seglab's load and checks) into a ClickHouse
 * cluster: on every shard a local MergeTree table `<table>_local`, and a Distributed table `<table>`
 * over them sharded by `cityHash64(customer_id)`, so a customer's rows of every table sit on one shard
 * and per-customer aggregates are local to it. The database is created where missing; tables of those
 * names are replaced. Amounts and item
 * counts are stored as Decimal(18,4) (DuckDB's exact value), timestamps as DateTime('UTC') (whole
 * seconds: feature windows start at midnight, so no comparison changes). Counts are checked afterwards.
 */
export async function uploadToClickHouse(session: DuckSession, engine: ClickHouseEngine, tables?: readonly TableName[]): Promise<UploadResult> {
  checkParam(session instanceof DuckSession, 'session', typeof session, 'a DuckSession');
  checkParam(engine instanceof ClickHouseEngine, 'engine', typeof engine, 'a ClickHouseEngine');
  const { database, cluster } = engine.settings;
  const shardUrls = await engine.shardUrls();
  const wanted = tables ?? TABLE_NAMES;
  const present: TableName[] = [];
  for (const t of wanted) if (await session.tableExists(t)) present.push(t);
  checkParam(present.length > 0, 'session', 'no canonical table', 'a session with customers, transactions or events loaded');

  // Every table is checked before any is replaced, so a refused upload leaves the cluster as it was.
  for (const table of present) {
    const described = await session.describe(quoteIdent(table));
    for (const c of described) clickHouseType(table, c.name, c.type);
    await checkDateRange(session, table, described);
  }
  const result: UploadResult = { database, cluster, tables: [] };
  const dir = mkdtempSync(join(tmpdir(), 'seglab-upload-'));
  const shards = shardUrls.map((url) => ({ url, client: ClickHouseEngine.client(url, engine.settings, 'default') }));
  try {
    for (const table of present) {
      const described = await session.describe(quoteIdent(table));
      const columns = described.map((c) => ({ name: c.name, type: clickHouseType(table, c.name, c.type) }));
      const local = `${database}.${quoteCh(`${table}_local`)}`;
      const dist = `${database}.${quoteCh(table)}`;
      const ddl = columns.map((c) => `${quoteCh(c.name)} ${c.type}`).join(', ');
      for (const shard of shards) {
        for (const query of [
          `CREATE DATABASE IF NOT EXISTS ${database}`,
          `DROP TABLE IF EXISTS ${dist}`,
          `DROP TABLE IF EXISTS ${local}`,
          `CREATE TABLE ${local} (${ddl}) ENGINE = MergeTree() ORDER BY tuple()`,
          `CREATE TABLE ${dist} AS ${local} ENGINE = Distributed(${cluster}, ${database}, ${quoteCh(`${table}_local`)}, cityHash64(ifNull(customer_id, '')))`,
        ]) {
          try {
            await shard.client.command({ query });
          } catch (error) {
            throw clickHouseError(error, shard.url, query);
          }
        }
      }
      // DuckDB writes the rows as CSV in ClickHouse's text forms; the Distributed table routes each row.
      const file = join(dir, `${table}.csv`);
      const selects = described.map((c) => `${csvValue(table, c.name, c.type)} AS ${quoteIdent(c.name)}`);
      await session.run(`COPY (SELECT ${selects.join(', ')} FROM ${quoteIdent(table)}) TO ${quoteLiteral(file)} (FORMAT csv, HEADER false, NULLSTR '\\N')`);
      await engine.insert(dist, createReadStream(file), 'CSV', { insert_distributed_sync: 1 });
      rmSync(file, { force: true });
      const expected = Number(await session.scalar(`SELECT count(*) FROM ${quoteIdent(table)}`));
      const rowsPerShard: number[] = [];
      for (const shard of shards) {
        const rows = await (await shard.client.query({ query: `SELECT count() AS n FROM ${local}`, format: 'JSONEachRow' })).json<{ n: string | number }>();
        rowsPerShard.push(Number(rows[0]?.n));
      }
      const rows = rowsPerShard.reduce((a, b) => a + b, 0);
      if (rows !== expected) throw new Error(`upload of ${table}: ClickHouse holds ${rows} rows, DuckDB ${expected}`);
      result.tables.push({ table, rows, rowsPerShard, columns });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all(shards.map((s) => s.client.close()));
  }
  return result;
}

/** The ClickHouse column type of a canonical DuckDB column (every column Nullable: the canonical tables allow NULL). */
function clickHouseType(table: TableName, name: string, duckType: string): string {
  const t = duckType.toUpperCase();
  let ch: string | undefined;
  if (DECIMAL_COLUMNS.has(name) && table === 'transactions' && /^(DOUBLE|FLOAT|DECIMAL|INTEGER|BIGINT)/.test(t)) ch = 'Decimal(18,4)';
  else if (t === 'VARCHAR') ch = 'String';
  else if (t === 'DOUBLE' || t === 'FLOAT') ch = 'Float64';
  else if (t === 'BIGINT') ch = 'Int64';
  else if (t === 'INTEGER') ch = 'Int32';
  else if (t === 'BOOLEAN') ch = 'UInt8';
  else if (t === 'TIMESTAMP' || t.startsWith('TIMESTAMP')) ch = "DateTime('UTC')";
  else if (t === 'DATE') ch = 'Date';
  if (!ch) {
    throw inputError({ check: 'engine-type', what: `column ${name} has DuckDB type ${duckType}, which the ClickHouse upload does not map`, where: { field: table, column: name }, fix: 'cast it to VARCHAR, DOUBLE, BIGINT, BOOLEAN or TIMESTAMP when loading' });
  }
  return `Nullable(${ch})`;
}

/** A column as ClickHouse's CSV reads it: decimals exact, timestamps as 'YYYY-MM-DD hh:mm:ss' (UTC), booleans 0/1. */
function csvValue(table: TableName, name: string, duckType: string): string {
  const q = quoteIdent(name);
  const t = duckType.toUpperCase();
  if (DECIMAL_COLUMNS.has(name) && table === 'transactions' && /^(DOUBLE|FLOAT|DECIMAL|INTEGER|BIGINT)/.test(t)) return `CAST(${q} AS DECIMAL(18,4))`;
  if (t.startsWith('TIMESTAMP')) return `strftime(${q}, '%Y-%m-%d %H:%M:%S')`;
  if (t === 'BOOLEAN') return `CAST(${q} AS INTEGER)`;
  return q;
}

/** ClickHouse 18.x's DateTime and Date hold 1970-01-01 to 2105: a timestamp outside would be stored as another one. */
async function checkDateRange(session: DuckSession, table: TableName, described: readonly { name: string; type: string }[]): Promise<void> {
  for (const c of described) {
    if (!/^(TIMESTAMP|DATE)/i.test(c.type)) continue;
    const q = quoteIdent(c.name);
    const out = await session.one(
      `SELECT count(*) AS n, strftime(min(${q}), '%Y-%m-%d %H:%M:%S') AS lo, strftime(max(${q}), '%Y-%m-%d %H:%M:%S') AS hi FROM ${quoteIdent(table)}
       WHERE ${q} < TIMESTAMP '1970-01-01' OR ${q} >= TIMESTAMP '2106-01-01'`,
    );
    const n = Number(out?.n ?? 0);
    if (n > 0) {
      throw inputError({
        check: 'engine-date-range',
        what: `${n} values of ${table}.${c.name} lie outside 1970-01-01 … 2105-12-31 (from ${String(out!.lo)} to ${String(out!.hi)}), which ClickHouse's DateTime cannot hold`,
        where: { field: table, column: c.name },
        count: n,
        fix: 'correct or drop those rows before the upload (dates before 1970 are usually placeholders such as 1900-01-01)',
      });
    }
  }
}

/** A table or column name for ClickHouse DDL (backquoted). */
function quoteCh(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}
