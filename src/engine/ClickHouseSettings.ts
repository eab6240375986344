import { usageError } from '../core/errors';

/**
 * How to reach a ClickHouse cluster. Read from the environment (never from a config file or the
 * manifest, so credentials stay out of run folders):
 *   SEGLAB_CLICKHOUSE_URL         HTTP endpoint queries go to (default http://127.0.0.1:18123)
 *   SEGLAB_CLICKHOUSE_USER        user (default "default")
 *   SEGLAB_CLICKHOUSE_PASSWORD    password (default empty)
 *   SEGLAB_CLICKHOUSE_DATABASE    database (default "default")
 *   SEGLAB_CLICKHOUSE_CLUSTER     the remote_servers cluster that Distributed tables use (default "seglab")
 *   SEGLAB_CLICKHOUSE_SHARD_URLS  comma-separated HTTP endpoint of every shard, in the cluster's shard
 *                                 order (the upload creates each shard's local tables there; default:
 *                                 the two servers of scripts/clickhouse-cluster)
 */
export interface ClickHouseSettings {
  url: string;
  user: string;
  password: string;
  database: string;
  cluster: string;
  shardUrls: string[];
}

export const DEFAULT_CLICKHOUSE_URL = 'http://127.0.0.1:18123';
export const DEFAULT_SHARD_URLS = ['http://127.0.0.1:18123', 'http://127.0.0.1:18124'];

export function clickHouseSettingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): ClickHouseSettings {
  const get = (name: string, fallback: string) => (env[name] === undefined || env[name] === '' ? fallback : env[name]!);
  const url = get('SEGLAB_CLICKHOUSE_URL', DEFAULT_CLICKHOUSE_URL);
  const shardUrls = get('SEGLAB_CLICKHOUSE_SHARD_URLS', DEFAULT_SHARD_URLS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const [name, value] of [['SEGLAB_CLICKHOUSE_URL', url], ...shardUrls.map((u) => ['SEGLAB_CLICKHOUSE_SHARD_URLS', u])] as const) {
    if (!/^https?:\/\/[^/\s]+\/?$/.test(value)) throw usageError(name, `is ${JSON.stringify(value)}, not an http(s)://host:port URL`, 'e.g. http://127.0.0.1:18123');
  }
  const database = get('SEGLAB_CLICKHOUSE_DATABASE', 'default');
  const cluster = get('SEGLAB_CLICKHOUSE_CLUSTER', 'seglab');
  for (const [name, value] of [['SEGLAB_CLICKHOUSE_DATABASE', database], ['SEGLAB_CLICKHOUSE_CLUSTER', cluster]] as const) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) throw usageError(name, `is ${JSON.stringify(value)}, not a plain name`, 'letters, digits and _');
  }
  return { url, user: get('SEGLAB_CLICKHOUSE_USER', 'default'), password: env.SEGLAB_CLICKHOUSE_PASSWORD ?? '', database, cluster, shardUrls };
}
