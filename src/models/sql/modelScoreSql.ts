import type { DesignEncoder } from '../design/DesignEncoder';
import type { Calibrator } from '../evaluation/Calibrator';
import type { FittedModel } from '../ModelEntry';
import { quoteIdentifier } from '../../rules/sql/quoteIdentifier';
import type { SqlDialect } from '../../rules/sql/SqlDialect';
import { designSql } from './designSql';
import { modelScoreProgram } from './modelScoreProgram';
import { scoreProgramToSql } from './scoreProgramToSql';

/**
 * A whole scoring statement: the design columns computed once in a subquery (d0, d1, … — a category's
 * level code or one-hot CASE is written once, not at every tree node that splits on it), the model's raw
 * score and probability over them, per customer of `table`; with a calibrator, the probability is the
 * calibration of the raw score.
 */
export function modelScoreSql(model: FittedModel, encoder: DesignEncoder, dialect: SqlDialect, options: { table?: string; id?: string; calibrator?: Calibrator | null } = {}): string {
  const program = modelScoreProgram(model, options.calibrator ?? null);
  const q = (name: string) => quoteIdentifier(name, dialect);
  const id = q(options.id ?? 'customer_id');
  const design = designSql(encoder, dialect);
  const alias = design.map((_, j) => q(`d${j}`));
  const sql = scoreProgramToSql(program, { dialect, featureSql: alias });
  const raw = q('score_log_odds');
  const probability = q('probability');
  // The big expression (trees or terms) once, the other score from its column.
  const [first, second] = sql.primary === 'raw' ? [raw, probability] : [probability, raw];
  const table = q(options.table ?? 'features');
  const designSelect = `SELECT ${id},\n${design.map((e, j) => `    ${e} AS ${alias[j]}`).join(',\n')}`;
  if (sql.calibrated) {
    // Calibrated: the raw score in one layer, the calibration of that column in the last. (With the model's
    // own probability in a middle layer, DuckDB 1.5 returned slope · raw + intercept as the raw score of a
    // calibrated forest and ran out of memory on a deeper one.)
    return layered(dialect, table, [
      ['design', designSelect],
      ['scored', `SELECT ${id},\n  ${sql.raw} AS ${raw}`],
    ], `SELECT ${id}, ${raw}, ${sql.calibrated(raw)} AS ${probability}`);
  }
  return layered(dialect, table, [
    ['design', designSelect],
    ['scored', `SELECT ${id},\n  ${sql.primary === 'raw' ? sql.raw : sql.probability} AS ${first}`],
    ['both', `SELECT ${id}, ${first}, ${sql.derived(first)} AS ${second}`],
  ], `SELECT ${id}, ${raw}, ${probability}`);
}

/**
 * Layers of SELECT lists, each over the one before (the first over `table`), then the last SELECT list over
 * the last layer. CTEs, materialized where the dialect can say so (DuckDB, PostgreSQL: a planner that inlines
 * a layer into the next copies the trees into every reference of its column — the forest's logit names its
 * mean twice, Platt the raw score twice, an isotonic CASE twice per point — which in DuckDB and PostgreSQL
 * cost minutes and gigabytes with a calibrator). ClickHouse 18.16 has no `WITH name AS (subquery)`: there
 * each layer is a subquery in the next one's FROM, and ClickHouse computes a subquery's columns once.
 */
function layered(dialect: SqlDialect, table: string, layers: readonly (readonly [string, string])[], last: string): string {
  const q = (name: string) => quoteIdentifier(name, dialect);
  if (dialect === 'clickhouse') {
    let from = table;
    for (const [name, select] of layers) from = `(\n${select}\n  FROM ${from}\n) AS ${q(name)}`;
    return `${last} FROM ${from}`;
  }
  const m = dialect === 'duckdb' || dialect === 'postgres' ? ' MATERIALIZED' : '';
  const ctes = layers.map(([name, select], i) => `${i === 0 ? 'WITH' : '),'} ${q(name)} AS${m} (\n  ${select}\n  FROM ${i === 0 ? table : q(layers[i - 1]![0])}`);
  return [...ctes, ')', `${last} FROM ${q(layers.at(-1)![0])}`].join('\n');
}
