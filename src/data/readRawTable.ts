import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Problem } from '../core/errors';
import { assertUnreachable } from '../core/assertUnreachable';
import type { TableSource } from './DataConfig';
import { type DuckSession, quoteIdent, quoteLiteral } from './DuckSession';
import { type DetectedFormat, peekText } from './detectFormat';
import { duckErrorMessage } from './duckErrorMessage';
import { type DuplicateHeader, duplicateGroups, findDuplicateHeaders } from './duplicateHeaders';
import { findLongLine } from './findLongLine';
import { findUnclosedQuote } from './findUnclosedQuote';
import { findWindows1252Bytes, type Windows1252Bytes } from './findWindows1252Bytes';
import { transcodeCp1252 } from './transcodeCp1252';
import { SAMPLE_ROWS } from './sampleRows';
import type { TableName } from './schema';

/** Name of the 1-based data-row column every raw table starts with; mapping SQL may use it. */
export const ROW_COLUMN = '__row';
/** Exact file line of a row (whitespace files only). */
export const LINE_COLUMN = '__line';

export interface RawTable {
  /** SQL name of the raw relation (a view over the stored values): __row, [__line,] then the source columns. */
  sqlName: string;
  /** Source columns as read: all VARCHAR for CSV / whitespace, native types for Parquet / JSON. */
  columns: { name: string; type: string }[];
  rows: number;
  /** Lines before the first data row (the header). */
  headerLines: number;
  /**
   * How a data row is traced to a file line: 'offset' → line = row + headerLines (CSV, NDJSON),
   * 'column' → the __line column (whitespace files skip blank lines), 'none' → no lines (Parquet, JSON arrays).
   */
  lineMode: 'offset' | 'column' | 'none';
  /** File lines the reader rejected, ascending; later row numbers are shifted back past them. */
  rejectedLines: number[];
  /** Names the header gives to several fields; the reader renamed the copies (amount, amount_1). */
  duplicateHeaders: DuplicateHeader[];
}

export interface RawReadRequest {
  table: TableName;
  /** Absolute path of the file (the one problems name). */
  path: string;
  /** The file actually read when it is not `path` (a UTF-8 copy of a cp1252 file). */
  readPath?: string;
  detected: DetectedFormat;
  source: TableSource;
  /** Config field of the table, e.g. "data.transactions". */
  field: string;
}

export interface RawReadResult {
  raw?: RawTable;
  problems: Problem[];
}

const SAMPLE = SAMPLE_ROWS;

/** The raw relation is a view (RawTable.sqlName) over the table that stores the values. */
interface RawNames {
  view: string;
  stored: string;
}

function rawNames(table: TableName): RawNames {
  return { view: `__seglab_raw_${table}`, stored: `__seglab_rawdata_${table}` };
}

/** Drop the raw relation of a table and the values under it; nothing happens when there is none. */
export async function dropRawTable(session: DuckSession, table: TableName): Promise<void> {
  const { view, stored } = rawNames(table);
  await session.run(`DROP VIEW IF EXISTS ${quoteIdent(view)}; DROP TABLE IF EXISTS ${quoteIdent(stored)}`);
}

/**
 * Expose a table read in file order as the raw relation, numbering its rows. The numbers come from
 * DuckDB's row ids, which follow insertion order (= file order): numbering while reading, with
 * row_number() OVER (), would force a single-threaded ordered pass that costs as much as the read.
 * A source column named "rowid" hides the row ids; then the view numbers the rows itself.
 */
async function createRawView(session: DuckSession, names: RawNames, columns: readonly { name: string }[]): Promise<void> {
  const rowid = columns.some((c) => c.name.toLowerCase() === 'rowid') ? 'row_number() OVER ()' : 'rowid + 1';
  await session.run(`CREATE VIEW ${quoteIdent(names.view)} AS SELECT ${rowid} AS ${ROW_COLUMN}, * FROM ${quoteIdent(names.stored)}`);
}

