import type { Location } from '../core/errors';
import { assertUnreachable } from '../core/assertUnreachable';
import { type DuckSession, quoteIdent } from './DuckSession';
import { LINE_COLUMN, ROW_COLUMN, type RawTable, shiftPastRejected } from './readRawTable';

export interface RowPosition {
  /** 1-based data row in the file (header excluded). */
  row: number;
  /** 1-based line in the file, when the format has lines. */
  line?: number;
}

/**
 * Turn raw-table row numbers into file rows and lines. Rows after lines that the reader rejected
 * are shifted back past them, so the numbers match what an editor shows.
 */
export async function locateRows(session: DuckSession, raw: RawTable, rows: readonly number[]): Promise<RowPosition[]> {
  switch (raw.lineMode) {
    case 'none':
      return rows.map((row) => ({ row }));
    case 'offset': {
      const rejectedRows = raw.rejectedLines.map((l) => l - raw.headerLines).filter((r) => r >= 1);
      return rows.map((r) => {
        const row = shiftPastRejected(r, rejectedRows);
        return { row, line: row + raw.headerLines };
      });
    }
    case 'column': {
      if (!rows.length) return [];
      const found = await session.all(
        `SELECT ${ROW_COLUMN} AS r, ${LINE_COLUMN} AS l FROM ${quoteIdent(raw.sqlName)} WHERE ${ROW_COLUMN} IN (${rows.map((r) => Math.trunc(r)).join(', ')})`,
      );
      const lineOf = new Map(found.map((f) => [Number(f.r), Number(f.l)]));
      return rows.map((row) => {
        const l = lineOf.get(row);
        return l === undefined ? { row } : { row, line: shiftPastRejected(l, raw.rejectedLines) };
      });
    }
    default:
      return assertUnreachable(raw.lineMode, 'lineMode');
  }
}

/** Location of a problem shown by the given sample rows: file, first row and its line, column. */
export async function sampleLocation(
  session: DuckSession,
  raw: RawTable,
  file: string,
  rows: readonly number[],
  column?: string,
): Promise<{ location: Location; sampleRows: number[] }> {
  const positions = await locateRows(session, raw, rows);
  const first = positions[0];
  return {
    location: {
      file,
      ...(first?.line !== undefined ? { line: first.line } : {}),
      ...(first ? { row: first.row } : {}),
      ...(column !== undefined ? { column } : {}),
    },
    sampleRows: positions.map((p) => p.row),
  };
}
