import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ZodError, ZodType, ZodTypeDef } from 'zod';
import { InputError, inputError, type Problem } from '../core/errors';
import { DuckSession, quoteLiteral } from '../data/DuckSession';
import { readFeatureTable, type FeatureTable } from '../features/readFeatureTable';

/**
 * An existing run folder read back by `seglab report` and `seglab export`: its files by name, each JSON
 * file checked against the schema of what seglab writes there, with one clear error when a file a command
 * needs is missing or does not match.
 */
export class RunFolder {
  readonly dir: string;

  constructor(runDir: string) {
    this.dir = resolve(runDir);
  }

  /** Path of a file the command cannot do without; `hint` says which stage writes it. */
  need(file: string, hint: string): string {
    const p = join(this.dir, file);
    if (!existsSync(p)) {
      throw inputError({ summary: `${this.dir} is not a complete run folder.`, check: 'missing-file', what: `${file} is missing`, where: { file: p }, fix: hint });
    }
    return p;
  }

  /**
   * A JSON file of the run, checked against `schema`; `hint` says how to get a good one (which stage writes
   * it). With `hint` null the file is optional: undefined when absent.
   */
  read<T>(file: string, schema: ZodType<T, ZodTypeDef, unknown>, hint: string): T;
  read<T>(file: string, schema: ZodType<T, ZodTypeDef, unknown>, hint: null): T | undefined;
  read<T>(file: string, schema: ZodType<T, ZodTypeDef, unknown>, hint: string | null): T | undefined {
    const p = join(this.dir, file);
    if (hint === null && !existsSync(p)) return undefined;
    return readRunFile(hint === null ? p : this.need(file, hint), schema, hint ?? `run the stage that writes ${file} again`);
  }

  /** The run's feature table (features.parquet), column-wise, in customer_id order. */
  async featureTable(): Promise<FeatureTable> {
    const path = this.need('features.parquet', 'run the features stage first');
    const session = await DuckSession.open();
    try {
      await session.run(`CREATE TABLE features AS SELECT * FROM read_parquet(${quoteLiteral(path)})`);
      return await readFeatureTable(session);
    } finally {
      session.close();
    }
  }
}

/** At most this many mismatches are listed: a file of another shape would otherwise list thousands. */
const MAX_LISTED = 10;

/**
 * A JSON file that seglab wrote, read back and checked against the schema of what it writes there. A file
 * that is not JSON, or does not match, is an InputError naming the file and each field that does not match.
 */
export function readRunFile<T>(path: string, schema: ZodType<T, ZodTypeDef, unknown>, hint: string): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw inputError({ summary: `${path} is not valid JSON (${(err as Error).message}); the run folder may be damaged.`, check: 'run-file', what: 'not valid JSON', where: { file: path }, fix: hint });
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InputError(`${path} does not hold what seglab writes there: the run folder may be damaged, or written by another seglab version.`, schemaProblems(parsed.error, path, hint));
}

function schemaProblems(error: ZodError, file: string, hint: string): Problem[] {
  const problems: Problem[] = error.issues.slice(0, MAX_LISTED).map((issue) => ({
    severity: 'error',
    check: 'run-file',
    message: issue.message,
    location: { file, field: fieldPath(issue.path) },
    hint,
  }));
  const more = error.issues.length - problems.length;
  if (more > 0) problems.push({ severity: 'error', check: 'run-file', message: `and ${more} more field(s) that do not match`, location: { file } });
  return problems;
}

/** segments[2].size, as one would write it in JavaScript; "(top level)" for the file itself. */
function fieldPath(path: readonly (string | number)[]): string {
  if (!path.length) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
