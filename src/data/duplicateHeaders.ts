/** A name the header gives to several fields, and the name each of them was read under. */
export interface DuplicateHeader {
  /** As written in the header (the first occurrence; names are compared ignoring case). */
  name: string;
  /** 1-based field positions in the header. */
  fields: number[];
  /** Column name each field was read under (e.g. amount, amount_1), in the same order. */
  columns: string[];
}

const DELIMITER_CANDIDATES = [',', ';', '\t', '|'];

/**
 * Names that occur more than once in a CSV header line, with the names the reader gave the copies.
 * The line is split with the delimiter (or, when unknown, the candidate that yields as many fields as
 * the reader found columns), so that fields line up with the reader's columns by position; when no
 * split lines up, nothing is reported rather than a guess.
 */
export function findDuplicateHeaders(
  headerLine: string,
  readColumns: readonly string[],
  quote: string,
  delimiter?: string,
): DuplicateHeader[] {
  const candidates = delimiter !== undefined ? [delimiter] : DELIMITER_CANDIDATES;
  for (const d of candidates) {
    const fields = splitHeader(headerLine, d, quote);
    if (fields.length === readColumns.length) return duplicateGroups(fields, readColumns);
  }
  return [];
}

/** Group header fields by name (case-insensitive, trimmed; empty names are not names). */
export function duplicateGroups(fields: readonly string[], readColumns: readonly string[]): DuplicateHeader[] {
  const groups = new Map<string, DuplicateHeader>();
  fields.forEach((f, i) => {
    const key = f.trim().toLowerCase();
    if (key === '') return;
    const g = groups.get(key);
    if (g) {
      g.fields.push(i + 1);
      g.columns.push(readColumns[i]!);
    } else {
      groups.set(key, { name: f.trim(), fields: [i + 1], columns: [readColumns[i]!] });
    }
  });
  return [...groups.values()].filter((g) => g.fields.length > 1);
}

/** Fields of one CSV line; a quoted field may hold the delimiter, and "" inside it is one quote. */
function splitHeader(line: string, delimiter: string, quote: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inQuote) {
      if (c === quote) {
        if (line[i + 1] === quote) {
          field += quote;
          i++;
        } else {
          inQuote = false;
        }
      } else {
        field += c;
      }
    } else if (quote !== '' && c === quote && field.trim() === '') {
      inQuote = true;
      field = '';
    } else if (line.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      i += delimiter.length - 1;
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}
