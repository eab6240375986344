import { inputError } from '../core/errors';

/** A numeric column of one period: NaN marks a missing value. */
export interface DriftNumberColumn {
  name: string;
  type: 'number';
  values: Float64Array;
}

/** A categorical column of one period: null marks a missing value. */
export interface DriftCategoryColumn {
  name: string;
  type: 'category';
  values: ReadonlyArray<string | null>;
}

/** The columns of one period that compareFeatures compares with another period's (same names, same types). */
export interface DriftTable {
  columns: Array<DriftNumberColumn | DriftCategoryColumn>;
}

/**
 * Check a table from the caller: columns with distinct names, one length, numbers in a Float64Array (NaN =
 * missing, ±Infinity refused with its row), levels as strings or null. Returns the row count.
 */
export function checkDriftTable(table: DriftTable, which: 'reference' | 'current'): number {
  if (table === null || typeof table !== 'object' || !Array.isArray(table.columns)) {
    throw inputError({ check: 'bad-drift-table', what: `the ${which} table is not a DriftTable`, where: { field: which }, fix: 'pass { columns: [{ name, type: "number" | "category", values }] }' });
  }
  const seen = new Set<string>();
  let rows = -1;
  for (const [c, col] of table.columns.entries()) {
    const name = col?.name;
    if (typeof name !== 'string' || name === '') throw inputError({ check: 'bad-drift-column', what: `column ${c + 1} of the ${which} table has no name`, where: { field: `${which}.columns[${c}]` }, fix: 'give every column a non-empty name' });
    if (seen.has(name)) throw inputError({ check: 'duplicate-column', what: `the ${which} table has two columns named "${name}"`, where: { column: name }, fix: 'rename or drop one of them' });
    seen.add(name);
    if (col.type === 'number') {
      if (!(col.values instanceof Float64Array)) throw inputError({ check: 'bad-drift-column', what: `numeric column "${name}" of the ${which} table does not hold a Float64Array`, where: { column: name }, fix: 'pass its values as a Float64Array (NaN for missing)' });
      const v = col.values;
      for (let i = 0; i < v.length; i++) {
        if (v[i] === Infinity || v[i] === -Infinity) throw inputError({ check: 'infinite-value', what: `numeric column "${name}" of the ${which} table holds ${v[i]}`, where: { column: name, row: i + 1 }, fix: 'replace it with a finite value or NaN (missing)' });
      }
    } else if (col.type === 'category') {
      if (!Array.isArray(col.values)) throw inputError({ check: 'bad-drift-column', what: `categorical column "${name}" of the ${which} table does not hold an array`, where: { column: name }, fix: 'pass its levels as an array of strings (null for missing)' });
      const v = col.values;
      for (let i = 0; i < v.length; i++) {
        if (v[i] !== null && typeof v[i] !== 'string') throw inputError({ check: 'bad-level', what: `categorical column "${name}" of the ${which} table holds ${JSON.stringify(v[i]) ?? String(v[i])}, not a level`, where: { column: name, row: i + 1 }, fix: 'pass levels as strings and missing values as null' });
      }
    } else {
      throw inputError({ check: 'bad-drift-column', what: `column "${name}" of the ${which} table has type ${JSON.stringify((col as { type?: unknown }).type)}`, where: { column: name }, fix: 'use type "number" or "category"' });
    }
    if (rows === -1) rows = col.values.length;
    else if (col.values.length !== rows) throw inputError({ check: 'ragged-table', what: `column "${name}" of the ${which} table has ${col.values.length} rows, the columns before it ${rows}`, where: { column: name }, fix: 'give every column one value per row' });
  }
  if (rows <= 0) throw inputError({ check: 'empty-table', what: `the ${which} table has ${rows < 0 ? 'no columns' : 'no rows'}`, where: { field: which }, fix: 'compare tables with at least one column and one row' });
  return rows;
}
