import { usageError } from '../../core/errors';
import { assertUnreachable } from '../../core/assertUnreachable';
import { assertSqlDialect, type SqlDialect } from '../../rules/sql/SqlDialect';
import { sqlNumber } from '../../rules/sql/sqlNumber';
import type { ScoreCalibration, ScoreProgram, TreeNode } from './ScoreProgram';

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
  /**
   * The calibrated probability from a column holding the raw score (null when the program has no
   * calibration): with a calibration, `probability` is this over the raw expression (repeated in the text:
   * an isotonic CASE names it twice per point), so a statement should compute the raw score once and apply
   * this to that column, as modelScoreSql does.
   */
  readonly calibrated: ((rawAlias: string) => string) | null;
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
 * model's score is NULL when an input is (the in-process model refuses NaN). A program with a calibration
 * has the calibration of its raw score as its probability (see `calibrated`).
 */
export function scoreProgramToSql(program: ScoreProgram, options: ScoreSqlOptions): ScoreSql {
  assertSqlDialect(options.dialect);
  const sql = uncalibratedSql(program, options);
  if (!program.calibration) return { ...sql, calibrated: null };
  const calibration = program.calibration;
  // Only a linear score can be NULL (a missing input); a tree score never is, and each reference to it may cost a copy of the trees.
  const calibrated = (raw: string) => calibrationSql(calibration, raw, options.dialect, program.kind === 'linear');
  return { ...sql, probability: calibrated(`(${sql.raw})`), calibrated };
}

function uncalibratedSql(program: ScoreProgram, options: ScoreSqlOptions): Omit<ScoreSql, 'calibrated'> {
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
      return { raw, probability: logisticSql(raw, dialect, `(${raw}) * 0 + `), primary: 'raw', derived: (alias) => logisticSql(alias, dialect, `${alias} * 0 + `) };
    }
    case 'trees': {
      if (program.trees.length === 0) throw usageError('scoreProgramToSql', 'a tree ensemble without trees', 'fit the model first');
      const trees = program.trees.map((t) => `(${treeSql(t, feature)})`);
      if (program.combine === 'sum') {
        const raw = `CAST(${[sqlNumber(program.base), ...trees].join('\n  + ')} AS ${double})`;
        return { raw, probability: logisticSql(raw, dialect, ''), primary: 'raw', derived: (alias) => logisticSql(alias, dialect, '') };
      }
      const probability = `CAST((${trees.join('\n  + ')}) AS ${double}) / ${program.trees.length}`;
      // The forest's raw score is the logit of its probability, clamped as in process (evaluateScoreProgram).
      const eps = sqlNumber(program.epsilon ?? 1e-15);
      const logit = (prob: string) => {
        const { greatest, least } = CLAMP_FUNCTIONS[dialect];
        const p = `${least}(1 - ${eps}, ${greatest}(${eps}, ${prob}))`;
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

/** GREATEST / LEAST as each dialect names them: ClickHouse's are case-sensitive, lower case (18.16 has no GREATEST). */
const CLAMP_FUNCTIONS: Record<SqlDialect, { greatest: string; least: string }> = {
  duckdb: { greatest: 'GREATEST', least: 'LEAST' },
  postgres: { greatest: 'GREATEST', least: 'LEAST' },
  clickhouse: { greatest: 'greatest', least: 'least' },
  bigquery: { greatest: 'GREATEST', least: 'LEAST' },
  snowflake: { greatest: 'GREATEST', least: 'LEAST' },
  spark: { greatest: 'GREATEST', least: 'LEAST' },
};

/**
 * A calibration over a raw score, as the calibrators compute it: Platt is the logistic of slope · raw +
 * intercept (NULL stays NULL); isotonic is a CASE over the intervals (x[h − 1], x[h]] with the line through
 * their points, the first value at or below x[0] and the last line's value at x[m − 1] above it.
 */
function calibrationSql(calibration: ScoreCalibration, raw: string, dialect: SqlDialect, nullable: boolean): string {
  const double = DOUBLE_TYPE[dialect];
  switch (calibration.kind) {
    case 'platt':
      return logisticSql(`${sqlNumber(calibration.slope)} * ${raw} + ${sqlNumber(calibration.intercept)}`, dialect, nullable ? `${raw} * 0 + ` : '');
    case 'isotonic': {
      const { x, y } = calibration;
      const lit = (v: number) => `CAST(${sqlNumber(v)} AS ${double})`;
      const m = x.length;
      if (m === 1) return nullable ? `CASE WHEN ${raw} IS NULL THEN NULL ELSE ${lit(y[0]!)} END` : lit(y[0]!);
      const slope = (h: number) => (y[h]! - y[h - 1]!) / (x[h]! - x[h - 1]!);
      const whens = [...(nullable ? [`WHEN ${raw} IS NULL THEN NULL`] : []), `WHEN ${raw} <= ${lit(x[0]!)} THEN ${lit(y[0]!)}`];
      for (let h = 1; h < m; h++) whens.push(`WHEN ${raw} <= ${lit(x[h]!)} THEN ${lit(slope(h))} * (${raw} - ${lit(x[h - 1]!)}) + ${lit(y[h - 1]!)}`);
      // Beyond the last point the score is clipped to it: the last line's value there, computed as in process.
      const last = slope(m - 1) * (x[m - 1]! - x[m - 2]!) + y[m - 2]!;
      return `CASE ${whens.join(' ')} ELSE ${lit(last)} END`;
    }
    default:
      return assertUnreachable(calibration, 'score calibration');
  }
}

function logisticSql(raw: string, dialect: SqlDialect, keepNull: string): string {
  const double = DOUBLE_TYPE[dialect];
  const { greatest, least } = CLAMP_FUNCTIONS[dialect];
  return `1 / (1 + EXP(-(${keepNull}${greatest}(CAST(${-CLAMP} AS ${double}), ${least}(CAST(${CLAMP} AS ${double}), ${raw})))))`;
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
