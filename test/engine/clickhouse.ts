// A ClickHouse cluster for the engine tests: the local two-shard cluster of scripts/clickhouse-cluster,
// started when needed (idempotent; .ci/run starts it before the tests), reached at its default ports.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseEngine } from '../../src/engine/ClickHouseEngine';
import { clickHouseSettingsFromEnv } from '../../src/engine/ClickHouseSettings';

/** SEGLAB_SKIP_CLICKHOUSE=1: the ClickHouse tests are skipped instead of failing where it is not installed. */
export const SKIP_CLICKHOUSE = process.env.SEGLAB_SKIP_CLICKHOUSE === '1';
export const SKIP_REASON = 'ClickHouse tests skipped: SEGLAB_SKIP_CLICKHOUSE=1';

/** The local cluster's user with a password (scripts/clickhouse-cluster's users.xml). */
export const TEST_USER = { user: 'seglab_tester', password: 'seglab-tester-local-only' } as const;

const root = join(__dirname, '..', '..');
/** The folder the tests' cluster runs in (the one .ci/run starts). */
export const CLUSTER_DIR = process.env.SEGLAB_CLICKHOUSE_DIR ?? join(process.env.TMPDIR ?? tmpdir(), 'seglab-clickhouse');

function installed(): boolean {
  return ['/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server', '/usr/bin/clickhouse'].some((p) => existsSync(p)) ||
    (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/clickhouse-server`));
}

/**
 * Start the two-shard cluster if it is down and connect to it (to `database`, created on the entry
 * server if missing; the upload creates it on every shard; default: SEGLAB_CLICKHOUSE_DATABASE). Throws with a clear message when ClickHouse is not installed. A test that points
 * SEGLAB_CLICKHOUSE_URL elsewhere uses that server instead and nothing is started.
 */
export async function startClickHouse(database?: string): Promise<ClickHouseEngine> {
  const settings = clickHouseSettingsFromEnv();
  if (!process.env.SEGLAB_CLICKHOUSE_URL) {
    if (!installed()) {
      throw new Error(
        "ClickHouse is not installed (no clickhouse-server): install Debian's clickhouse-server package (.ci/run does in CI), or set SEGLAB_SKIP_CLICKHOUSE=1 to skip the ClickHouse tests",
      );
    }
    execFileSync(join(root, 'scripts', 'clickhouse-cluster'), ['start', CLUSTER_DIR], { stdio: ['ignore', 'pipe', 'pipe'] });
  }
  if (!database) return ClickHouseEngine.connect(settings);
  // A test file's own database, so that files running at once do not replace each other's tables.
  await ClickHouseEngine.ensureDatabase({ ...settings, database });
  return ClickHouseEngine.connect({ ...settings, database });
}
