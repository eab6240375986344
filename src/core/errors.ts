/**
 * Error classes shared by every layer. The CLI maps them to exit codes:
 * InputError and UsageError → 2 (the user can fix the input), anything else → 1.
 */

/** Where a problem sits in the user's input. Every field is optional; fill what is known. */
export interface Location {
  file?: string;
  /** 1-based line in a text file. */
  line?: number;
  /** Column name (or 1-based column number for ragged CSV rows). */
  column?: string | number;
  /** 1-based data row (header excluded). */
  row?: number;
  /** Path of a field inside a config, e.g. "data.transactions.columns.amount". */
  field?: string;
}

/** One problem found in the input: what is wrong, where, and how to fix it. */
export interface Problem {
  severity: 'error' | 'warning';
  /** Short machine-readable check name, e.g. "missing-column", "unparseable-date". */
  check: string;
  message: string;
  location?: Location;
  /** How many values / rows are affected, and their share of the total (0..1). */
  count?: number;
  share?: number;
  /** A few 1-based row numbers that show the problem. */
  sampleRows?: number[];
  hint?: string;
}

export class SeglabError extends Error {
  override name = 'SeglabError';
}

/** The user's data or config cannot be used as it is. Carries every problem found, not just the first. */
export class InputError extends SeglabError {
  override name = 'InputError';
  readonly problems: Problem[];
  constructor(summary: string, problems: Problem[] = []) {
    super(problems.length ? `${summary}\n${formatProblems(problems)}` : summary);
    this.problems = problems;
  }
}

/** Wrong command-line usage or parameter value. */
export class UsageError extends SeglabError {
  override name = 'UsageError';
}

export function formatLocation(loc: Location | undefined): string {
  if (!loc) return '';
  const parts: string[] = [];
  if (loc.file) parts.push(loc.file);
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column !== undefined) parts.push(`column ${typeof loc.column === 'number' ? loc.column : `"${loc.column}"`}`);
  if (loc.field) parts.push(`field ${loc.field}`);
  return parts.join(', ');
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const where = formatLocation(p.location);
      const amount =
        p.count !== undefined
          ? ` (${p.count.toLocaleString('en-US')}${p.share !== undefined ? `, ${(p.share * 100).toFixed(2)}%` : ''})`
          : '';
      const rows = p.sampleRows?.length ? ` e.g. rows ${p.sampleRows.join(', ')}` : '';
      const hint = p.hint ? `\n      fix: ${p.hint}` : '';
      return `  - ${p.severity} [${p.check}]${where ? ` ${where}:` : ''} ${p.message}${amount}${rows}${hint}`;
    })
    .join('\n');
}

/** Validate a parameter once at a public entry point; names the parameter, the value and what was expected. */
export function checkParam(ok: boolean, name: string, value: unknown, expected: string): void {
  if (!ok) throw new UsageError(`Invalid ${name}: got ${JSON.stringify(value)}, expected ${expected}.`);
}
