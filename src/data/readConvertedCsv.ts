import type { Problem } from '../core/errors';
import { anyTrue, columnNullFacts } from './columnNullFacts';
import { unknownEventTypeSql } from './unknownEventTypeSql';
import { type DuckSession, quoteIdent, quoteLiteral } from './DuckSession';
import { csvDuplicateHeaders, csvReadOptions, LINE_COLUMN, ROW_COLUMN, type RawReadRequest, type RawTable } from './readRawTable';
import { type ColumnPlan, resolveMapping } from './resolveMapping';
import { emptyColumnProblem, failedSql, missingCodesSql, stagedConversionSql, type StagedColumn, type ValidatedTable } from './validateTable';

export interface ConvertedRead {
  raw: RawTable;
  validated: ValidatedTable;
  /** Mapping warnings (none: a mapping with problems takes the staged path). */
  problems: Problem[];
  /** Drops what the read created. */
  drop(): Promise<void>;
}

/**
 * The one-pass read of a CSV file: read, map and convert in one statement into the stage table, with
 * the very SQL of the staged path (validateTable's conversions), without storing the source text. It
 * succeeds only when the staged path would find nothing to report about values: no line refused by
 * the reader and every present value converted. Otherwise (and for anything it does not handle:
 * expressions, columns whose type comes from their values, cp1252, duplicate or reserved header
 * names) it leaves nothing behind and returns undefined, and the staged read runs, with every check
 * and row number as before. On a clean file the canonical table and every count are the same.
 */
