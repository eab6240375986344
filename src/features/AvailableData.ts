import type { DuckSession } from '../data/DuckSession';
import { SCHEMAS, TABLE_NAMES, type ColumnRole, type TableName } from '../data/schema';

/** One column of a loaded canonical table. */
export interface AvailableColumn {
  name: string;
  role: ColumnRole;
  /** DuckDB type, e.g. "DOUBLE" (informative; roles decide what a column becomes). */
  type?: string;
}

/** Observed values of the categorical columns that become share columns, most important first. */
export interface FeatureLevels {
  /** Category values ordered by purchase spend before asOf, descending. */
  categories?: readonly string[];
  /** Channel values ordered by number of purchase lines before asOf, descending. */
  channels?: readonly string[];
}

/**
 * What the feature plan may read: the canonical tables that exist, with their columns (canonical ones
 * and extra attributes, each with its role), plus the category / channel values for share columns.
 */
export interface AvailableData {
  customers?: readonly AvailableColumn[];
  transactions?: readonly AvailableColumn[];
  events?: readonly AvailableColumn[];
  levels?: FeatureLevels;
}

/** Roles the loader assigned, per table and column; they override what the DuckDB type suggests. */
export type RoleHints = Partial<Record<TableName, Record<string, ColumnRole>>>;

/**
 * Read which canonical tables exist in the session and their columns. Canonical columns get their
 * schema role; extra columns get the role from `hints` (the loader's) or else one inferred from the
 * DuckDB type (BOOLEAN → boolean, numbers → numeric, VARCHAR → categorical, dates → timestamp).
 * Without hints a target column (e.g. Telco's Churn) would look like an ordinary attribute, so pass
 * the loader's roles whenever they are known.
 */
export async function inspectAvailable(session: DuckSession, hints: RoleHints = {}): Promise<AvailableData> {
  const out: AvailableData = {};
  for (const table of TABLE_NAMES) {
    if (!(await session.tableExists(table))) continue;
    const spec = SCHEMAS[table];
    const columns: AvailableColumn[] = [];
    for (const { name, type } of await session.describe(table)) {
      const role = spec.columns.find((c) => c.name === name)?.role ?? hints[table]?.[name] ?? roleFromType(type);
      if (role) columns.push({ name, role, type });
    }
    out[table] = columns;
  }
  return out;
}

/** Role suggested by a DuckDB type, or undefined for types features cannot use (lists, structs, blobs). */
export function roleFromType(type: string): ColumnRole | undefined {
  const t = type.toUpperCase();
  if (t === 'BOOLEAN') return 'boolean';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL\(\d+,\d+\))$/.test(t)) return 'numeric';
  if (t === 'VARCHAR' || t.startsWith('ENUM')) return 'categorical';
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'timestamp';
  return undefined;
}

const ROLES: readonly string[] = ['id', 'timestamp', 'numeric', 'categorical', 'boolean', 'target'];

/**
 * Column roles from whatever the caller has: an AvailableData, or a loader result shaped like
 * `{ tables: { customers: { columns: [{ name, role }] } } }` or `{ tables: [{ table, columns }] }`.
 * Unrecognised input gives no hints (roles are then inferred from types).
 */
export function roleHintsFrom(value: unknown): RoleHints {
  const hints: RoleHints = {};
  const addColumns = (table: unknown, columns: unknown) => {
    if (typeof table !== 'string' || !(TABLE_NAMES as readonly string[]).includes(table) || !Array.isArray(columns)) return;
    const map: Record<string, ColumnRole> = (hints[table as TableName] ??= {});
    for (const c of columns) {
      if (c && typeof c === 'object' && typeof (c as { name?: unknown }).name === 'string' && ROLES.includes((c as { role?: unknown }).role as string)) {
        map[(c as { name: string }).name] = (c as { role: ColumnRole }).role;
      }
    }
  };
  if (!value || typeof value !== 'object') return hints;
  const v = value as Record<string, unknown>;
  for (const t of TABLE_NAMES) addColumns(t, v[t]);
  const tables = v.tables;
  if (Array.isArray(tables)) {
    for (const entry of tables) {
      if (entry && typeof entry === 'object') {
        const e = entry as Record<string, unknown>;
        addColumns(e.table ?? e.name, e.columns);
      }
    }
  } else if (tables && typeof tables === 'object') {
    for (const [t, entry] of Object.entries(tables as Record<string, unknown>)) {
      if (Array.isArray(entry)) addColumns(t, entry);
      else if (entry && typeof entry === 'object') addColumns(t, (entry as Record<string, unknown>).columns);
    }
  }
  return hints;
}
