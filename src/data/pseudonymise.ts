import { createHmac } from 'node:crypto';
import { inputError, paramError, typeName, UsageError, type Problem } from '../core/errors';
import type { DataConfig, PseudonymiseConfig } from './DataConfig';
import { type DuckSession, quoteIdent } from './DuckSession';
import type { TableName } from './schema';

/** Hex characters kept of each HMAC-SHA256: 80 bits, collisions negligible below billions of ids. */
export const PSEUDONYM_HEX_CHARS = 20;
export const DEFAULT_KEY_ENV = 'SEGLAB_PSEUDONYM_KEY';
/** Keys shorter than this are accepted with a warning: a short key can be guessed. */
export const MIN_KEY_LENGTH = 16;

/**
 * Pseudonym of one id: HMAC-SHA256(key, id) in hex, truncated to 20 characters. The same key and
 * id always give the same pseudonym, so tables stay joinable; without the key it cannot be reversed
 * or recomputed.
 */
export function hmacId(key: string, id: string): string {
  // The key is never echoed in errors.
  if (typeof key !== 'string' || key.length === 0) {
    throw new UsageError(`Invalid key: got ${typeof key === 'string' ? 'an empty string' : typeof key}, expected a non-empty secret string.`);
  }
  if (typeof id !== 'string') throw paramError('id', id, 'a string', typeof id);
  return createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, PSEUDONYM_HEX_CHARS);
}

export interface ResolvedPseudonymKey {
  key: string;
  source: 'config' | 'env';
  /** Name of the environment variable the key came from. */
  envVar?: string;
}

/**
 * The pseudonymisation key: `pseudonymise.key`, else the environment variable named by `keyEnv`
 * (default SEGLAB_PSEUDONYM_KEY). SEGLAB_PSEUDONYM_KEY alone is enough: a config needs no
 * pseudonymise section for it to apply. Accepts the whole `data:` config or just its `pseudonymise`
 * section. Undefined when the section says `enabled: false`, or when no key is found and `enabled` is
 * not true; with `enabled: true` and no key it is an InputError that names the variable to set (and
 * never contains a key).
 */
export function resolvePseudonymKey(
  config: DataConfig | PseudonymiseConfig | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return resolvePseudonymKeySource(config, env)?.key;
}

