import type { Problem } from '../core/errors';
import { assertUnreachable } from '../core/assertUnreachable';
import type { InvalidPolicy, TableSource } from './DataConfig';
import { type DuckSession, quoteIdent, quoteLiteral } from './DuckSession';
import { conversionSql, presentSql } from './conversionSql';
import { duckErrorMessage } from './duckErrorMessage';
import { inferColumnRoles } from './inferColumnRoles';
import { invalidPolicy } from './invalidPolicy';
import { sampleLocation } from './locateRows';
import { ROW_COLUMN, type RawTable } from './readRawTable';
import { SAMPLE_ROWS } from './sampleRows';
import type { ColumnPlan } from './resolveMapping';
import type { TableName } from './schema';

export interface TableContext {
  table: TableName;
  /** Absolute path of the source file. */
  file: string;
  /** Config field of the table, e.g. "data.transactions". */
  field: string;
  source: TableSource;
  raw: RawTable;
}

/** A column whose values come from the file: its mapped value m{i} and converted value c{i} (in the stage table). */
export interface StagedColumn {
  plan: ColumnPlan;
  index: number;
  valueType: string;
}

export interface ValidatedTable {
  /**
   * Stage table in source order: __row, c{i} (converted values), __bad (a present value of the
   * row did not convert) and, when a column's policy is drop, __invalid (the number, in `dropColumns`,
   * of the first such column whose value did not convert); undefined when a mapping failed.
   */
  stageName?: string;
  /**
   * The one-pass CSV read only: the table under the stage view, holding c{i} (staged order) and __bad in
   * file order, so that row id + 1 is the source row. The canonical table takes it over by renaming
   * when no row is left out, instead of copying every row.
   */
  storedStage?: string;
  /**
   * The one-pass CSV read only: what its stored table's statistics already tell, so that the canonical
   * table's checks skip a scan that would find nothing: whether some required column has an empty value,
   * and (events) that no type is one seglab does not use (0; absent when some may be).
   */
  onePassCounts?: { requiredMissing: boolean; unknownEventTypes?: 0 };
  /** Columns whose invalid values leave their row out (onInvalid: drop), numbered as in __invalid. */
  dropColumns: { code: number; name: string }[];
  /** Plans with every role and type decided. */
  plans: ColumnPlan[];
  staged: StagedColumn[];
  /** Columns whose values mostly do not parse (a fatal problem is reported for each). */
  fatalColumns: string[];
  problems: Problem[];
}

const SAMPLE = SAMPLE_ROWS;
/** Values quoted in a message; the rows of all SAMPLE are listed. */
const EXAMPLES = 5;
/** An explicitly mapped column without a configured policy where more than this share does not parse has the wrong type. */
export const WRONG_TYPE_SHARE = 0.5;

const DATE_FORMATS = [
  '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d', '%Y%m%d',
  '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y',
  '%m/%d/%Y %I:%M %p', '%d.%m.%Y %H:%M', '%d.%m.%Y', '%d-%m-%Y', '%d-%b-%Y', '%d %b %Y', '%b %d, %Y',
  '%d/%m/%y', '%m/%d/%y', '%d.%m.%y',
];

/**
 * Map and convert one raw table into a stage table, checking every mapped column: mapping
 * expressions that fail, values that do not parse as the column's type (fatal when most of a
 * required column or of an explicitly mapped one fails, or as onInvalid says), columns with no values.
 * Every problem is returned, none is thrown. (Repeated rows are counted on the loaded rows, by
 * buildCanonicalTable.)
 */
