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

/*
 * One message style for every error seglab raises: what was wrong, where, and how to fix it.
 * - a parameter (the caller's code): `Invalid <name>: got <value>, expected <what>.` — checkParam, paramError;
 * - the user's data or config: an InputError with a Problem (check, what, where, fix) — inputError;
 * - a saved model or result file: `Invalid <kind> JSON: <field and what is wrong>.` — savedJsonError.
 * A caller's misuse that is none of these starts with who was called: `KMeans.fit: <what>; <fix>.` — usageError.
 */

/** `null` or the value's typeof: what a message says a wrong-typed argument was. */
export function typeName(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

/** The UsageError of a bad parameter: `Invalid <name>: got <value>, expected <what>.` (`got` as given, else JSON). */
export function paramError(name: string, value: unknown, expected: string, got?: string): UsageError {
  return new UsageError(`Invalid ${name}: got ${got ?? JSON.stringify(value)}, expected ${expected}.`);
}

/** Validate a parameter once at a public entry point; names the parameter, the value and what was expected. */
export function checkParam(ok: boolean, name: string, value: unknown, expected: string): void {
  if (!ok) throw paramError(name, value, expected);
}

/** The UsageError of a caller's misuse: `<who>: <what>[; <fix>].` */
export function usageError(who: string, what: string, fix?: string): UsageError {
  return new UsageError(`${who}: ${what}${fix ? `; ${fix}` : ''}.`);
}

/** A saved model or result that cannot be read back: `Invalid <kind> JSON: <detail>.` */
export function savedJsonError(kind: string, detail: string): UsageError {
  return new UsageError(`Invalid ${kind} JSON: ${detail}.`);
}

/** One problem of the user's input, as inputError takes it: what is wrong, where, how to fix it. */
export interface ProblemSpec {
  /** Short machine-readable check name, e.g. "missing-file". */
  check: string;
  what: string;
  where?: Location;
  fix?: string;
  count?: number;
  share?: number;
  sampleRows?: number[];
}

/** The Problem (severity error) of a ProblemSpec. */
export function problem(spec: ProblemSpec): Problem {
  const { check, what, where, fix, count, share, sampleRows } = spec;
  return { severity: 'error', check, message: what, ...(where && { location: where }), ...(count !== undefined && { count }), ...(share !== undefined && { share }), ...(sampleRows && { sampleRows }), ...(fix && { hint: fix }) };
}

/**
 * The InputError of one problem in the user's data or config. `summary` is the first line (default: where
 * and what, as one sentence); the problem line under it says where, what and `fix:`.
 */
export function inputError(spec: ProblemSpec & { summary?: string }): InputError {
  const where = formatLocation(spec.where);
  return new InputError(spec.summary ?? `${where ? `${where}: ` : ''}${spec.what}.`, [problem(spec)]);
}
