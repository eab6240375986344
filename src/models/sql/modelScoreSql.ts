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
  // With a calibrator, the outer select maps the raw score column (computed once) to the probability.
  const outer = sql.calibrated ? `${raw}, ${sql.calibrated(raw)} AS ${probability}` : `${raw}, ${probability}`;
  return [
    `SELECT ${id}, ${outer} FROM (`,
    `SELECT ${id}, ${first}, ${sql.derived(first)} AS ${second} FROM (`,
    `SELECT ${id},`,
    `  ${sql.primary === 'raw' ? sql.raw : sql.probability} AS ${first}`,
    'FROM (',
    `  SELECT ${id},`,
    design.map((e, j) => `    ${e} AS ${alias[j]}`).join(',\n'),
    `  FROM ${q(options.table ?? 'features')}`,
    `) ${q('design')}`,
    `) ${q('scored')}`,
    `) ${q('both')}`,
  ].join('\n');
}
