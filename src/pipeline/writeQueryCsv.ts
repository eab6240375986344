import { CsvWriter, type CsvWriterOptions } from '../core/CsvWriter';
import type { CsvValue } from '../core/csvField';
import { type DuckSession, quoteIdent } from '../data/DuckSession';

/** DuckDB types read as JavaScript numbers (formatted like the typed-array engines format theirs). */
const FLOAT_TYPES = new Set(['FLOAT', 'DOUBLE', 'REAL']);
/** Integers and booleans, read exactly as JavaScript numbers, bigints or booleans. */
const NATIVE_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT', 'BOOLEAN']);

/**
 * Write the rows of a DuckDB query to a CSV file through seglab's one CSV writer (instead of DuckDB's
 * COPY, whose quoting and number format differ and which has no formula guard). Rows are streamed
 * chunk by chunk, so memory stays flat. Floats are written in JavaScript's shortest round-trip form,
 * integers and decimals exactly, everything else (text, dates, timestamps) as DuckDB's text.
 * Returns the number of data rows.
 */
export async function writeQueryCsv(session: DuckSession, sql: string, path: string, options: CsvWriterOptions = {}): Promise<number> {
  const described = await session.describe(`(${sql})`);
  const selects = described.map(({ name, type }) => {
    const base = type.replace(/\(.*$/, '').toUpperCase();
    const as = FLOAT_TYPES.has(base) ? 'DOUBLE' : NATIVE_TYPES.has(base) ? null : 'VARCHAR';
    return as ? `CAST(${quoteIdent(name)} AS ${as})` : quoteIdent(name);
  });
  const result = await session.connection.stream(`SELECT ${selects.join(', ')} FROM (${sql})`);
  const writer = CsvWriter.create(path, described.map((c) => c.name), options);
  try {
    const width = described.length;
    const row: CsvValue[] = new Array(width);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const vectors = Array.from({ length: width }, (_, j) => chunk.getColumnVector(j));
      for (let i = 0; i < chunk.rowCount; i++) {
        for (let j = 0; j < width; j++) row[j] = vectors[j]!.getItem(i) as CsvValue;
        writer.row(row);
      }
    }
    writer.close();
  } catch (err) {
    writer.abort();
    throw err;
  }
  return writer.rows;
}