/**
 * Read one source file into a raw DuckDB table, keeping the source text of CSV / whitespace files
 * (all VARCHAR) so that validation can show the values exactly as they are written. Lines that
 * cannot be read (wrong number of fields, invalid UTF-8) are all reported, not just the first.
 */
export async function readRawTable(session: DuckSession, req: RawReadRequest): Promise<RawReadResult> {
  const format = req.detected.format;
  if (req.source.encoding !== 'cp1252' || (format !== 'csv' && format !== 'whitespace')) return readSource(session, req);
  // DuckDB reads UTF-8, latin-1 and UTF-16 only: a cp1252 file is read from a UTF-8 copy, written as a
  // stream to the temporary folder and removed once DuckDB holds the values. Lines keep their numbers.
  const dir = mkdtempSync(join(tmpdir(), 'seglab-cp1252-'));
  try {
    const copy = join(dir, 'utf8.txt');
    try {
      await transcodeCp1252(req.path, req.detected.gzip, copy);
    } catch (error) {
      return {
        problems: [
          {
            severity: 'error',
            check: 'unreadable-file',
            message: `cannot read the file to convert it from cp1252: ${error instanceof Error ? error.message : String(error)}`,
            location: { file: req.path },
            hint: `check that the file is complete (a gzip file may be truncated) and that there is room in the temporary folder (${tmpdir()})`,
          },
        ],
      };
    }
    return await readSource(session, { ...req, readPath: copy, detected: { ...req.detected, gzip: false } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The file DuckDB reads. */
function readPath(req: RawReadRequest): string {
  return req.readPath ?? req.path;
}

async function readSource(session: DuckSession, req: RawReadRequest): Promise<RawReadResult> {
  const names = rawNames(req.table);
  await dropRawTable(session, req.table);
  const format = req.detected.format;
  try {
    switch (format) {
      case 'csv':
        return await readCsv(session, req, names);
      case 'whitespace':
        return await readWhitespace(session, req, names);
      case 'json':
        return await readNative(session, req, names, 'json');
      case 'parquet':
        return await readNative(session, req, names, 'parquet');
      default:
        return assertUnreachable(format, 'format');
    }
  } catch (error) {
    await dropRawTable(session, req.table);
    // An unclosed quote defeats DuckDB's dialect detection; its error then names no line.
    const unclosed = format === 'csv' ? await unclosedQuoteProblem(req) : undefined;
    if (unclosed) return { problems: [unclosed] };
    // DuckDB's latin-1 refuses bytes 0x80–0x9F without saying where.
    const latin1 = req.source.encoding === 'latin-1' ? await latin1Problem(req) : undefined;
    if (latin1) return { problems: [latin1] };
    const message = duckErrorMessage(error);
    // A line over DuckDB's maximum is refused with a wrong line number (that of its read buffer).
    const tooLong = /Maximum line size of (\d+) bytes exceeded/.exec(message);
    const long = tooLong && (format === 'csv' || format === 'whitespace') ? await longLineProblem(req, Number(tooLong[1])) : undefined;
    if (long) return { problems: [long] };
    const line = /\bline (\d+)/i.exec(message);
    return {
      problems: [
        {
          severity: 'error',
          check: 'unreadable-file',
          message: `cannot read the file as ${format}: ${message}`,
          location: { file: req.path, ...(line ? { line: Number(line[1]) } : {}) },
          hint: hintForFormat(format, req.field),
        },
      ],
    };
  }
}

async function longLineProblem(req: RawReadRequest, maxBytes: number): Promise<Problem | undefined> {
  let found;
  try {
    found = await findLongLine(readPath(req), req.detected.gzip, maxBytes);
  } catch {
    return undefined;
  }
  if (!found) return undefined;
  return {
    severity: 'error',
    check: 'line-too-long',
    message: `line ${found.line} is ${found.bytes.toLocaleString('en-US')} bytes long; a line may have at most ${maxBytes.toLocaleString('en-US')}`,
    location: { file: req.path, line: found.line },
    hint: `check line ${found.line}: a missing line break or an unclosed quote make one huge line; shorten or remove the field if it is really that long`,
  };
}

async function latin1Problem(req: RawReadRequest): Promise<Problem | undefined> {
  let found: Windows1252Bytes | undefined;
  try {
    found = await findWindows1252Bytes(readPath(req), req.detected.gzip, 'latin-1');
  } catch {
    return undefined;
  }
  if (!found) return undefined;
  return {
    severity: 'error',
    check: 'invalid-encoding',
    message: `the file is not latin-1 text: ${windows1252Text(found)}`,
    location: { file: req.path, line: found.sampleLines[0]! },
    count: found.lines,
    hint: `set encoding: cp1252 under ${req.field} (Windows-1252, latin-1 with € ’ “ ” – — in 0x80–0x9F)`,
  };
}

function hintForFormat(format: DetectedFormat['format'], field: string): string {
  switch (format) {
    case 'csv':
      return `check the delimiter, quote and header settings (delimiter:, quote:, header: under ${field}), or set format: whitespace for space-aligned text`;
    case 'whitespace':
      return `check that fields are separated by spaces, or set format: csv under ${field}`;
    case 'json':
      return 'the file must be a JSON array of objects or one JSON object per line (NDJSON)';
    case 'parquet':
      return `the file is not a valid Parquet file; set format: under ${field} if it is another format`;
    default:
      return assertUnreachable(format, 'format');
  }
}

/** Decided from the magic bytes, so a gzip file without ".gz" (or the reverse) still reads. */
function compression(req: RawReadRequest, uncompressed: 'none' | 'uncompressed' = 'none'): string {
  return `compression=${quoteLiteral(req.detected.gzip ? 'gzip' : uncompressed)}`;
}

function encodingOption(req: RawReadRequest): string[] {
  const encoding = req.source.encoding;
  // cp1252 files are read from their UTF-8 copy.
  return encoding && encoding !== 'cp1252' ? [`encoding=${quoteLiteral(encoding)}`] : [];
}

/** The quote character of a CSV read: the config's, else '"' (RFC 4180); '' turns quoting off. */
function quoteOf(req: RawReadRequest): string {
  return req.source.quote ?? '"';
}

/**
 * The first field whose quote is not closed properly, as a problem; undefined when there is none, or
 * when quoting is off or the encoding is not ASCII-compatible (utf-16).
 */
async function unclosedQuoteProblem(req: RawReadRequest): Promise<Problem | undefined> {
  const quote = quoteOf(req);
  if (quote === '' || req.source.encoding === 'utf-16') return undefined;
  const delimiter = req.source.delimiter ?? req.detected.delimiter;
  let found;
  try {
    found = await findUnclosedQuote(readPath(req), { gzip: req.detected.gzip, quote, ...(delimiter !== undefined ? { delimiter } : {}) });
  } catch {
    // A damaged gzip stream: DuckDB's own error says more.
    return undefined;
  }
  if (!found) return undefined;
  return {
    severity: 'error',
    check: 'unclosed-quote',
    message:
      found.kind === 'end-of-file'
        ? `the quote ${quote} that opens a field on line ${found.line} is never closed: the field would run on to the end of the file`
        : `the quote ${quote} that opens a field on line ${found.line} is not closed on that line: the field runs on to line ${found.closedAt}, where a quote is followed by text`,
    location: { file: req.path, line: found.line },
    hint: unclosedQuoteHint(req, found.line),
  };
}

function unclosedQuoteHint(req: RawReadRequest, line: number | string): string {
  return `close the quote on line ${line} (a quote inside a quoted field is written twice: ""), or set quote: '' under ${req.field} if the file does not quote fields`;
}

/**
 * The read_csv options of a CSV source as text (all_varchar): dialect, header, null strings and, with
 * `rejects`, the tables that collect the lines the reader refuses. Shared by the staged read and the
 * one-pass read (readConvertedCsv), so both see the same values.
 */
export function csvReadOptions(req: RawReadRequest, rejects?: { table: string; scan: string }): string[] {
  const src = req.source;
  const delimiter = src.delimiter ?? req.detected.delimiter;
  const dialect: string[] = [compression(req), ...encodingOption(req)];
  if (delimiter !== undefined) dialect.push(`delim=${quoteLiteral(delimiter)}`);
  // Left to detection, a quote that is never closed makes DuckDB read quotes as data.
  dialect.push(`quote=${quoteLiteral(quoteOf(req))}`);
  const nulls = ['', ...(src.nullValues ?? [])];
  return [
    ...dialect,
    'all_varchar=true',
    ...(src.header !== undefined ? [`header=${src.header}`] : []),
    `nullstr=[${nulls.map(quoteLiteral).join(', ')}]`,
    ...(rejects ? ['store_rejects=true', `rejects_table=${quoteLiteral(rejects.table)}`, `rejects_scan=${quoteLiteral(rejects.scan)}`] : []),
  ];
}

async function readCsv(session: DuckSession, req: RawReadRequest, names: RawNames): Promise<RawReadResult> {
  const src = req.source;
  const delimiter = src.delimiter ?? req.detected.delimiter;
  const rejectsTable = `__seglab_rejects_${req.table}`;
  const rejectsScan = `__seglab_rejects_scan_${req.table}`;
  const options = csvReadOptions(req, { table: rejectsTable, scan: rejectsScan });
  try {
    await session.run(`CREATE TABLE ${quoteIdent(names.stored)} AS SELECT * FROM read_csv(${quoteLiteral(readPath(req))}, ${options.join(', ')})`);
    const rejects = await session.all(
      `SELECT line, error_type, csv_line, error_message FROM ${quoteIdent(rejectsTable)} ORDER BY line`,
    );
    const columns = await session.describe(quoteIdent(names.stored));
    // One column named like a whole header line: the dialect could not be detected past an unclosed quote.
    if (columns.length === 1 && /[,;\t|]/.test(columns[0]!.name) && !rejects.length) {
      const unclosed = await unclosedQuoteProblem(req);
      if (unclosed) {
        await dropRawTable(session, req.table);
        return { problems: [unclosed] };
      }
    }
    await createRawView(session, names, columns);
    // DuckDB names the columns of a file without a header column0, column1, …
    const header = src.header ?? !columns.every((c, i) => c.name === `column${i}`);
    const headerLines = header ? 1 : 0;
    const rows = Number(await session.scalar(`SELECT count(*) FROM ${quoteIdent(names.stored)}`));
    const problems = rejectProblems(req, rejects, headerLines, columns.length, delimiter, await windows1252Evidence(req, rejects));
    const raw: RawTable = {
      sqlName: names.view,
      columns,
      rows,
      headerLines,
      lineMode: 'offset',
      rejectedLines: [...new Set(rejects.map((r) => Number(r.line)))],
      duplicateHeaders: header ? csvDuplicateHeaders(req, columns.map((c) => c.name), delimiter) : [],
    };
    return finish(session, req, raw, problems);
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${quoteIdent(rejectsTable)}; DROP TABLE IF EXISTS ${quoteIdent(rejectsScan)}`);
  }
}

/** Duplicate names in the header line of a CSV file, lined up with the columns DuckDB read. */
export function csvDuplicateHeaders(req: RawReadRequest, columns: readonly string[], delimiter: string | undefined): DuplicateHeader[] {
  if (req.source.encoding === 'utf-16') return [];
  const first = /^\uFEFF?([^\r\n]*)/.exec(peekText(readPath(req)))?.[1] ?? '';
  return findDuplicateHeaders(first, columns, quoteOf(req), delimiter);
}

type RejectKind = 'unclosed-quote' | 'ragged-rows' | 'invalid-encoding' | 'malformed-rows';

function rejectKind(errorType: string): RejectKind {
  if (errorType === 'UNQUOTED VALUE') return 'unclosed-quote';
  if (errorType === 'MISSING COLUMNS' || errorType === 'TOO MANY COLUMNS') return 'ragged-rows';
  if (errorType === 'INVALID ENCODING' || errorType === 'INVALID UNICODE') return 'invalid-encoding';
  return 'malformed-rows';
}

/** One problem per kind of rejected line, with every count and the first few lines. */
function rejectProblems(
  req: RawReadRequest,
  rejects: Record<string, unknown>[],
  headerLines: number,
  expectedFields: number,
  delimiter: string | undefined,
  windows1252: Windows1252Bytes | undefined,
): Problem[] {
  const groups = new Map<RejectKind, Record<string, unknown>[]>();
  // A field whose quote is not closed swallows the next lines: the wrong field count on its line follows from it.
  const unclosedLines = new Set(rejects.filter((r) => rejectKind(String(r.error_type)) === 'unclosed-quote').map((r) => Number(r.line)));
  for (const r of rejects) {
    const kind = rejectKind(String(r.error_type));
    if (kind === 'ragged-rows' && unclosedLines.has(Number(r.line))) continue;
    groups.set(kind, [...(groups.get(kind) ?? []), r]);
  }
  const problems: Problem[] = [];
  for (const [kind, list] of groups) {
    const lines = [...new Set(list.map((r) => Number(r.line)))];
    const sampleLines = lines.slice(0, SAMPLE);
    const sampleRows = sampleLines.map((l) => l - headerLines).filter((r) => r >= 1);
    const location = { file: req.path, line: sampleLines[0]!, ...(sampleRows[0] !== undefined && sampleLines[0]! > headerLines ? { row: sampleRows[0] } : {}) };
    const n = lines.length;
    const count = n.toLocaleString('en-US');
    if (kind === 'unclosed-quote') {
      problems.push({
        severity: 'error',
        check: 'unclosed-quote',
        message: `${count} ${n === 1 ? 'field opens' : 'fields open'} a quote that is not closed properly (never closed, or followed by text after the closing quote), the first on line ${sampleLines[0]}${n > 1 ? `; lines ${sampleLines.join(', ')}${n > sampleLines.length ? ', …' : ''}` : ''}`,
        location,
        count: n,
        sampleRows,
        hint: unclosedQuoteHint(req, sampleLines.join(', ')),
      });
    } else if (kind === 'ragged-rows') {
      const details = list
        .filter((r, i, all) => all.findIndex((x) => x.line === r.line) === i)
        .slice(0, SAMPLE)
        .map((r) => {
          const found = /Found:\s*(\d+)/.exec(String(r.error_message));
          return `line ${String(r.line)} has ${found ? found[1] : 'a different number of'} fields`;
        });
      problems.push({
        severity: 'error',
        check: 'ragged-rows',
        message: `${count} ${n === 1 ? 'line has' : 'lines have'} the wrong number of fields (expected ${expectedFields}): ${details.join('; ')}`,
        location,
        count: n,
        sampleRows,
        hint: `every line needs exactly ${expectedFields} fields${delimiter ? ` separated by ${JSON.stringify(delimiter)}` : ''}; quote fields that contain the delimiter, or fix or remove the lines listed. If the file uses another delimiter, set delimiter: under ${req.field}`,
      });
    } else if (kind === 'invalid-encoding') {
      // latin-1 reads bytes 0x80–0x9F as control codes and DuckDB refuses them: such a file is Windows-1252.
      const cp1252 = windows1252 !== undefined;
      problems.push({
        severity: 'error',
        check: 'invalid-encoding',
        message:
          `${count} ${n === 1 ? 'line is' : 'lines are'} not valid UTF-8 (first at line ${sampleLines[0]}: ${JSON.stringify(String(list[0]!.csv_line ?? '').slice(0, 80))})` +
          (windows1252 ? `; ${windows1252Text(windows1252)}` : ''),
        location,
        count: n,
        sampleRows,
        hint: cp1252
          ? `set encoding: cp1252 under ${req.field}, or re-encode the file to UTF-8, e.g. \`iconv -f cp1252 -t utf-8 ${req.path} > fixed.csv\``
          : `re-encode the file to UTF-8, e.g. \`iconv -f latin1 -t utf-8 ${req.path} > fixed.csv\`, or set encoding: latin-1 under ${req.field}`,
      });
    } else {
      problems.push({
        severity: 'error',
        check: 'malformed-rows',
        message: `${count} ${n === 1 ? 'line' : 'lines'} cannot be parsed (line ${sampleLines[0]}: ${String(list[0]!.error_message)})`,
        location,
        count: n,
        sampleRows,
        hint: `check quoting in the lines listed; set quote: "" under ${req.field} if the file does not quote fields`,
      });
    }
  }
  return problems;
}

/** Bytes 0x80–0x9F outside UTF-8 sequences, looked for when lines are not valid UTF-8. */
async function windows1252Evidence(req: RawReadRequest, rejects: readonly Record<string, unknown>[]): Promise<Windows1252Bytes | undefined> {
  const encoding = req.source.encoding ?? 'utf-8';
  if (encoding !== 'utf-8' || !rejects.some((r) => rejectKind(String(r.error_type)) === 'invalid-encoding')) return undefined;
  try {
    return await findWindows1252Bytes(readPath(req), req.detected.gzip, 'utf-8');
  } catch {
    return undefined;
  }
}

function windows1252Text(found: Windows1252Bytes): string {
  const hex = `0x${found.firstByte.toString(16).toUpperCase()}`;
  return `bytes 0x80–0x9F, e.g. ${hex}, occur on ${found.lines.toLocaleString('en-US')} ${found.lines === 1 ? 'line' : 'lines'} (${found.sampleLines.join(', ')}${found.lines > found.sampleLines.length ? ', …' : ''}): Windows-1252 (cp1252) text such as € ’ “ ” – —, control codes in latin-1`;
}

async function readWhitespace(session: DuckSession, req: RawReadRequest, names: RawNames): Promise<RawReadResult> {
  const src = req.source;
  const linesTable = `__seglab_lines_${req.table}`;
  const rejectsTable = `__seglab_rejects_${req.table}`;
  const rejectsScan = `__seglab_rejects_scan_${req.table}`;
  try {
    // One VARCHAR column per line: the unit separator (chr(31)) never occurs in text files.
    await session.run(
      `CREATE TABLE ${quoteIdent(linesTable)} AS
       SELECT row_number() OVER () AS ${LINE_COLUMN},
              regexp_split_to_array(regexp_replace(line, '^\\s+|\\s+$', '', 'g'), '\\s+') AS t
       FROM read_csv(${quoteLiteral(readPath(req))}, columns={'line': 'VARCHAR'}, delim=chr(31), header=false,
                     quote='', escape='', auto_detect=false, ${compression(req)}, ${encodingOption(req).map((o) => o + ', ').join('')}
                     store_rejects=true, rejects_table=${quoteLiteral(rejectsTable)}, rejects_scan=${quoteLiteral(rejectsScan)})`,
    );
    // Blank lines split into [''] and carry no data.
    await session.run(`DELETE FROM ${quoteIdent(linesTable)} WHERE t IS NULL OR t = ['']`);
    const rejects = await session.all(`SELECT line, error_type, csv_line, error_message FROM ${quoteIdent(rejectsTable)} ORDER BY line`);
    const rejectedLines = [...new Set(rejects.map((r) => Number(r.line)))];

    const first = await session.one(`SELECT ${LINE_COLUMN} AS l, array_to_string(t, chr(31)) AS t FROM ${quoteIdent(linesTable)} ORDER BY ${LINE_COLUMN} LIMIT 1`);
    if (!first) {
      return { problems: [...rejectProblems(req, rejects, 0, 0, undefined, await windows1252Evidence(req, rejects)), emptyFile(req, false)] };
    }
    const firstTokens = String(first.t).split('\x1f');
    const header = src.header ?? firstTokens.every((tok) => !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(tok));
    const headerLine = header ? Number(first.l) : 0;
    let width: number;
    let columnNames: string[];
    if (header) {
      width = firstTokens.length;
      columnNames = dedupe(firstTokens);
    } else {
      width = Number(await session.scalar(`SELECT len(t) FROM ${quoteIdent(linesTable)} GROUP BY len(t) ORDER BY count(*) DESC, len(t) LIMIT 1`));
      columnNames = Array.from({ length: width }, (_, i) => `column${i}`);
    }
    const nulls = src.nullValues?.length ? src.nullValues : undefined;
    const cell = (i: number): string => {
      const v = `t[${i + 1}]`;
      return nulls ? `CASE WHEN ${v} IN (${nulls.map(quoteLiteral).join(', ')}) THEN NULL ELSE ${v} END` : v;
    };
    // Rows are numbered here (blank lines and the header do not count); the view passes them through.
    await session.run(
      `CREATE TABLE ${quoteIdent(names.stored)} AS
       SELECT ${ROW_COLUMN}, ${LINE_COLUMN}, ${columnNames.map((n, i) => `${cell(i)} AS ${quoteIdent(n)}`).join(', ')}
       FROM (SELECT row_number() OVER (ORDER BY ${LINE_COLUMN}) AS ${ROW_COLUMN}, ${LINE_COLUMN}, t
             FROM ${quoteIdent(linesTable)} WHERE ${LINE_COLUMN} > ${headerLine})
       ORDER BY ${ROW_COLUMN}`,
    );
    const ragged = await session.all(
      `SELECT ${ROW_COLUMN} AS r, ${LINE_COLUMN} AS l, len(t) AS n FROM (
         SELECT row_number() OVER (ORDER BY ${LINE_COLUMN}) AS ${ROW_COLUMN}, ${LINE_COLUMN}, t
         FROM ${quoteIdent(linesTable)} WHERE ${LINE_COLUMN} > ${headerLine})
       WHERE len(t) <> ${width} ORDER BY ${ROW_COLUMN}`,
    );
    const problems = rejectProblems(req, rejects, headerLine, width, undefined, await windows1252Evidence(req, rejects));
    if (ragged.length) {
      await session.run(`DELETE FROM ${quoteIdent(names.stored)} WHERE ${ROW_COLUMN} IN (${ragged.map((r) => Number(r.r)).join(', ')})`);
      const toLine = (l: number) => shiftPastRejected(l, rejectedLines);
      const sample = ragged.slice(0, SAMPLE);
      problems.push({
        severity: 'error',
        check: 'ragged-rows',
        message: `${ragged.length.toLocaleString('en-US')} ${ragged.length === 1 ? 'line has' : 'lines have'} the wrong number of fields (expected ${width}${header ? ', as in the header' : ''}): ${sample.map((r) => `line ${toLine(Number(r.l))} has ${Number(r.n)}`).join('; ')}`,
        location: { file: req.path, line: toLine(Number(sample[0]!.l)), row: Number(sample[0]!.r) },
        count: ragged.length,
        sampleRows: sample.map((r) => Number(r.r)),
        hint: `every line needs ${width} fields separated by spaces; a field that contains spaces needs format: csv with a delimiter (set under ${req.field})`,
      });
    }
    await session.run(`CREATE VIEW ${quoteIdent(names.view)} AS SELECT * FROM ${quoteIdent(names.stored)}`);
    const columns = (await session.describe(quoteIdent(names.stored))).filter((c) => c.name !== ROW_COLUMN && c.name !== LINE_COLUMN);
    const rows = Number(await session.scalar(`SELECT count(*) FROM ${quoteIdent(names.stored)}`));
    const raw: RawTable = {
      sqlName: names.view,
      columns,
      rows,
      headerLines: headerLine,
      lineMode: 'column',
      rejectedLines,
      duplicateHeaders: header ? duplicateGroups(firstTokens, columnNames) : [],
    };
    return finish(session, req, raw, problems);
  } finally {
    await session.run(
      `DROP TABLE IF EXISTS ${quoteIdent(linesTable)}; DROP TABLE IF EXISTS ${quoteIdent(rejectsTable)}; DROP TABLE IF EXISTS ${quoteIdent(rejectsScan)}`,
    );
  }
}

async function readNative(session: DuckSession, req: RawReadRequest, names: RawNames, kind: 'json' | 'parquet'): Promise<RawReadResult> {
  const reader =
    kind === 'json'
      ? `read_json(${quoteLiteral(readPath(req))}, format='auto', ${compression(req, 'uncompressed')})`
      : `read_parquet(${quoteLiteral(readPath(req))})`;
  const described = await session.describe(`SELECT * FROM ${reader}`);
  // A JSON field with mixed types arrives as JSON; ->>'$' gives strings without their quotes.
  const select = described.map((c) =>
    c.type === 'JSON' ? `(${quoteIdent(c.name)} ->> '$') AS ${quoteIdent(c.name)}` : quoteIdent(c.name),
  );
  await session.run(`CREATE TABLE ${quoteIdent(names.stored)} AS SELECT ${select.join(', ')} FROM ${reader}`);
  const columns = await session.describe(quoteIdent(names.stored));
  await createRawView(session, names, columns);
  const nulls = req.source.nullValues ?? [];
  const textColumns = columns.filter((c) => c.type === 'VARCHAR');
  if (nulls.length && textColumns.length) {
    const list = nulls.map(quoteLiteral).join(', ');
    // UPDATE keeps the row ids, hence the row numbers.
    await session.run(
      `UPDATE ${quoteIdent(names.stored)} SET ${textColumns
        .map((c) => `${quoteIdent(c.name)} = CASE WHEN ${quoteIdent(c.name)} IN (${list}) THEN NULL ELSE ${quoteIdent(c.name)} END`)
        .join(', ')}`,
    );
  }
  const rows = Number(await session.scalar(`SELECT count(*) FROM ${quoteIdent(names.stored)}`));
  // NDJSON has one record per line; a JSON array or Parquet has no meaningful lines.
  const ndjson = kind === 'json' && !peekText(readPath(req), 4096).trimStart().startsWith('[');
  const raw: RawTable = { sqlName: names.view, columns, rows, headerLines: 0, lineMode: ndjson ? 'offset' : 'none', rejectedLines: [], duplicateHeaders: [] };
  return finish(session, req, raw, []);
}

async function finish(session: DuckSession, req: RawReadRequest, raw: RawTable, problems: Problem[]): Promise<RawReadResult> {
  const reserved = raw.columns.filter((c) => c.name === ROW_COLUMN || c.name === LINE_COLUMN);
  for (const c of reserved) {
    problems.push({
      severity: 'error',
      check: 'reserved-column-name',
      message: `the source column name "${c.name}" is reserved by seglab`,
      location: { file: req.path, column: c.name },
      hint: 'rename the column in the file',
    });
  }
  if (raw.rows === 0 && !problems.length) problems.push(emptyFile(req, raw.headerLines > 0));
  if (raw.rows === 0 || reserved.length) {
    await dropRawTable(session, req.table);
    return { problems };
  }
  return { raw, problems };
}

function emptyFile(req: RawReadRequest, hasHeader: boolean): Problem {
  return {
    severity: 'error',
    check: 'empty-file',
    message: hasHeader ? 'the file has a header but no data rows' : 'the file has no data rows',
    location: { file: req.path },
    hint: `point path: under ${req.field} at a file with data`,
  };
}

/** Position among the kept lines → line in the file, skipping the rejected lines before it. */
export function shiftPastRejected(position: number, rejectedAscending: readonly number[]): number {
  let line = position;
  for (const r of rejectedAscending) {
    if (r <= line) line++;
    else break;
  }
  return line;
}

function dedupe(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = n.toLowerCase();
    const count = seen.get(k) ?? 0;
    seen.set(k, count + 1);
    return count ? `${n}_${count + 1}` : n;
  });
}
