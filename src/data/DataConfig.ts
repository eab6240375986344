import { z } from 'zod';
import { InputError, type Problem } from '../core/errors';
import { flattenUnionIssues } from './configIssues';
import type { ColumnRole, TableName } from './schema';

/**
 * How the source files are read and mapped onto the canonical tables (the `data:` section of a
 * run config). Paths may be relative: loadTables resolves them against the config file's folder.
 * `${data}` and other variables are substituted by the caller before this schema sees the value.
 */

export const SOURCE_FORMATS = ['auto', 'csv', 'parquet', 'json', 'whitespace'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** cp1252 (Windows-1252) is read from a UTF-8 copy: DuckDB reads the others itself. */
export const SOURCE_ENCODINGS = ['utf-8', 'latin-1', 'cp1252', 'utf-16'] as const;
export type SourceEncoding = (typeof SOURCE_ENCODINGS)[number];

/** What a value that does not parse as its column's type does: fail the load, leave its row out, or become missing. */
export const INVALID_POLICIES = ['error', 'drop', 'null'] as const;
export type InvalidPolicy = (typeof INVALID_POLICIES)[number];
/** Key of an `onInvalid` map that sets the policy of the columns it does not name. */
export const ON_INVALID_DEFAULT_KEY = 'default';

export const COLUMN_ROLES: readonly ColumnRole[] = ['id', 'timestamp', 'numeric', 'categorical', 'boolean', 'target'];

/** Output column names are used as SQL identifiers downstream, so keep them plain. */
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const columnNameSchema = z
  .string()
  .regex(COLUMN_NAME, 'column names must start with a letter or "_" and contain only letters, digits and "_"')
  // Loading names its own working columns __row, __reason, …
  .refine((name) => !name.startsWith('__'), 'column names starting with "__" are reserved by seglab');

const columnRoleSchema = z.enum(['id', 'timestamp', 'numeric', 'categorical', 'boolean', 'target']);

// YAML reads `null` as null, not as the word: both mean the null policy.
const invalidPolicySchema = z.preprocess(
  (v) => (v === null ? 'null' : v),
  z.enum(INVALID_POLICIES, { errorMap: (_issue, ctx) => ({ message: `expected error, drop or null, got ${JSON.stringify(ctx.data)}` }) }),
);

const onInvalidSchema = z.union([invalidPolicySchema, z.record(columnNameSchema, invalidPolicySchema)], {
  errorMap: (_issue, ctx) => ({
    message: `expected error, drop or null, or a map { <column>: error | drop | null, default: … }, got ${JSON.stringify(ctx.data)}`,
  }),
});

const sqlMappingSchema = z
  .object({
    sql: z.string().trim().min(1, 'sql must be a DuckDB expression over the source columns'),
  })
  .strict();

export const tableSourceSchema = z
  .object({
    path: z.string().min(1, 'path must name a file'),
    format: z.enum(SOURCE_FORMATS).optional(),
    delimiter: z.string().min(1).max(4).optional(),
    /** Default: detected (CSV: DuckDB's sniffer; whitespace: a first line without numbers is a header). */
    header: z.boolean().optional(),
    /** Quote character; "" turns quoting off. */
    quote: z.string().max(1).optional(),
    /** Text that means "missing" in every column (compared before trimming, e.g. ' '). */
    nullValues: z.array(z.string()).optional(),
    /**
     * Per output column, codes that mean "missing" (e.g. pdays: [-1]): numbers match the value as a
     * number (-1, -1.0), text matches the trimmed text.
     */
    missingValues: z
      .record(columnNameSchema, z.array(z.union([z.string(), z.number().finite()]), { errorMap: () => ({ message: 'expected a list of codes (text or numbers), e.g. [-1] or ["unknown"]' }) }).min(1, 'list at least one code'))
      .optional(),
    /** strptime format(s) for every timestamp column of the table, e.g. "%Y%m%d" or ["%d/%m/%Y %H:%M", "%d/%m/%Y"]; default: ISO dates. */
    timestampFormat: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
        errorMap: (_issue, ctx) => ({ message: `expected a strptime format or a list of them, e.g. '%d/%m/%Y %H:%M', got ${JSON.stringify(ctx.data)}` }),
      })
      .optional(),
    /** Text encoding of CSV / whitespace files (default utf-8). */
    encoding: z.enum(SOURCE_ENCODINGS).optional(),
    /**
     * Output column → source column name, or { sql } over the source columns (text for CSV and
     * whitespace files, native types for Parquet / JSON; __row is the 1-based row). Canonical columns
     * not listed are taken from a source column of the same name, ignoring case and punctuation.
     */
    columns: z
      .record(
        columnNameSchema,
        z.union([z.string().min(1), sqlMappingSchema], {
          errorMap: (_issue, ctx) => ({ message: `expected a source column name or { sql: <DuckDB expression> }, got ${JSON.stringify(ctx.data)}` }),
        }),
      )
      .optional(),
    /** Roles of extra (non-canonical) columns; unlisted extras get a role inferred from their values. */
    roles: z.record(columnNameSchema, columnRoleSchema).optional(),
    /** Keep every source column that is not mapped as an extra column, named in snake_case. */
    keepUnmapped: z.boolean().optional(),
    /** SQL condition over the canonical columns; rows where it is not true are excluded and counted. */
    filter: z.string().trim().min(1).optional(),
    /**
     * Values that do not parse as their column's type: error (the load fails), drop (the row is left
     * out) or null (the value becomes missing). One policy for the table, or per output column with
     * `default` for the others. Default: error for required columns, null for the others.
     */
    onInvalid: onInvalidSchema.optional(),
  })
  .strict();

