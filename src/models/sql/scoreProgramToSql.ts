import { usageError } from '../../core/errors';
import { assertUnreachable } from '../../core/assertUnreachable';
import { assertSqlDialect, type SqlDialect } from '../../rules/sql/SqlDialect';
import { sqlNumber } from '../../rules/sql/sqlNumber';
import type { ScoreProgram, TreeNode } from './ScoreProgram';

/** SQL of a model's score: the raw score (log-odds) and the class-1 probability, as two expressions. */
export interface ScoreSql {
  readonly raw: string;
  readonly probability: string;
  /**
   * Which of the two is computed from the trees or terms ('raw' for the linear and boosted models, the
   * probability for a forest); `derived(alias)` gives the other from a column holding it, so a statement can
   * compute the big expression once (modelScoreSql) instead of repeating it.
   */
  readonly primary: 'raw' | 'probability';
  derived(alias: string): string;
}

export interface ScoreSqlOptions {
  readonly dialect: SqlDialect;
  /** The SQL expression of every design column, by index (a quoted column, a one-hot CASE, …). */
  readonly featureSql: readonly string[];
}

/** Beyond ±700 exp() overflows in some warehouses (PostgreSQL raises); the logistic is 0 or 1 there anyway. */
const CLAMP = 700;

/**
 * Compile a score program to SQL expressions over one row, so a warehouse scores without seglab. Every
 * number is a literal that reads back as the same double (rules/sql/sqlNumber); the raw score is cast to the
 * dialect's double type, the probability is 1 / (1 + exp(−raw)) with raw clamped to ±700 (a forest's
 * probability is the mean of its leaves). A NULL input takes a tree's learned missing direction; a linear
 * model's score is NULL when an input is (the in-process model refuses NaN).
 */
export function scoreProgramToSql(program: ScoreProgram, options: ScoreSqlOptions): ScoreSql {
  assertSqlDialect(options.dialect);
  const { dialect, featureSql } = options;
  const double = DOUBLE_TYPE[dialect];
  const feature = (j: number): string => {
    const sql = featureSql[j];
    if (sql === undefined) throw usageError('scoreProgramToSql', `the program uses design column ${j}, but featureSql has ${featureSql.length} expressions`, 'pass one SQL expression per design column of the model');
    return sql;
  };
  switch (program.kind) {
    case 'linear': {
      const terms = program.terms.map((t) => `${sqlNumber(t.coef)} * ${feature(t.feature)}`);
      const raw = `CAST(${[sqlNumber(program.intercept), ...terms].join('\n  + ')} AS ${double})`;
      // GREATEST/LEAST skip NULLs in PostgreSQL: `raw * 0` keeps a NULL score NULL.
      return { raw, probability: logisticSql(raw, double, `(${raw}) * 0 + `), primary: 'raw', derived: (alias) => logisticSql(alias, double, `${alias} * 0 + `) };
    }
    case 'trees': {
      if (program.trees.length === 0) throw usageError('scoreProgramToSql', 'a tree ensemble without trees', 'fit the model first');
      const trees = program.trees.map((t) => `(${treeSql(t, feature)})`);
      if (program.combine === 'sum') {
        const raw = `CAST(${[sqlNumber(program.base), ...trees].join('\n  + ')} AS ${double})`;
        return { raw, probability: logisticSql(raw, double, ''), primary: 'raw', derived: (alias) => logisticSql(alias, double, '') };
      }
      const probability = `CAST((${trees.join('\n  + ')}) AS ${double}) / ${program.trees.length}`;
      // The forest's raw score is the logit of its probability, clamped as in process (evaluateScoreProgram).
      const eps = sqlNumber(program.epsilon ?? 1e-15);
      const logit = (prob: string) => {
        const p = `LEAST(1 - ${eps}, GREATEST(${eps}, ${prob}))`;
        return `LN((${p}) / (1 - (${p})))`;
      };
      return { raw: logit(probability), probability, primary: 'probability', derived: logit };
    }
    default:
      return assertUnreachable(program);
  }
}

const DOUBLE_TYPE: Record<SqlDialect, string> = {
  duckdb: 'DOUBLE',
  postgres: 'DOUBLE PRECISION',
  clickhouse: 'Float64',
  bigquery: 'FLOAT64',
  snowflake: 'DOUBLE',
  spark: 'DOUBLE',
};

function logisticSql(raw: string, double: string, keepNull: string): string {
  return `1 / (1 + EXP(-(${keepNull}GREATEST(CAST(${-CLAMP} AS ${double}), LEAST(CAST(${CLAMP} AS ${double}), ${raw})))))`;
}

function treeSql(node: TreeNode, feature: (j: number) => string): string {
  if ('leaf' in node) return sqlNumber(node.leaf);
  const x = feature(node.feature);
  // Each subtree is written once (a separate NULL branch would copy it: 3^depth text). A NULL makes the
  // test NULL, which CASE treats as false: right; a learned left direction says so with IS NULL OR.
  const goesLeft = 'threshold' in node ? `${x} <= ${sqlNumber(node.threshold)}` : node.leftCodes.length ? `${x} IN (${node.leftCodes.map(sqlNumber).join(', ')})` : '';
  // A level the tree never saw goes the missing way: with missing left, "not a known code" joins the test.
  const unknown = !('threshold' in node) && node.knownCodes && node.missingLeft ? (node.knownCodes.length ? ` OR ${x} NOT IN (${node.knownCodes.map(sqlNumber).join(', ')})` : ' OR 1 = 1') : '';
  const test = node.missingLeft ? (goesLeft ? `${x} IS NULL OR ${goesLeft}${unknown}` : `${x} IS NULL${unknown}`) : goesLeft || `${x} IS NULL AND ${x} IS NOT NULL`;
  return `CASE WHEN ${test} THEN ${treeSql(node.left, feature)} ELSE ${treeSql(node.right, feature)} END`;
}
