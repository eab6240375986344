import type { Problem } from '../core/errors';
import { ON_INVALID_DEFAULT_KEY, type TableSource } from './DataConfig';
import type { DuplicateHeader } from './duplicateHeaders';
import { type ColumnRole, type ColumnSpec, SCHEMAS, type TableName } from './schema';

export type ColumnType = ColumnSpec['type'];

/** Where the values of an output column come from. */
export type ColumnOrigin =
  /** A source column, as read. */
  | { kind: 'source'; column: string }
  /** A DuckDB expression over the source columns (and __row). */
  | { kind: 'sql'; sql: string }
  /** One value per source row (transactions.order_id without a source). */
  | { kind: 'generated' }
  /** Derived from other canonical columns (transactions.is_return = amount < 0). */
  | { kind: 'default'; sql: string }
  /** Canonical column with no source: present in the table, all NULL. */
  | { kind: 'absent' };

export interface ColumnPlan {
  /** Name in the canonical table. */
  name: string;
  canonical: boolean;
  required: boolean;
  /** Undefined until inferred from the values (extra columns without a configured role). */
  role?: ColumnRole;
  roleSource: 'schema' | 'config' | 'inferred';
  /** Undefined until inferred (extra columns without a role, and targets). */
  type?: ColumnType;
  origin: ColumnOrigin;
  /** Named in the config: a column that does not parse there is a mapping mistake, hence fatal. */
  explicit: boolean;
}

export interface MappingResult {
  plans: ColumnPlan[];
  problems: Problem[];
}

/** DuckDB type of each role for extra columns; a target's type is inferred from its values. */
export function typeForRole(role: ColumnRole): ColumnType | undefined {
  switch (role) {
    case 'id':
    case 'categorical':
      return 'VARCHAR';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'numeric':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'target':
      return undefined;
  }
}

/**
 * Decide, for one table, where every output column comes from: explicit `columns` entries first,
 * then canonical columns found in the file under the same name (case and punctuation ignored),
 * then (keepUnmapped) every other source column as an extra attribute. Reports every unknown
 * source column, missing required column and misplaced role at once. A name the header gives to
 * several fields is an error when the mapping uses it (which copy is meant cannot be told), else a warning.
 */
