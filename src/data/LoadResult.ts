import type { Problem } from '../core/errors';
import type { DuplicateKeys, DuplicateRows, ExcludedRows } from './buildCanonicalTable';
import type { ResolvedFormat } from './detectFormat';
import type { ColumnType } from './resolveMapping';
import type { ColumnRole, TableName } from './schema';

/** One column of a canonical table and where its values came from. */
export interface LoadedColumn {
  name: string;
  role: ColumnRole;
  type: ColumnType;
  /** A column of schema.ts (false: an extra attribute). */
  canonical: boolean;
  required: boolean;
  /** False for a canonical column the source does not have: it is not in the table. */
  provided: boolean;
  /** Where the role came from: the schema, the config's roles, or the values. */
  roleSource: 'schema' | 'config' | 'inferred';
  origin: 'source' | 'sql' | 'generated' | 'default' | 'absent';
  /** Source column (origin 'source'). */
  source?: string;
  /** DuckDB expression (origin 'sql' or 'default'). */
  sql?: string;
}

/** What was loaded into one canonical table, and from which file. */
export interface LoadedTable {
  table: TableName;
  /** Absolute path of the source file. */
  path: string;
  format: ResolvedFormat;
  compressed: boolean;
  /** sha256 of the file bytes as stored. */
  sha256: string;
  bytes: number;
  /** Columns of the source file, as read. */
  sourceColumns: string[];
  /** Data rows read from the file. */
  rawRows: number;
  /** Rows in the canonical table. */
  loadedRows: number;
  excluded: ExcludedRows[];
  /** Loaded rows that repeat an earlier loaded row (the profile reports the same). */
  duplicateRows: DuplicateRows;
  /** Customers only: ids on more than one loaded row. */
  duplicateKeys?: DuplicateKeys;
  /** Every canonical column (provided or not) and every extra column, in table order. */
  columns: LoadedColumn[];
  /**
   * CSV only: 'one-pass' when the file was read, mapped and converted in one statement (it had no
   * problem with its values), 'staged' when it was read as text and checked in stages.
   */
  read?: 'one-pass' | 'staged';
}

export interface PseudonymisationInfo {
  applied: boolean;
  /** Where the key came from (never the key itself). */
  keySource?: 'option' | 'config' | 'env';
  keyEnv?: string;
  /** Distinct customer ids replaced, over all tables. */
  distinctIds?: number;
  /** Hex characters kept of each HMAC-SHA256 (80 bits). */
  idHexChars: number;
  /** Keys that were set but not used (variable names or data.pseudonymise.key; never a key): each is also a warning. */
  unusedKeys?: string[];
}

/** The result of loadTables: JSON-serialisable, goes into the run manifest. */
export interface LoadResult {
  schemaVersion: 1;
  /** The loaded tables in canonical order (customers, transactions, events). */
  tables: LoadedTable[];
  /** Tables the config does not provide (no canonical table exists for them). */
  absent: TableName[];
  /** Every non-fatal problem found, in table order. */
  warnings: Problem[];
  /** Customer ids were replaced by keyed pseudonyms (details in pseudonymisation). */
  pseudonymised: boolean;
  pseudonymisation: PseudonymisationInfo;
}
