// A PostgreSQL for the SQL compiler's tests: Debian's cluster on this machine, started when needed,
// reached over its unix socket as a superuser role named after the OS user.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Client } from 'pg';

const SOCKET_DIR = '/var/run/postgresql';

/** SEGLAB_SKIP_POSTGRES=1: the PostgreSQL tests are skipped instead of failing where it is not installed. */
export const SKIP_POSTGRES = process.env.SEGLAB_SKIP_POSTGRES === '1';

interface Cluster {
  version: string;
  name: string;
  port: number;
  online: boolean;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${command}`)) || existsSync(`/usr/bin/${command}`);
}

function clusters(): Cluster[] {
  const out = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 4 && f[0])
    .map(([version, name, port, status]) => ({ version: version!, name: name!, port: Number(port), online: status === 'online' }));
}

/** `command` as the postgres OS user (runuser as root, sudo otherwise). */
function asPostgres(command: string[]): string {
  const root = process.getuid?.() === 0;
  const [bin, ...args] = root ? ['runuser', '-u', 'postgres', '--', ...command] : ['sudo', '-n', '-u', 'postgres', ...command];
  return execFileSync(bin!, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Start the local PostgreSQL cluster if it is down (`pg_ctlcluster <version> <name> start`), make sure a
 * superuser role named after the OS user exists, and return a connected client (database `postgres`,
 * unix socket in /var/run/postgresql). Throws with a clear message when PostgreSQL is not installed.
 * Idempotent, and safe when two test files call it at once.
 */
export async function startPostgres(): Promise<Client> {
  if (!onPath('pg_lsclusters') || !onPath('pg_ctlcluster')) {
    throw new Error(
      "PostgreSQL is not installed (no pg_lsclusters / pg_ctlcluster): install Debian's postgresql package (.ci/run does in CI), or set SEGLAB_SKIP_POSTGRES=1 to skip the PostgreSQL tests",
    );
  }
  const all = clusters();
  const cluster = all.find((c) => c.name === 'main') ?? all[0];
  if (!cluster) throw new Error('PostgreSQL is installed but has no cluster (pg_lsclusters lists none): create one with pg_createcluster');
  if (!cluster.online) {
    try {
      // As root, pg_ctlcluster runs the server as the cluster's owner; it waits until it accepts connections.
      execFileSync('pg_ctlcluster', [cluster.version, cluster.name, 'start'], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      // Another test file may have started it meanwhile ("Cluster is already running").
      if (!clusters().find((c) => c.version === cluster.version && c.name === cluster.name)?.online) {
        throw new Error(`could not start PostgreSQL ${cluster.version}/${cluster.name}: ${String((e as { stderr?: Buffer }).stderr ?? e)}`);
      }
    }
  }
  const user = userInfo().username;
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(user)) throw new Error(`unexpected OS user name ${JSON.stringify(user)} for a PostgreSQL role`);
  // Idempotent (and race-free): a role that exists already is fine.
  asPostgres([
    'psql', '-q', '-X', '-p', String(cluster.port), '-v', 'ON_ERROR_STOP=1', '-c',
    `DO $$ BEGIN CREATE ROLE "${user}" SUPERUSER LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
  ]);
  const client = new Client({ host: SOCKET_DIR, port: cluster.port, user, database: 'postgres' });
  await client.connect();
  return client;
}