export function resolveMapping(
  table: TableName,
  source: TableSource,
  sourceColumns: readonly string[],
  file: string,
  field: string,
  duplicateHeaders: readonly DuplicateHeader[] = [],
): MappingResult {
  const schema = SCHEMAS[table];
  const problems: Problem[] = [];
  const explicit = source.columns ?? {};
  const roles = source.roles ?? {};
  const used = new Set<string>();
  const available = sourceColumns.map((c) => JSON.stringify(c)).join(', ');

  const findSource = (name: string): string | undefined => {
    if (sourceColumns.includes(name)) return name;
    const lower = sourceColumns.filter((c) => c.toLowerCase() === name.toLowerCase());
    return lower.length === 1 ? lower[0] : undefined;
  };

  const originOf = (name: string): ColumnOrigin | undefined => {
    const m = explicit[name];
    if (m === undefined) return undefined;
    if (typeof m !== 'string') return { kind: 'sql', sql: m.sql };
    const src = findSource(m);
    if (src === undefined) {
      problems.push({
        severity: 'error',
        check: 'unknown-source-column',
        message: `columns.${name} names the source column "${m}", which the file does not have. Columns in the file: ${available}`,
        location: { file, field: `${field}.columns.${name}` },
        hint: `use one of the columns listed (names are matched case-insensitively), or an expression: columns: { ${name}: { sql: "..." } }`,
      });
      return undefined;
    }
    used.add(src);
    return { kind: 'source', column: src };
  };

  const plans: ColumnPlan[] = [];
  const canonicalNames = new Set(schema.columns.map((c) => c.name));
  // Resolve explicit mappings first so auto-matching never steals a column the config names.
  const explicitOrigins = new Map<string, ColumnOrigin | undefined>();
  for (const name of Object.keys(explicit)) explicitOrigins.set(name, originOf(name));

  for (const spec of schema.columns) {
    const base = { name: spec.name, canonical: true, required: spec.required, role: spec.role, roleSource: 'schema' as const, type: spec.type };
    if (explicitOrigins.has(spec.name)) {
      const origin = explicitOrigins.get(spec.name);
      if (origin) plans.push({ ...base, origin, explicit: true });
      continue;
    }
    const candidates = sourceColumns.filter((c) => !used.has(c) && normalise(c) === normalise(spec.name));
    if (candidates.length === 1) {
      used.add(candidates[0]!);
      plans.push({ ...base, origin: { kind: 'source', column: candidates[0]! }, explicit: false });
    } else if (table === 'transactions' && spec.name === 'order_id') {
      plans.push({ ...base, origin: { kind: 'generated' }, explicit: false });
    } else if (table === 'transactions' && spec.name === 'is_return') {
      plans.push({ ...base, origin: { kind: 'default', sql: '"amount" < 0' }, explicit: false });
    } else if (spec.required) {
      problems.push({
        severity: 'error',
        check: 'missing-column',
        message: `required column "${spec.name}" (${spec.description}) is not mapped and the file has no column of that name. Columns in the file: ${available}`,
        location: { file, column: spec.name, field: `${field}.columns` },
        hint: `add \`columns: { ${spec.name}: <source column> }\` under ${field}`,
      });
    } else {
      plans.push({ ...base, origin: { kind: 'absent' }, explicit: false });
    }
  }

  const taken = new Set(plans.map((p) => p.name.toLowerCase()));
  for (const [name, origin] of explicitOrigins) {
    if (canonicalNames.has(name)) continue;
    // DuckDB identifiers ignore case, so "Gender" next to "gender" would be one column twice.
    if (taken.has(name.toLowerCase())) {
      problems.push({
        severity: 'error',
        check: 'duplicate-column-name',
        message: `columns.${name} differs only in letter case from another output column of ${table}`,
        location: { file, field: `${field}.columns.${name}` },
        hint: canonicalNames.has(name.toLowerCase()) ? `write the canonical name in lower case: ${name.toLowerCase()}` : 'give the column a distinct name',
      });
      continue;
    }
    taken.add(name.toLowerCase());
    if (!origin) continue;
    const role = roles[name];
    plans.push({
      name,
      canonical: false,
      required: false,
      ...(role ? { role, type: typeForRole(role) } : {}),
      roleSource: role ? 'config' : 'inferred',
      origin,
      explicit: true,
    });
  }

  if (source.keepUnmapped) {
    for (const column of sourceColumns) {
      if (used.has(column)) continue;
      let name = toSnakeCase(column);
      for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${toSnakeCase(column)}_${i}`;
      taken.add(name.toLowerCase());
      const role = roles[name];
      plans.push({
        name,
        canonical: false,
        required: false,
        ...(role ? { role, type: typeForRole(role) } : {}),
        roleSource: role ? 'config' : 'inferred',
        origin: { kind: 'source', column },
        explicit: role !== undefined,
      });
    }
  }

  const extras = new Set(plans.filter((p) => !p.canonical).map((p) => p.name));
  for (const name of Object.keys(roles)) {
    if (extras.has(name)) continue;
    const canonical = schema.columns.find((c) => c.name === name);
    problems.push({
      severity: 'error',
      check: canonical ? 'canonical-role' : 'unknown-role-column',
      message: canonical
        ? `roles.${name}: "${name}" is a canonical ${table} column whose role is fixed (${canonical.role})`
        : `roles.${name} names no output column of ${table}; output columns: ${[...plans.map((p) => p.name)].join(', ')}`,
      location: { file, field: `${field}.roles.${name}` },
      hint: canonical
        ? `remove roles.${name}; to keep the source values under another role, map them to a new name (columns: { my_${name}: <source column> })`
        : `map the column first (columns: { ${name}: <source column> }) or set keepUnmapped: true, and use the output (snake_case) name`,
    });
  }
  const outputs = new Set(plans.filter((p) => p.origin.kind !== 'absent').map((p) => p.name));
  const onInvalid = source.onInvalid;
  for (const name of typeof onInvalid === 'object' ? Object.keys(onInvalid) : []) {
    if (name === ON_INVALID_DEFAULT_KEY || outputs.has(name)) continue;
    problems.push({
      severity: 'error',
      check: 'unknown-on-invalid-column',
      message: `onInvalid.${name} names no column of ${table} read from the file; columns: ${[...outputs].join(', ')}`,
      location: { file, field: `${field}.onInvalid.${name}` },
      hint: `use an output column name (snake_case for kept columns), or ${ON_INVALID_DEFAULT_KEY} for every column not named`,
    });
  }
  for (const name of Object.keys(source.missingValues ?? {})) {
    if (outputs.has(name)) continue;
    problems.push({
      severity: 'error',
      check: 'unknown-missing-values-column',
      message: `missingValues.${name} names no column of ${table} read from the file; columns: ${[...outputs].join(', ')}`,
      location: { file, field: `${field}.missingValues.${name}` },
      hint: `use an output column name (snake_case for kept columns); map the column first (columns: { ${name}: <source column> }) or set keepUnmapped: true`,
    });
  }
  for (const dup of duplicateHeaders) problems.push(duplicateHeaderProblem(dup, plans, source, file, field));
  return { plans, problems };
}

function duplicateHeaderProblem(dup: DuplicateHeader, plans: readonly ColumnPlan[], source: TableSource, file: string, field: string): Problem {
  const where = `${dup.fields.length === 2 ? 'two' : dup.fields.length} fields "${dup.name}" (fields ${listWords(dup.fields.map(String))})`;
  const readAs = dup.fields.map((f, i) => `field ${f} → ${dup.columns[i]}`).join(', ');
  const names = [dup.name, ...dup.columns];
  const users = plans.filter((p) => {
    const o = p.origin;
    if (o.kind === 'source') return dup.columns.includes(o.column) && (p.canonical || source.columns?.[p.name] !== undefined);
    return o.kind === 'sql' && names.some((n) => mentions(o.sql, n));
  });
  const location = { file, line: 1, column: dup.name };
  if (users.length) {
    const user = users[0]!;
    const how = source.columns?.[user.name] !== undefined ? `columns.${user.name} uses it` : `the canonical column ${user.name} is matched to it by name`;
    return {
      severity: 'error',
      check: 'duplicate-header',
      message: `the header names ${where}; they are read as ${readAs}, and ${how}: which of them is meant cannot be told`,
      location: { ...location, field: source.columns?.[user.name] !== undefined ? `${field}.columns.${user.name}` : `${field}.columns` },
      hint: `rename the fields in the header of the file so that each name occurs once, then map the one you mean under ${field}`,
    };
  }
  const kept = dup.columns.filter((c) => plans.some((p) => p.origin.kind === 'source' && p.origin.column === c));
  return {
    severity: 'warning',
    check: 'duplicate-header',
    message: `the header names ${where}; they are read as ${readAs}${kept.length ? ` (loaded: ${kept.join(', ')})` : ' (none of them is loaded)'}`,
    location,
    hint: 'rename the fields in the header of the file so that each name occurs once',
  };
}

/** Whether a SQL expression names a column (bare or double-quoted, case ignored). */
function mentions(sql: string, column: string): boolean {
  const name = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_"])("${name}"|${name})($|[^A-Za-z0-9_"])`, 'i').test(sql);
}

function listWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** "customerID" → "customer_id", "StreamingTV" → "streaming_tv", "Unit Price" → "unit_price". */
export function toSnakeCase(name: string): string {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  if (!snake) return 'column';
  return /^[0-9]/.test(snake) ? `c_${snake}` : snake;
}
