import { checkParam, inputError } from '../core/errors';
import { DuckSession, quoteIdent } from '../data/DuckSession';
import { inspectAvailable, roleHintsFrom, type AvailableData, type FeatureLevels } from './AvailableData';
import { CalendarDate } from '../core/CalendarDate';
import { parseFeatureConfig, requestedGroups, type FeatureConfig, type FeatureConfigInput } from './FeatureConfig';
import type { FeatureColumn, FeatureDefinition, SkippedFeature } from './FeatureDefinition';
import { findFeatureLevels } from './findFeatureLevels';
import { planFeatures } from './planFeatures';

/** What computeFeatures made: JSON-serialisable, versioned. */
export interface FeatureResult {
  schemaVersion: 1;
  /** asOf as an ISO string. */
  asOf: string;
  /** DuckDB table that holds the features (default "features"). */
  table: string;
  rowCount: number;
  /** customer_id (role id) then every feature (numeric or categorical), in table order. */
  columns: FeatureColumn[];
  /** Definition of every feature, each with a standalone SQL statement. */
  features: FeatureDefinition[];
  skipped: SkippedFeature[];
  /** Category / channel values behind the share columns. */
  levels: FeatureLevels;
  /** The statement the table was created from. */
  sql: string;
}

export interface ComputeFeaturesOptions {
  /** Name of the table to (re)create; default "features". */
  table?: string;
}

/**
 * Compute the feature table in DuckDB: `CREATE OR REPLACE TABLE features AS <plan SQL>`.
 *
 * Which canonical tables and columns exist is read from the session. `available` supplies what the
 * session cannot tell: the loader's column roles (so a target column is never a feature) and,
 * optionally, fixed category / channel levels (e.g. those of a training run). It may be an
 * AvailableData or the loader's result ({ tables: ... } with columns { name, role }); anything else
 * is ignored and roles are inferred from DuckDB types.
 */
export async function computeFeatures(
  session: DuckSession,
  config: FeatureConfigInput | FeatureConfig | undefined,
  asOf: CalendarDate | Date | string,
  available?: AvailableData | object,
  options: ComputeFeaturesOptions = {},
): Promise<FeatureResult> {
  checkParam(session instanceof DuckSession, 'session', typeof session, 'a DuckSession');
  const table = options.table ?? 'features';
  checkParam(typeof table === 'string' && table.length > 0, 'options.table', table, 'a non-empty table name');
  const cfg = parseFeatureConfig(config ?? {});
  const at = CalendarDate.parse(asOf, 'asOf');

  const { inspected, levels } = await featureInputs(session, cfg, at, available);
  const plan = planFeatures({ ...inspected, levels }, cfg, at);
  await session.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} AS\n${plan.sql}`);
  const rowCount = Number(await session.scalar(`SELECT count(*) FROM ${quoteIdent(table)}`));

  return {
    schemaVersion: 1,
    asOf: plan.asOf,
    table,
    rowCount,
    columns: plan.columns,
    features: plan.features,
    skipped: plan.skipped,
    levels,
    sql: plan.sql,
  };
}

/**
 * What the feature plan needs from the session, as computeFeatures reads it: the tables and columns with
 * their roles, the category / channel levels (given, or the top ones before asOf), and a check that the
 * customers table has one row per customer_id. Also used to plan the same features for another engine.
 */
export async function featureInputs(
  session: DuckSession,
  cfg: FeatureConfig,
  at: CalendarDate,
  available?: AvailableData | object,
): Promise<{ inspected: AvailableData; levels: FeatureLevels }> {
  const inspected = await inspectAvailable(session, roleHintsFrom(available));
  const given = (available as AvailableData | undefined)?.levels;
  const groups = new Set(requestedGroups(cfg));
  const needLevels = (groups.has('categoryShares') && !given?.categories) || (groups.has('channelShares') && !given?.channels);
  const found = needLevels
    ? await findFeatureLevels(session, inspected, at.sqlTimestamp, { categories: cfg.topCategories, channels: cfg.topChannels })
    : {};
  const levels: FeatureLevels = {};
  const categories = given?.categories ?? found.categories;
  const channels = given?.channels ?? found.channels;
  if (categories) levels.categories = categories;
  if (channels) levels.channels = channels;
  if (inspected.customers) await assertUniqueCustomers(session);
  return { inspected, levels };
}

/** One feature row per customer needs one customers row per customer_id. */
async function assertUniqueCustomers(session: DuckSession): Promise<void> {
  const dups = await session.all(
    `SELECT customer_id, count(*) AS n FROM customers WHERE customer_id IS NOT NULL
     GROUP BY customer_id HAVING count(*) > 1 ORDER BY n DESC, customer_id LIMIT 5`,
  );
  if (!dups.length) return;
  const total = Number(
    await session.scalar(`SELECT count(*) FROM (SELECT customer_id FROM customers GROUP BY customer_id HAVING count(*) > 1)`),
  );
  throw inputError({ summary: 'The customers table has more than one row for some customer_id; features need one row per customer.', check: 'duplicate-key', what: `customer_id values that repeat, e.g. ${dups.map((r) => `${JSON.stringify(r.customer_id)} (${r.n} rows)`).join(', ')}`, where: { column: 'customer_id', field: 'customers' }, count: total, fix: 'de-duplicate the customers table when loading' });
}