/** resolvePseudonymKey, also telling where the key came from (for the run manifest). */
export function resolvePseudonymKeySource(
  config: DataConfig | PseudonymiseConfig | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedPseudonymKey | undefined {
  if (config !== undefined && (config === null || typeof config !== 'object')) {
    throw paramError('config', config, 'the data config or its pseudonymise section', typeName(config));
  }
  if (!env || typeof env !== 'object') throw paramError('env', env, 'an object of environment variables', typeof env);
  const p = pseudonymiseSection(config) ?? {};
  if (p.enabled === false) return undefined;
  if (p.key) return { key: p.key, source: 'config' };
  const envVar = p.keyEnv ?? DEFAULT_KEY_ENV;
  const fromEnv = env[envVar];
  if (fromEnv) return { key: fromEnv, source: 'env', envVar };
  if (p.enabled === true) {
    throw inputError({ summary: 'Pseudonymisation is enabled but no key was found.', check: 'missing-pseudonym-key', what: `data.pseudonymise.enabled is true but the environment variable ${envVar} is not set and data.pseudonymise.key is not given`, where: { field: 'data.pseudonymise' }, fix: `set ${envVar} to a long random secret (e.g. export ${envVar}=$(openssl rand -hex 32)) and keep it out of the config and the repository` });
  }
  return undefined;
}

/**
 * Keys that are set but will not be used, each as a loud warning: ids then stay raw (or are
 * pseudonymised with another key) although the user may believe otherwise. `used` is the key source
 * actually applied ('option' for a key passed to loadTables). Never contains a key.
 */
export function unusedPseudonymKeys(
  config: DataConfig | PseudonymiseConfig | undefined,
  env: Readonly<Record<string, string | undefined>>,
  used: ResolvedPseudonymKey['source'] | 'option' | undefined,
): { names: string[]; problems: Problem[] } {
  const p = pseudonymiseSection(config) ?? {};
  const keyEnv = p.keyEnv ?? DEFAULT_KEY_ENV;
  const names: string[] = [];
  const problems: Problem[] = [];
  const warn = (name: string, why: string, hint: string) => {
    names.push(name);
    problems.push({ severity: 'warning', check: 'unused-pseudonym-key', message: `${name} is set but NOT used: ${why}`, location: { field: 'data.pseudonymise' }, hint });
  };
  const outcome = used ? 'customer ids are pseudonymised with another key' : 'customer ids are written as they are, NOT pseudonymised';
  for (const name of new Set([keyEnv, DEFAULT_KEY_ENV])) {
    if (!env[name]) continue;
    if (p.enabled === false) warn(name, `data.pseudonymise.enabled is false; ${outcome}`, 'remove enabled: false to pseudonymise, or unset the variable');
    else if (name !== keyEnv) warn(name, `data.pseudonymise.keyEnv names ${keyEnv}; ${outcome}`, `set ${keyEnv} instead, or remove keyEnv to use ${name}`);
    else if (used === 'config' || used === 'option') warn(name, `the key comes from ${used === 'config' ? 'data.pseudonymise.key' : 'the pseudonymKey option'}`, 'keep one key: unset the variable or remove the other key');
  }
  if (p.key && p.enabled === false) warn('data.pseudonymise.key', `data.pseudonymise.enabled is false; ${outcome}`, 'remove enabled: false to pseudonymise, or remove the key');
  else if (p.key && used === 'option') warn('data.pseudonymise.key', 'a key passed to loadTables (pseudonymKey) wins', 'keep one key');
  return { names, problems };
}

function pseudonymiseSection(config: DataConfig | PseudonymiseConfig | undefined): PseudonymiseConfig | undefined {
  if (!config) return undefined;
  const keys = Object.keys(config);
  const isData = keys.some((k) => k === 'customers' || k === 'transactions' || k === 'events' || k === 'pseudonymise');
  return isData ? (config as DataConfig).pseudonymise : (config as PseudonymiseConfig);
}

/**
 * Replace customer_id in every given canonical table by its pseudonym. Pseudonyms are computed once
 * per distinct id in JavaScript and joined back in DuckDB, so the work is O(distinct ids), and the
 * same id gets the same pseudonym in every table. The id ↔ pseudonym table is dropped afterwards.
 */
export async function pseudonymiseTables(session: DuckSession, tables: readonly TableName[], key: string): Promise<{ distinctIds: number }> {
  if (!tables.length) return { distinctIds: 0 };
  const union = tables.map((t) => `SELECT customer_id FROM ${quoteIdent(t)}`).join(' UNION ');
  const rows = await session.all(`SELECT DISTINCT customer_id AS id FROM (${union}) WHERE customer_id IS NOT NULL ORDER BY 1`);
  const mapName = '__seglab_pseudonyms';
  await session.run(`CREATE OR REPLACE TABLE ${quoteIdent(mapName)} (id VARCHAR, pid VARCHAR)`);
  try {
    const appender = await session.connection.createAppender(mapName);
    const seen = new Set<string>();
    for (const r of rows) {
      const id = String(r.id);
      const pid = hmacId(key, id);
      seen.add(pid);
      appender.appendVarchar(id);
      appender.appendVarchar(pid);
      appender.endRow();
    }
    appender.closeSync();
    if (seen.size !== rows.length) {
      throw new Error(`Pseudonym collision: ${rows.length} ids gave ${seen.size} pseudonyms.`);
    }
    for (const t of tables) {
      await session.run(`UPDATE ${quoteIdent(t)} SET customer_id = m.pid FROM ${quoteIdent(mapName)} AS m WHERE ${quoteIdent(t)}.customer_id = m.id`);
    }
    return { distinctIds: rows.length };
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${quoteIdent(mapName)}`);
  }
}