export async function validateTable(session: DuckSession, ctx: TableContext, plans: readonly ColumnPlan[]): Promise<ValidatedTable> {
  const problems: Problem[] = [];
  const raw = quoteIdent(ctx.raw.sqlName);
  const rawTypes = new Map(ctx.raw.columns.map((c) => [c.name, c.type]));
  const work = plans.map((p) => ({ ...p }));

  // 1. The type of every mapped value; expressions that do not bind are mapping mistakes.
  const staged: StagedColumn[] = [];
  const valueSql = new Map<ColumnPlan, string>();
  const codes = ctx.source.missingValues ?? {};
  for (const plan of work) {
    if (plan.origin.kind === 'source') {
      const valueType = rawTypes.get(plan.origin.column) ?? 'VARCHAR';
      valueSql.set(plan, missingCodesSql(quoteIdent(plan.origin.column), codes[plan.name]));
      staged.push({ plan, index: staged.length, valueType });
    } else if (plan.origin.kind === 'sql') {
      const sql = `(${plan.origin.sql})`;
      try {
        const [d] = await session.describe(`SELECT ${sql} AS v FROM ${raw}`);
        const valueType = d?.type ?? 'VARCHAR';
        valueSql.set(plan, missingCodesSql(sql, codes[plan.name]));
        staged.push({ plan, index: staged.length, valueType });
      } catch (error) {
        problems.push(expressionProblem(ctx, plan, error));
      }
    }
  }
  if (problems.length) return { plans: work, staged, dropColumns: [], fatalColumns: [], problems };

  /** The mapped values m{i} of `rows` (the raw table or some of its rows). */
  const mappedFrom = (rows: string) => `(SELECT ${[ROW_COLUMN, ...staged.map((s) => `${valueSql.get(s.plan)} AS m${s.index}`)].join(', ')} FROM ${rows})`;
  const mapped = mappedFrom(raw);

  // 2. Roles and types of extra columns from their values.
  const undecided = staged.filter((s) => s.plan.type === undefined);
  try {
    const inferred = await inferColumnRoles(
      session,
      mapped,
      undecided.map((s) => ({ name: s.plan.name, ...(s.plan.role ? { role: s.plan.role } : {}), valueSql: `m${s.index}`, valueType: s.valueType })),
    );
    for (const s of undecided) {
      const got = inferred.get(s.plan.name)!;
      s.plan.role = got.role;
      s.plan.type = got.type;
    }
  } catch (error) {
    // An expression failed while running (e.g. a CAST of a bad value); find which one.
    return { plans: work, staged, dropColumns: [], fatalColumns: [], problems: await runtimeExpressionProblems(session, ctx, staged, valueSql, error) };
  }

  // 3. Stage table with the converted values and __bad, whether a present value of the row did not
  // convert. Neither the mapped values (they would double the table) nor a flag per column (even a
  // BOOLEAN column takes 40 MB per 10M rows) are kept: which values failed is worked out again,
  // from the raw table, on the rows that have any.
  const stageName = `__seglab_stage_${ctx.table}`;
  const conv = (s: StagedColumn) => stagedConversionSql(s, ctx.source);
  /** __row, and m{i} and c{i} of every staged column, for `rows`. */
  const converted = (rows: string) =>
    `(SELECT ${[ROW_COLUMN, ...staged.map((s) => `m${s.index}, ${conv(s)} AS c${s.index}`)].join(', ')} FROM ${mappedFrom(rows)})`;
  const bad = staged.length ? staged.map(failedSql).join(' OR ') : 'false';
  const drops = staged.filter((s) => invalidPolicy(s.plan, ctx.source.onInvalid).policy === 'drop');
  const dropColumns = drops.map((s, k) => ({ code: k + 1, name: s.plan.name }));
  const invalid = drops.length ? `, CASE ${drops.map((s, k) => `WHEN ${failedSql(s)} THEN ${k + 1}`).join(' ')} END::SMALLINT AS __invalid` : '';
  try {
    // Insertion order (= __row order) is preserved without a sort.
    await session.run(
      `CREATE OR REPLACE TABLE ${quoteIdent(stageName)} AS
       SELECT ${[ROW_COLUMN, ...staged.map((s) => `c${s.index}`)].join(', ')}, ${bad} AS __bad${invalid} FROM ${converted(raw)}`,
    );
  } catch (error) {
    return { plans: work, staged, dropColumns: [], fatalColumns: [], problems: await runtimeExpressionProblems(session, ctx, staged, valueSql, error) };
  }
  const stage = quoteIdent(stageName);

  // 4. Values that do not parse, and columns without any value. A value that converts is present,
  // so present = converted + failed.
  const fatalColumns: string[] = [];
  if (staged.length) {
    const counts =
      (await session.one(`SELECT count(*) AS total, count_if(__bad) AS bad, ${staged.map((s) => `count(c${s.index}) AS ok${s.index}`).join(', ')} FROM ${stage}`)) ?? {};
    const total = Number(counts.total);
    // The rows with a failed value, converted again. Plain source columns are picked before they are
    // converted, which spares converting every row again; expressions may look at other rows
    // (window functions), so they are evaluated on the whole raw table and the rows picked after.
    const badRows = `${ROW_COLUMN} IN (SELECT ${ROW_COLUMN} FROM ${stage} WHERE __bad)`;
    const failedValues = staged.every((s) => s.plan.origin.kind === 'source')
      ? converted(`(SELECT * FROM ${raw} WHERE ${badRows})`)
      : `(SELECT * FROM ${converted(raw)} WHERE ${badRows})`;
    const failedCounts = Number(counts.bad)
      ? ((await session.one(`SELECT ${staged.map((s) => `count_if(${failedSql(s)}) AS f${s.index}`).join(', ')} FROM ${failedValues}`)) ?? {})
      : {};
    for (const s of staged) {
      const failed = Number(failedCounts[`f${s.index}`] ?? 0);
      const present = Number(counts[`ok${s.index}`]) + failed;
      if (failed > 0) {
        const problem = await parseProblem(session, ctx, failedValues, mapped, s, present, failed);
        problems.push(problem);
        if (problem.severity === 'error') fatalColumns.push(s.plan.name);
      }
      if (present === 0) problems.push(emptyColumnProblem(ctx, s.plan, total));
    }
  }

  return { stageName, plans: work, staged, dropColumns, fatalColumns, problems };
}