export const pseudonymiseSchema = z
  .object({
    keyEnv: z.string().regex(ENV_NAME, 'keyEnv must be an environment variable name').optional(),
    key: z.string().min(1).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const dataConfigSchema = z
  .object({
    customers: tableSourceSchema.optional(),
    transactions: tableSourceSchema.optional(),
    events: tableSourceSchema.optional(),
    pseudonymise: pseudonymiseSchema.optional(),
  })
  .strict()
  .refine((c) => Boolean(c.customers || c.transactions || c.events), {
    message: 'data needs at least one of customers, transactions, events',
  });

export type SqlMapping = z.infer<typeof sqlMappingSchema>;
export type OnInvalid = z.infer<typeof onInvalidSchema>;
export type ColumnMapping = string | SqlMapping;
export type TableSource = z.infer<typeof tableSourceSchema>;
export type PseudonymiseConfig = z.infer<typeof pseudonymiseSchema>;
export type DataConfig = z.infer<typeof dataConfigSchema>;

export const TABLE_SOURCE_KEYS = Object.keys(tableSourceSchema.shape);

/**
 * Validate an already-parsed (YAML/JSON) `data:` section. Every problem is reported at once,
 * each with the config field it sits in (`field` is prefixed with `fieldPrefix`).
 */
export function parseDataConfig(value: unknown, fieldPrefix = 'data', source = 'config'): DataConfig {
  const parsed = dataConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems: Problem[] = flattenUnionIssues(parsed.error.issues).map((issue) => {
    const field = [fieldPrefix, ...issue.path.map(String)].filter(Boolean).join('.');
    let hint: string | undefined;
    if (issue.code === 'unrecognized_keys') {
      const isTable = issue.path.length === 1 && ['customers', 'transactions', 'events'].includes(String(issue.path[0]));
      hint = isTable
        ? `allowed keys: ${TABLE_SOURCE_KEYS.join(', ')}`
        : issue.path.length === 0
          ? 'allowed keys: customers, transactions, events, pseudonymise'
          : undefined;
    }
    return {
      severity: 'error',
      check: 'config',
      message: issue.message,
      location: { file: source, field },
      ...(hint ? { hint } : {}),
    };
  });
  throw new InputError(`The ${fieldPrefix} section of ${source} is not valid.`, problems);
}

/** A copy that is safe to write into a manifest: the pseudonymisation key is replaced. */
export function redactDataConfig(config: DataConfig): DataConfig {
  if (!config.pseudonymise?.key) return config;
  return { ...config, pseudonymise: { ...config.pseudonymise, key: '<redacted>' } };
}

/** The tables of a config in canonical order. */
export function configuredTables(config: DataConfig): TableName[] {
  return (['customers', 'transactions', 'events'] as const).filter((t) => config[t] !== undefined);
}
