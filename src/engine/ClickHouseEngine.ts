import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings as ClientSettings } from '@clickhouse/client';
import { closeSync, createWriteStream, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inputError } from '../core/errors';
import type { Row } from '../data/DuckSession';
import type { Engine, EngineInfo } from './Engine';
import type { ClickHouseSettings } from './ClickHouseSettings';

/**
 * Query settings every statement runs with: 64-bit integers as JSON numbers (counts, ids); progress
 * headers every 10 s, so that a statement of minutes keeps its HTTP connection alive.
 */
const BASE_SETTINGS: ClientSettings = { output_format_json_quote_64bit_integers: 0, send_progress_in_http_headers: 1, http_headers_progress_interval_ms: '10000' };

/**
 * A ClickHouse server (the entry point of a cluster) as an Engine, over its HTTP interface
 * (@clickhouse/client, pinned to a version that works with Debian's 18.16 server: JSONEachRow only,
 * no settings the old server lacks). `connect` checks the server answers; a server that does not, or a
 * table that is missing, is an InputError (exit 2) that says what to do, not a stack trace.
 */
export class ClickHouseEngine implements Engine {
  readonly name = 'clickhouse';

  private constructor(
    readonly settings: ClickHouseSettings,
    private readonly client: ClickHouseClient,
  ) {}

  static async connect(settings: ClickHouseSettings): Promise<ClickHouseEngine> {
    const engine = new ClickHouseEngine(settings, ClickHouseEngine.client(settings.url, settings));
    try {
      await engine.all('SELECT 1 AS ok');
    } catch (error) {
      await engine.close();
      throw error;
    }
    return engine;
  }

  /** Create the settings' database on the entry server when it is missing (an upload's first step; the upload creates it on every shard). */
  static async ensureDatabase(settings: ClickHouseSettings): Promise<void> {
    const admin = new ClickHouseEngine(settings, ClickHouseEngine.client(settings.url, settings, 'default'));
    try {
      await admin.run(`CREATE DATABASE IF NOT EXISTS ${settings.database}`);
    } finally {
      await admin.close();
    }
  }

  /** A client of one server (the entry point, or a shard for the upload's local tables: `database` "default", names qualified). */
  static client(url: string, settings: ClickHouseSettings, database = settings.database): ClickHouseClient {
    // The client's own log is off: its errors reach the caller as InputError / Error (clickHouseError), once.
    return createClient({
      url, username: settings.user, password: settings.password, database,
      clickhouse_settings: BASE_SETTINGS, request_timeout: 600_000, log: { level: ClickHouseLogLevel.OFF },
    });
  }

  async run(sql: string, querySettings: ClientSettings = {}): Promise<void> {
    await this.guard(sql, () => this.client.command({ query: sql, clickhouse_settings: querySettings }));
  }

  async all(sql: string, querySettings: ClientSettings = {}): Promise<Row[]> {
    return this.guard(sql, async () => {
      const result = await this.client.query({ query: sql, format: 'JSONEachRow', clickhouse_settings: querySettings });
      return (await result.json()) as Row[];
    });
  }

  /** Insert a stream of `format` data (CSV, TabSeparated, …) into a table. */
  async insert(table: string, stream: Readable, format: 'CSV' | 'CSVWithNames', querySettings: ClientSettings = {}): Promise<void> {
    await this.guard(`INSERT INTO ${table}`, () => this.client.insert({ table, values: stream, format, clickhouse_settings: querySettings }));
  }

  /**
   * The HTTP endpoint of every shard (SEGLAB_CLICKHOUSE_SHARD_URLS), checked against the cluster's
   * layout in system.clusters: the same number of shards, each answering.
   */
  async shardUrls(): Promise<string[]> {
    const { cluster, shardUrls, url } = this.settings;
    const layout = (await this.describe()).cluster!;
    if (layout.shards.length === 0) {
      throw inputError({ check: 'engine-cluster', what: `ClickHouse at ${url} has no cluster named ${cluster} in its remote_servers`, where: { field: 'SEGLAB_CLICKHOUSE_CLUSTER' }, fix: 'set SEGLAB_CLICKHOUSE_CLUSTER to a cluster of system.clusters' });
    }
    if (layout.shards.length !== shardUrls.length) {
      throw inputError({ check: 'engine-cluster', what: `cluster ${cluster} has ${layout.shards.length} shards (${layout.shards.join(', ')}) but SEGLAB_CLICKHOUSE_SHARD_URLS names ${shardUrls.length}`, where: { field: 'SEGLAB_CLICKHOUSE_SHARD_URLS' }, fix: 'list the HTTP endpoint of every shard, in shard order' });
    }
    return shardUrls;
  }

  /** Run one query on every shard at once (a statement over the shards' local tables); rows per shard, in shard order. */
  async allOnShards(sql: string, querySettings: ClientSettings = {}): Promise<Row[][]> {
    const urls = await this.shardUrls();
    return Promise.all(
      urls.map(async (url) => {
        const client = ClickHouseEngine.client(url, this.settings);
        try {
          const result = await client.query({ query: sql, format: 'JSONEachRow', clickhouse_settings: querySettings });
          return (await result.json()) as Row[];
        } catch (error) {
          throw clickHouseError(error, url, sql);
        } finally {
          await client.close();
        }
      }),
    );
  }