/** The warning for a mapped column without any value. */
export function emptyColumnProblem(ctx: Pick<TableContext, 'file' | 'field'>, plan: ColumnPlan, total: number): Problem {
  return {
    severity: 'warning',
    check: 'empty-column',
    message: `column "${plan.name}" (${describeOrigin(plan)}) has no values in any of the ${total.toLocaleString('en-US')} rows`,
    location: { file: ctx.file, column: sourceName(plan) },
    count: total,
    share: 1,
    hint: plan.explicit ? `check the mapping columns.${plan.name} under ${ctx.field}` : 'the column is kept but carries no information',
  };
}

/** SQL converting a staged column's mapped value m{i} to its canonical type (c{i}). */
export function stagedConversionSql(s: StagedColumn, source: TableSource): string {
  return conversionSql(`m${s.index}`, s.valueType, s.plan.type!, s.plan.role!, s.plan.type === 'TIMESTAMP' ? source.timestampFormat : undefined);
}

/**
 * The mapped value with the column's missing-value codes turned into NULL, before anything reads it
 * (role inference, conversion, the checks). Numbers match as numbers, text as trimmed text.
 */
export function missingCodesSql(value: string, codes: readonly (string | number)[] | undefined): string {
  if (!codes?.length) return value;
  const text = `trim(CAST(${value} AS VARCHAR))`;
  const numbers = codes.filter((c): c is number => typeof c === 'number');
  const words = codes.filter((c): c is string => typeof c === 'string').map((c) => c.trim());
  // Comparisons joined by OR, not IN lists: DuckDB may plan an IN list of five or more values as a join,
  // and the one-pass read's table would then lose file order (its row ids are the rows' numbers).
  const tests = [
    ...numbers.map((n) => `TRY_CAST(${text} AS DOUBLE) = ${n}::DOUBLE`),
    ...words.map((w) => `${text} = ${quoteLiteral(w)}`),
  ];
  return `(CASE WHEN ${tests.join(' OR ')} THEN NULL ELSE ${value} END)`;
}

