import { checkMatrix } from '../core/checkMatrix';
import { InputError, paramError, typeName, UsageError, usageError } from '../core/errors';
import { Matrix } from '../core/Matrix';

/** Level that stands for a missing value (null) when fromColumns is asked to keep missing values. */
export const MISSING_LEVEL = '(missing)';

/** What fromColumns does with null: 'error' (default) rejects it, naming column and row; 'level' makes it the level "(missing)". */
export type MissingPolicy = 'error' | 'level';

/**
 * Dense row-major matrix of category codes with named columns: the categorical counterpart of Matrix.
 * codes[i * cols + j] indexes levels[j]; codes never hold missing values (see fromColumns).
 */
export class CategoricalMatrix {
  readonly codes: Int32Array;
  readonly rows: number;
  readonly cols: number;
  readonly columns: readonly string[];
  /** Level names per column; a code is a position in its column's list. */
  readonly levels: readonly (readonly string[])[];

  constructor(codes: Int32Array, rows: number, cols: number, columns: readonly string[], levels: readonly (readonly string[])[]) {
    if (!(codes instanceof Int32Array)) throw new UsageError(`CategoricalMatrix codes must be an Int32Array (got ${typeName(codes)}).`);
    if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) throw new UsageError(`CategoricalMatrix rows and cols must be integers >= 0 (got ${rows} and ${cols}).`);
    if (codes.length !== rows * cols) throw new UsageError(`CategoricalMatrix codes has ${codes.length} values, expected rows*cols = ${rows}*${cols} = ${rows * cols}.`);
    if (columns.length !== cols) throw new UsageError(`CategoricalMatrix has ${cols} columns but ${columns.length} column names were given.`);
    if (levels.length !== cols) throw new UsageError(`CategoricalMatrix has ${cols} columns but ${levels.length} level lists were given.`);
    const names = new Set<string>();
    columns.forEach((name, j) => {
      if (names.has(name)) throw new UsageError(`CategoricalMatrix column "${name}" appears twice; column names must be unique.`);
      names.add(name);
      if (new Set(levels[j]).size !== levels[j]!.length) throw new UsageError(`CategoricalMatrix column "${name}" lists a level twice; levels must be unique.`);
    });
    for (let i = 0, p = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++, p++) {
        const c = codes[p]!;
        if (c < 0 || c >= levels[j]!.length) {
          throw new UsageError(`CategoricalMatrix code ${c} at row ${i + 1}, column "${columns[j]}" is not a level index (0..${levels[j]!.length - 1}).`);
        }
      }
    }
    this.codes = codes;
    this.rows = rows;
    this.cols = cols;
    this.columns = [...columns];
    this.levels = levels.map((l) => [...l]);
  }

  /**
   * Build from equally long string columns. Levels are sorted (code-unit order), so codes do not
   * depend on row order. null is a missing value: an InputError naming column, first row and count,
   * unless options.missing is 'level', which turns it into the level "(missing)".
   */
  static fromColumns(columns: Record<string, readonly (string | null)[]>, options: { missing?: MissingPolicy } = {}): CategoricalMatrix {
    const { missing = 'error' } = options;
    if (missing !== 'error' && missing !== 'level') throw paramError('CategoricalMatrix.fromColumns missing', missing, `'error' or 'level'`);
    if (columns === null || typeof columns !== 'object') throw usageError('CategoricalMatrix.fromColumns', 'pass an object of named string columns');
    const names = Object.keys(columns);
    const rows = names.length ? columns[names[0]!]!.length : 0;
    const cols = names.length;
    const codes = new Int32Array(rows * cols);
    const levels: string[][] = [];
    const problems: InputError['problems'] = [];
    names.forEach((name, j) => {
      const values = columns[name]!;
      if (!Array.isArray(values)) throw usageError('CategoricalMatrix.fromColumns', `column "${name}" is not an array`);
      if (values.length !== rows) throw usageError('CategoricalMatrix.fromColumns', `column "${name}" has ${values.length} values, expected ${rows}`);
      let nMissing = 0;
      const sample: number[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < rows; i++) {
        const v = values[i];
        if (v === null || v === undefined) {
          nMissing++;
          if (sample.length < 5) sample.push(i + 1);
          if (missing === 'level') seen.add(MISSING_LEVEL);
        } else if (typeof v !== 'string') {
          throw usageError('CategoricalMatrix.fromColumns', `column "${name}" row ${i + 1} holds ${JSON.stringify(v)} (${typeof v}); expected a string or null`);
        } else {
          seen.add(v);
        }
      }
      if (nMissing && missing === 'error') {
        problems.push({
          severity: 'error',
          check: 'missing-category',
          message: `column "${name}" has a missing value (null) at row ${sample[0]}`,
          location: { column: name, row: sample[0]! },
          count: nMissing,
          share: nMissing / rows,
          sampleRows: sample,
          hint: `impute the column, or pass { missing: 'level' } to treat missing as the level "${MISSING_LEVEL}"`,
        });
        levels.push([]);
        return;
      }
      const sorted = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const code = new Map(sorted.map((l, c) => [l, c]));
      for (let i = 0; i < rows; i++) codes[i * cols + j] = code.get(values[i] ?? MISSING_LEVEL)!;
      levels.push(sorted);
    });
    if (problems.length) {
      const p = problems[0]!;
      throw new InputError(`CategoricalMatrix.fromColumns: ${p.message}${problems.length > 1 ? ` (and ${problems.length - 1} more column(s))` : ''}.`, problems);
    }
    return new CategoricalMatrix(codes, rows, cols, names, levels);
  }

  code(i: number, j: number): number {
    return this.codes[i * this.cols + j]!;
  }

  /** Level name at row i, column j. */
  value(i: number, j: number): string {
    return this.levels[j]![this.codes[i * this.cols + j]!]!;
  }

  /** Level names of column j, one per row. */
  column(j: number): string[] {
    const out: string[] = new Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.value(i, j);
    return out;
  }
}

/** Numeric and categorical columns of the same rows: the input of k-prototypes. */
export interface MixedMatrix {
  readonly numeric: Matrix;
  readonly categorical: CategoricalMatrix;
}

/** A MixedMatrix after checking both parts' types, equal row counts and distinct column names. */
export function mixedMatrix(numeric: Matrix, categorical: CategoricalMatrix, who = 'mixedMatrix'): MixedMatrix {
  checkMatrix(numeric, who, 'numeric');
  if (!(categorical instanceof CategoricalMatrix)) throw usageError(who, `categorical must be a CategoricalMatrix (got ${typeName(categorical)})`);
  if (numeric.rows !== categorical.rows) {
    throw usageError(who, `numeric has ${numeric.rows} rows but categorical has ${categorical.rows}; both parts must describe the same rows`);
  }
  const shared = numeric.columns.filter((c) => categorical.columns.includes(c));
  if (shared.length) throw usageError(who, `column(s) ${shared.map((c) => `"${c}"`).join(', ')} appear in both numeric and categorical; names must be distinct`);
  return { numeric, categorical };
}