  /**
   * Run one query on every shard at once and write each shard's rows to its file as JSON lines, the bytes
   * the server sends (JSONEachRow): nothing is parsed or held in Node, so a million rows cost the disk, not
   * the heap. A server that fails after its first rows writes the exception into the body instead of a
   * row: a file whose last line is no JSON object is that error.
   */
  async streamOnShards(sql: string, files: readonly string[], querySettings: ClientSettings = {}): Promise<void> {
    const urls = await this.shardUrls();
    if (files.length !== urls.length) throw new Error(`streamOnShards: ${files.length} files for ${urls.length} shards`);
    await Promise.all(
      urls.map(async (url, i) => {
        const client = ClickHouseEngine.client(url, this.settings);
        try {
          const { stream } = await client.exec({ query: `${sql}\nFORMAT JSONEachRow`, clickhouse_settings: querySettings });
          await pipeline(stream, createWriteStream(files[i]!));
        } catch (error) {
          throw clickHouseError(error, url, sql);
        } finally {
          await client.close();
        }
        const last = lastLine(files[i]!);
        if (last !== null && !last.startsWith('{')) throw clickHouseError(new Error(last), url, sql);
      }),
    );
  }

  /**
   * Settings that let a big aggregation or sort spill to disk instead of failing at the server's per-query
   * memory limit (max_memory_usage of the user's profile): external GROUP BY and ORDER BY above half of it,
   * as ClickHouse's documentation advises. Empty when the server sets no limit; a threshold the profile
   * already sets is kept.
   */
  async spillSettings(): Promise<ClientSettings> {
    const rows = await this.all(`SELECT name, value FROM system.settings WHERE name IN ('max_memory_usage', 'max_bytes_before_external_group_by', 'max_bytes_before_external_sort')`);
    const value = (name: string) => Number(rows.find((r) => r.name === name)?.value ?? 0);
    const limit = value('max_memory_usage');
    if (!(limit > 0)) return {};
    const half = String(Math.floor(limit / 2));
    const out: ClientSettings = {};
    if (!(value('max_bytes_before_external_group_by') > 0)) out.max_bytes_before_external_group_by = half;
    if (!(value('max_bytes_before_external_sort') > 0)) out.max_bytes_before_external_sort = half;
    return out;
  }

  async describe(): Promise<EngineInfo> {
    const version = String((await this.all('SELECT version() AS v'))[0]?.v);
    const rows = await this.all(`SELECT host_address, port FROM system.clusters WHERE cluster = '${this.settings.cluster}' ORDER BY shard_num, replica_num`);
    return { engine: 'clickhouse', version, cluster: { name: this.settings.cluster, shards: rows.map((r) => `${r.host_address}:${r.port}`) } };
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async guard<T>(sql: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw clickHouseError(error, this.settings.url, sql);
    }
  }
}

/** The clear error of a failed ClickHouse call: a server that does not answer, a missing table, or ClickHouse's own message. */
export function clickHouseError(error: unknown, url: string, sql: string): Error {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  const net = e.code ?? e.cause?.code;
  const message = String(e.message ?? error);
  if (net === 'ECONNREFUSED' || net === 'ECONNRESET' || net === 'ENOTFOUND' || net === 'EHOSTUNREACH' || /ECONNREFUSED|socket hang up|Timeout error/i.test(message)) {
    return inputError({
      summary: `ClickHouse at ${url} does not answer (${net ?? message}).`,
      check: 'engine-down',
      what: `no ClickHouse server answers at ${url}`,
      where: { field: 'SEGLAB_CLICKHOUSE_URL' },
      fix: 'start the cluster (scripts/clickhouse-cluster start DIR) or point SEGLAB_CLICKHOUSE_URL at a running server',
    });
  }
  const missing = /(?:Table|Database) ([^\s,]+) doesn't exist/.exec(message);
  if (missing) {
    return inputError({
      summary: `ClickHouse at ${url} has no ${/^Database/.test(missing[0]) ? 'database' : 'table'} ${missing[1]}.`,
      check: 'missing-table',
      what: `${/^Database/.test(missing[0]) ? 'database' : 'table'} ${missing[1]} does not exist`,
      where: { field: 'SEGLAB_CLICKHOUSE_DATABASE' },
      fix: 'upload the data first (seglab load --engine clickhouse, or uploadToClickHouse), or set SEGLAB_CLICKHOUSE_DATABASE to the database that holds it',
    });
  }
  if (/Authentication failed|password is incorrect|Unknown user/i.test(message)) {
    return inputError({ summary: `ClickHouse at ${url} refused the login.`, check: 'engine-login', what: message.split('\n')[0]!, where: { field: 'SEGLAB_CLICKHOUSE_USER' }, fix: 'set SEGLAB_CLICKHOUSE_USER and SEGLAB_CLICKHOUSE_PASSWORD' });
  }
  const out = new Error(`ClickHouse at ${url} failed: ${message}\nstatement: ${sql.slice(0, 2000)}`);
  out.cause = error;
  return out;
}

/** The last non-empty line of a file (its final 64 KiB read), or null for an empty file. */
function lastLine(path: string): string | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 65536);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').filter((l) => l.trim() !== '');
    return lines.length ? lines[lines.length - 1]!.trim() : null;
  } finally {
    closeSync(fd);
  }
}