/** SQL that is true for a present value of a staged column that did not convert. */
export function failedSql(s: StagedColumn): string {
  // CASE evaluates the presence test (a trim) only where the conversion gave NULL.
  return `(CASE WHEN c${s.index} IS NULL THEN ${presentSql(`m${s.index}`, s.valueType)} ELSE false END)`;
}

function sourceName(plan: ColumnPlan): string {
  return plan.origin.kind === 'source' ? plan.origin.column : plan.name;
}

function describeOrigin(plan: ColumnPlan): string {
  switch (plan.origin.kind) {
    case 'source':
      return `source column "${plan.origin.column}"`;
    case 'sql':
      return `expression ${plan.origin.sql}`;
    default:
      return plan.origin.kind;
  }
}

function expressionProblem(ctx: TableContext, plan: ColumnPlan, error: unknown): Problem {
  const sql = plan.origin.kind === 'sql' ? plan.origin.sql : '';
  const textual = ctx.raw.columns.every((c) => c.type === 'VARCHAR');
  return {
    severity: 'error',
    check: 'mapping-expression',
    message: `the expression for "${plan.name}" (${sql}) fails: ${duckErrorMessage(error)}`,
    location: { file: ctx.file, column: plan.name, field: `${ctx.field}.columns.${plan.name}` },
    hint: `${textual ? 'expressions see the source columns as text (VARCHAR); convert them, e.g. TRY_CAST("Quantity" AS DOUBLE). ' : ''}Source columns: ${ctx.raw.columns.map((c) => c.name).join(', ')}; ${ROW_COLUMN} is the 1-based row number`,
  };
}

async function runtimeExpressionProblems(
  session: DuckSession,
  ctx: TableContext,
  staged: readonly StagedColumn[],
  valueSql: Map<ColumnPlan, string>,
  original: unknown,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const s of staged) {
    if (s.plan.origin.kind !== 'sql') continue;
    try {
      // count(x) has to evaluate x on every row.
      await session.scalar(`SELECT count(${valueSql.get(s.plan)}) FROM ${quoteIdent(ctx.raw.sqlName)}`);
    } catch (error) {
      problems.push(expressionProblem(ctx, s.plan, error));
    }
  }
  if (!problems.length) {
    problems.push({
      severity: 'error',
      check: 'mapping-expression',
      message: `mapping the columns of ${ctx.table} failed: ${duckErrorMessage(original)}`,
      location: { file: ctx.file, field: `${ctx.field}.columns` },
    });
  }
  return problems;
}

function expectedWord(plan: ColumnPlan): string {
  switch (plan.type) {
    case 'DOUBLE':
    case 'BIGINT':
      return 'numbers';
    case 'TIMESTAMP':
      return 'dates / timestamps';
    case 'BOOLEAN':
      return `booleans (true/false, yes/no, 1/0)`;
    default:
      return 'text';
  }
}

