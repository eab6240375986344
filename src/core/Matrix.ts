import { UsageError } from './errors';

/** Dense row-major matrix of float64 with named columns: the numeric currency between layers. */
export class Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly columns: readonly string[];

  constructor(data: Float64Array, rows: number, cols: number, columns?: readonly string[]) {
    if (data.length !== rows * cols) {
      throw new UsageError(`Matrix data has ${data.length} values, expected rows*cols = ${rows}*${cols} = ${rows * cols}.`);
    }
    if (columns && columns.length !== cols) {
      throw new UsageError(`Matrix has ${cols} columns but ${columns.length} column names were given.`);
    }
    this.data = data;
    this.rows = rows;
    this.cols = cols;
    this.columns = columns ?? Array.from({ length: cols }, (_, j) => `x${j}`);
  }

  static zeros(rows: number, cols: number, columns?: readonly string[]): Matrix {
    return new Matrix(new Float64Array(rows * cols), rows, cols, columns);
  }

  /** Build from equally long numeric columns (e.g. a feature table's columns). */
  static fromColumns(columns: Record<string, ArrayLike<number>>): Matrix {
    const names = Object.keys(columns);
    const rows = names.length ? columns[names[0]!]!.length : 0;
    const cols = names.length;
    const data = new Float64Array(rows * cols);
    names.forEach((name, j) => {
      const col = columns[name]!;
      if (col.length !== rows) throw new UsageError(`Column "${name}" has ${col.length} values, expected ${rows}.`);
      for (let i = 0; i < rows; i++) data[i * cols + j] = col[i]!;
    });
    return new Matrix(data, rows, cols, names);
  }

  static fromRows(rows: readonly (readonly number[])[], columns?: readonly string[]): Matrix {
    const r = rows.length;
    const c = r ? rows[0]!.length : columns?.length ?? 0;
    const data = new Float64Array(r * c);
    rows.forEach((row, i) => {
      if (row.length !== c) throw new UsageError(`Row ${i + 1} has ${row.length} values, expected ${c}.`);
      data.set(row, i * c);
    });
    return new Matrix(data, r, c, columns);
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  column(j: number): Float64Array {
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j]!;
    return out;
  }

  toRows(): number[][] {
    return Array.from({ length: this.rows }, (_, i) => Array.from(this.row(i)));
  }
}
