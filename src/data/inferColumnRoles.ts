import type { DuckSession } from './DuckSession';
import { FALSE_WORDS, TRUE_WORDS } from './conversionSql';
import { quoteLiteral } from './DuckSession';
import type { ColumnType } from './resolveMapping';
import type { ColumnRole } from './schema';

export interface InferenceInput {
  name: string;
  /** Role from the config when known (a 'target' still needs its type). */
  role?: ColumnRole;
  /** SQL of the mapped value in `relation`. */
  valueSql: string;
  valueType: string;
}

export interface InferredColumn {
  role: ColumnRole;
  type: ColumnType;
}

const BOOLEAN_WORDS = [...TRUE_WORDS, ...FALSE_WORDS].filter((w) => w !== '0' && w !== '1');

/**
 * Role and type of extra columns from their values, in one aggregate query: all yes/no-like or
 * all 0/1 (flags such as SeniorCitizen) → boolean, all numbers → numeric, all timestamps → timestamp, unique values under an "…_id" name
 * → id, anything else → categorical. A target keeps its role and gets the type of its values.
 * Empty and blank values are ignored.
 */
export async function inferColumnRoles(
  session: DuckSession,
  relation: string,
  columns: readonly InferenceInput[],
): Promise<Map<string, InferredColumn>> {
  const out = new Map<string, InferredColumn>();
  if (!columns.length) return out;
  const parts = columns.flatMap((c, i) => {
    const v = `NULLIF(trim(CAST(${c.valueSql} AS VARCHAR)), '')`;
    return [
      `count(${v}) AS n${i}`,
      `count(TRY_CAST(${v} AS DOUBLE)) AS num${i}`,
      `count(*) FILTER (WHERE lower(${v}) IN (${BOOLEAN_WORDS.map(quoteLiteral).join(', ')})) AS bool${i}`,
      `count(*) FILTER (WHERE ${v} IN ('0', '1')) AS bit${i}`,
      `count(TRY_CAST(${v} AS TIMESTAMP)) AS ts${i}`,
      `count(DISTINCT ${v}) AS d${i}`,
    ];
  });
  const stats = (await session.one(`SELECT ${parts.join(', ')} FROM ${relation}`)) ?? {};
  columns.forEach((c, i) => {
    const n = Number(stats[`n${i}`]);
    const num = Number(stats[`num${i}`]);
    const bool = Number(stats[`bool${i}`]);
    const bit = Number(stats[`bit${i}`]);
    const ts = Number(stats[`ts${i}`]);
    const distinct = Number(stats[`d${i}`]);
    const kind: InferredColumn =
      n === 0
        ? { role: 'categorical', type: 'VARCHAR' }
        : c.valueType === 'BOOLEAN' || bool === n || bit === n
          ? { role: 'boolean', type: 'BOOLEAN' }
          : num === n
            ? { role: 'numeric', type: 'DOUBLE' }
            : ts === n
              ? { role: 'timestamp', type: 'TIMESTAMP' }
              : /(^|_)id$/i.test(c.name) && distinct === n
                ? { role: 'id', type: 'VARCHAR' }
                : { role: 'categorical', type: 'VARCHAR' };
    if (c.role === 'target') {
      const type: ColumnType = kind.role === 'boolean' ? 'BOOLEAN' : kind.role === 'numeric' ? 'DOUBLE' : 'VARCHAR';
      out.set(c.name, { role: 'target', type });
    } else {
      out.set(c.name, kind);
    }
  });
  return out;
}