async function parseProblem(
  session: DuckSession,
  ctx: TableContext,
  failedValues: string,
  mapped: string,
  s: StagedColumn,
  present: number,
  failed: number,
): Promise<Problem> {
  const share = failed / present;
  const plan = s.plan;
  const { policy, configured } = invalidPolicy(plan, ctx.source.onInvalid);
  // Mostly unparseable values in a column the config maps say the mapping is wrong, whatever the default.
  const wrongType = share > WRONG_TYPE_SHARE && (plan.required || plan.explicit);
  const fatal = policy === 'error' || (wrongType && !configured);
  const isDate = plan.type === 'TIMESTAMP';
  const samples = await session.all(
    `SELECT ${ROW_COLUMN} AS r, CAST(m${s.index} AS VARCHAR) AS v FROM ${failedValues} WHERE ${failedSql(s)} ORDER BY ${ROW_COLUMN} LIMIT ${SAMPLE}`,
  );
  const { location, sampleRows } = await sampleLocation(session, ctx.raw, ctx.file, samples.map((r) => Number(r.r)), sourceName(plan));
  const examples = samples.slice(0, EXAMPLES).map((r, i) => `${JSON.stringify(String(r.v))} (row ${sampleRows[i]})`).join(', ');
  const what = `${failed.toLocaleString('en-US')} of ${present.toLocaleString('en-US')} values of "${plan.name}" (${describeOrigin(plan)}) are not ${expectedWord(plan)}`;
  const check = isDate ? 'unparseable-date' : fatal && wrongType ? 'wrong-type' : 'unparseable-values';
  const policyKey = `onInvalid: { ${plan.name}: drop | null } under ${ctx.field}`;
  let hint: string;
  if (isDate) {
    const suggestion = await suggestDateFormat(session, mapped, s);
    const current = ctx.source.timestampFormat;
    hint =
      (suggestion
        ? `set timestampFormat: ${suggestion} under ${ctx.field} (strptime format)`
        : `set timestampFormat: under ${ctx.field} to the strptime format of the dates, e.g. '%d/%m/%Y %H:%M'`) +
      (current ? ` (now ${JSON.stringify(current)})` : '') +
      (fatal ? `; or, to leave the rows out or keep them without a date, set ${policyKey}` : `; ${policyOutcome(policy, plan.required)}`);
  } else if (fatal && wrongType) {
    hint = `map ${plan.name} to a source column that holds ${expectedWord(plan)} (columns: { ${plan.name}: <source column> } under ${ctx.field}), or convert the values with an expression ({ sql: "..." }); if the values are really invalid, set ${policyKey}`;
  } else if (fatal) {
    hint = `fix the values in the source, or set ${policyKey} to leave these rows out (drop) or keep them with the value missing (null)`;
  } else {
    hint = policyOutcome(policy, plan.required);
  }
  return {
    severity: fatal ? 'error' : 'warning',
    check,
    message: `${fatal && wrongType ? 'most values have the wrong type: ' : ''}${what}, e.g. ${examples}`,
    location: plan.explicit ? { ...location, field: `${ctx.field}.columns.${plan.name}` } : location,
    count: failed,
    share,
    sampleRows,
    hint,
  };
}

/** What happened to the rows of a non-fatal invalid value, as a hint. */
function policyOutcome(policy: InvalidPolicy, required: boolean): string {
  switch (policy) {
    case 'drop':
      return 'these rows are left out (onInvalid: drop)';
    case 'null':
      return required
        ? 'these values become missing (onInvalid: null), so their rows are left out for the missing required value'
        : 'these values become missing (onInvalid: null); the rows are kept';
    case 'error':
      return 'fix the values in the source';
    default:
      return assertUnreachable(policy, 'onInvalid policy');
  }
}

/** The strptime format(s) that parse the most of a sample of the values, when one parses at least 90%. */
async function suggestDateFormat(session: DuckSession, mapped: string, s: StagedColumn): Promise<string | undefined> {
  const v = `NULLIF(trim(CAST(m${s.index} AS VARCHAR)), '')`;
  const parts = DATE_FORMATS.map((f, i) => `count(try_strptime(v, ${quoteLiteral(f)})) AS f${i}`);
  const row = await session.one(`SELECT count(v) AS n, ${parts.join(', ')} FROM (SELECT ${v} AS v FROM ${mapped} WHERE ${v} IS NOT NULL LIMIT 2000)`);
  if (!row || !Number(row.n)) return undefined;
  const n = Number(row.n);
  const scores = DATE_FORMATS.map((f, i) => ({ f, ok: Number(row[`f${i}`]) }));
  const best = Math.max(...scores.map((x) => x.ok));
  if (best < 0.9 * n) return undefined;
  const top = scores.filter((x) => x.ok === best).map((x) => `'${x.f}'`);
  return top.length === 1 ? top[0] : `${top[0]} (also fits: ${top.slice(1).join(', ')} — check which is meant)`;
}