export async function readConvertedCsv(session: DuckSession, req: RawReadRequest): Promise<ConvertedRead | undefined> {
  if (req.detected.format !== 'csv' || req.source.encoding === 'cp1252' || req.source.encoding === 'utf-16') return undefined;
  const storedName = `__seglab_onepass_${req.table}`;
  const stored = quoteIdent(storedName);
  const view = `__seglab_onepass_stage_${req.table}`;
  const rejectsTable = `__seglab_onepass_rejects_${req.table}`;
  const rejectsScan = `__seglab_onepass_rejects_scan_${req.table}`;
  const drop = async () => {
    await session.run(
      `DROP VIEW IF EXISTS ${quoteIdent(view)}; DROP TABLE IF EXISTS ${stored}; DROP TABLE IF EXISTS ${quoteIdent(rejectsTable)}; DROP TABLE IF EXISTS ${quoteIdent(rejectsScan)}`,
    );
  };
  const reader = (rejects: boolean) =>
    `read_csv(${quoteLiteral(req.path)}, ${csvReadOptions(req, rejects ? { table: rejectsTable, scan: rejectsScan } : undefined).join(', ')})`;

  let columns: { name: string; type: string }[];
  try {
    // Binding sniffs the dialect and the header from the start of the file; nothing is read yet.
    columns = await session.describe(`SELECT * FROM ${reader(false)}`);
  } catch {
    return undefined;
  }
  const names = columns.map((c) => c.name);
  // One column named like a whole header line (an unclosed quote), reserved names, rowid, repeated header names.
  if (names.length === 1 && /[,;\t|]/.test(names[0]!)) return undefined;
  if (names.some((n) => n === ROW_COLUMN || n === LINE_COLUMN || n.toLowerCase() === 'rowid')) return undefined;
  const header = req.source.header ?? !names.every((n, i) => n === `column${i}`);
  if (header && csvDuplicateHeaders(req, names, req.source.delimiter ?? req.detected.delimiter).length) return undefined;

  const mapping = resolveMapping(req.table, req.source, names, req.path, req.field, []);
  if (mapping.problems.length) return undefined;
  const plans: ColumnPlan[] = mapping.plans.map((p) => ({ ...p }));
  const decided = (p: ColumnPlan) => p.type !== undefined && p.role !== undefined;
  if (!plans.every((p) => p.origin.kind === 'generated' || p.origin.kind === 'default' || p.origin.kind === 'absent' || (p.origin.kind === 'source' && decided(p)))) return undefined;

  const staged: StagedColumn[] = [];
  const codes = req.source.missingValues ?? {};
  const valueSql: string[] = [];
  for (const plan of plans) {
    if (plan.origin.kind !== 'source') continue;
    valueSql.push(missingCodesSql(quoteIdent(plan.origin.column), codes[plan.name]));
    staged.push({ plan, index: staged.length, valueType: 'VARCHAR' });
  }
  // As validateTable: m{i} the mapped values, c{i} the converted ones, __bad whether a present value did not convert.
  const mapped = `(SELECT ${staged.length ? staged.map((s) => `${valueSql[s.index]} AS m${s.index}`).join(', ') : '1 AS __none'} FROM ${reader(true)})`;
  const converted = `(SELECT ${[...staged.map((s) => `m${s.index}, ${stagedConversionSql(s, req.source)} AS c${s.index}`), '1 AS __one'].join(', ')} FROM ${mapped})`;
  const bad = staged.length ? staged.map(failedSql).join(' OR ') : 'false';
  // Events: __unknown marks a type seglab does not use; its statistics then say whether any row has one.
  const eventType = req.table === 'events' ? staged.find((s) => s.plan.name === 'event_type') : undefined;
  const unknown = eventType ? [`${unknownEventTypeSql(`c${eventType.index}`)} AS __unknown`] : [];
  try {
    await session.run(`CREATE OR REPLACE TABLE ${stored} AS SELECT ${[...staged.map((s) => `c${s.index}`), `${bad} AS __bad`, ...unknown].join(', ')} FROM ${converted}`);
    const rejected = Number(await session.scalar(`SELECT count(*) FROM ${quoteIdent(rejectsTable)}`));
    // What the checks need to know is read from the stored table's column statistics (no scan of its
    // rows): the row count, whether a value failed to convert, which columns have NULLs or no value.
    const total = Number(await session.scalar(`SELECT count(*) FROM ${stored}`));
    if (rejected > 0 || total === 0 || (await anyTrue(session, storedName, '__bad'))) {
      await drop();
      return undefined;
    }
    const facts = await columnNullFacts(session, storedName, staged.map((s) => `c${s.index}`));
    // Rows are numbered by the stored table's row ids, which follow file order (as the raw view does).
    await session.run(`CREATE VIEW ${quoteIdent(view)} AS SELECT rowid + 1 AS ${ROW_COLUMN}, * EXCLUDE (__bad${eventType ? ', __unknown' : ''}) FROM ${stored}`);
    await session.run(`DROP TABLE IF EXISTS ${quoteIdent(rejectsTable)}; DROP TABLE IF EXISTS ${quoteIdent(rejectsScan)}`);
    const problems = staged.filter((s) => !facts[s.index]!.hasValue).map((s) => emptyColumnProblem({ file: req.path, field: req.field }, s.plan, total));
    const raw: RawTable = {
      sqlName: view,
      columns: columns.map((c) => ({ name: c.name, type: 'VARCHAR' })),
      rows: total,
      headerLines: header ? 1 : 0,
      lineMode: 'offset',
      rejectedLines: [],
      duplicateHeaders: [],
    };
    // A required canonical column that comes from the file and has a NULL leaves rows out.
    const requiredMissing = plans.some((p) => p.canonical && p.required && (p.origin.kind !== 'source' || facts[staged.find((s) => s.plan === p)!.index]!.hasNull));
    const noUnknownTypes = eventType !== undefined && !(await anyTrue(session, storedName, '__unknown'));
    const onePassCounts = { requiredMissing, ...(noUnknownTypes ? { unknownEventTypes: 0 as const } : {}) };
    return { raw, validated: { stageName: view, storedStage: storedName, onePassCounts, dropColumns: [], plans, staged, fatalColumns: [], problems }, problems: [], drop };
  } catch {
    // A value the conversion cannot take (or a read error): the staged path says which and where.
    await drop();
    return undefined;
  }
}
