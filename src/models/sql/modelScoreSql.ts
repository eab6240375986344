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
  // Each layer is a CTE, materialized where the dialect can say so (DuckDB, PostgreSQL): a planner that
  // inlines a layer into the next copies the trees into every reference of its column (the forest's logit
  // names its mean twice, Platt the raw score twice, an isotonic CASE twice per point), which in DuckDB and
  // PostgreSQL cost minutes and gigabytes with a calibrator.
  const m = dialect === 'duckdb' || dialect === 'postgres' ? ' MATERIALIZED' : '';
  const designCte = [`WITH ${q('design')} AS${m} (`, `  SELECT ${id},`, design.map((e, j) => `    ${e} AS ${alias[j]}`).join(',\n'), `  FROM ${q(options.table ?? 'features')}`];
  if (sql.calibrated) {
    // Calibrated: the raw score in one layer, the calibration of that column in the last. (With the model's
    // own probability in a middle layer, DuckDB 1.5 returned slope · raw + intercept as the raw score of a
    // calibrated forest and ran out of memory on a deeper one.)
    return [...designCte, `), ${q('scored')} AS${m} (`, `  SELECT ${id},`, `  ${sql.raw} AS ${raw}`, `  FROM ${q('design')}`, ')', `SELECT ${id}, ${raw}, ${sql.calibrated(raw)} AS ${probability} FROM ${q('scored')}`].join('\n');
  }
  return [
    `WITH ${q('design')} AS${m} (`,
    `  SELECT ${id},`,
    design.map((e, j) => `    ${e} AS ${alias[j]}`).join(',\n'),
    `  FROM ${q(options.table ?? 'features')}`,
    `), ${q('scored')} AS${m} (`,
    `  SELECT ${id},`,
    `  ${sql.primary === 'raw' ? sql.raw : sql.probability} AS ${first}`,
    `  FROM ${q('design')}`,
    `), ${q('both')} AS${m} (`,
    `  SELECT ${id}, ${first}, ${sql.derived(first)} AS ${second} FROM ${q('scored')}`,
    ')',
    `SELECT ${id}, ${raw}, ${probability} FROM ${q('both')}`,
  ].join('\n');
}
