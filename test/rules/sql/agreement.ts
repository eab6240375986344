// The property checks shared by the DuckDB, PostgreSQL and ClickHouse tests: SQL of the dialect == TypeScript.
import fc from 'fast-check';
import { expect } from 'vitest';
import { bundleCaseSql, ColumnarScorer, compileBundle, conditionToSql, quoteIdentifier } from '../../../src/rules';
import type { Condition } from '../../../src/rules/Condition';
import { conditionArb, FIELDS, holds, makeBundle, makeScoreBundle, NUMBER_FIELDS, numberArb, recordArb, scoreOf, segmentOf, STRING_FIELDS, type Db, type Rec } from './arbitraries';

const RECORDS = 50;

/** `conditions` per query × `runs` queries over 50 random records: every row agrees. */
export async function checkConditions(db: Db, runs: number, perQuery: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(recordArb, { minLength: RECORDS, maxLength: RECORDS }), fc.array(conditionArb, { minLength: perQuery, maxLength: perQuery }), async (records, conditions) => {
      await db.load(records);
      const cols = conditions.map((c, i) => `${conditionToSql(c, db.dialect, { fields: FIELDS })} AS ${quoteIdentifier(`c${i}`, db.dialect)}`);
      const rows = await db.query(`SELECT ${quoteIdentifier('id', db.dialect)}, ${cols.join(', ')} FROM r ORDER BY 1`);
      expect(rows).toHaveLength(records.length);
      rows.forEach((row, i) => {
        conditions.forEach((c, j) => {
          const sql = row[`c${j}`];
          const ts = holds(c, records[i]!);
          if (sql !== ts) {
            throw new Error(`${db.dialect}: SQL gave ${String(sql)}, TypeScript ${ts}\ncondition: ${JSON.stringify(c)}\nSQL: ${conditionToSql(c, db.dialect, { fields: FIELDS })}\nrecord: ${JSON.stringify(records[i])}`);
          }
        });
      });
    }),
    { numRuns: runs },
  );
}

/** The records column-wise, as the typed-array scorer reads a feature table (NaN / null = missing). */
function columnsOf(records: Rec[]) {
  return {
    rowCount: records.length,
    numeric: Object.fromEntries(NUMBER_FIELDS.map((f) => [f, Float64Array.from(records, (r) => (typeof r[f] === 'number' ? (r[f] as number) : NaN))])),
    categorical: Object.fromEntries(STRING_FIELDS.map((f) => [f, records.map((r) => (typeof r[f] === 'string' ? (r[f] as string) : null))])),
  };
}

/**
 * Segment bundles (priority CASE WHEN) and score bundles: the SQL of the dialect, the per-record
 * evaluator (compileBundle) and the typed-array scorer give every row the segment / score of the
 * reference semantics, where d (declared in days) reads a missing value as +Infinity.
 */
export async function checkBundles(db: Db, runs: number, perQuery: number): Promise<void> {
  const bundleArb = fc.tuple(fc.array(conditionArb, { minLength: 1, maxLength: 5 }), fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }));
  const scoreArb = fc.tuple(fc.array(fc.record({ condition: conditionArb, points: fc.integer({ min: -50, max: 50 }) }), { maxLength: 4 }), fc.integer({ min: -10, max: 10 }));
  await fc.assert(
    fc.asyncProperty(
      fc.array(recordArb, { minLength: RECORDS, maxLength: RECORDS }),
      fc.array(bundleArb, { minLength: perQuery, maxLength: perQuery }),
      fc.array(scoreArb, { minLength: 2, maxLength: 2 }),
      async (records, specs, scoreSpecs) => {
        await db.load(records);
        const bundles = specs.map(([conditions, fallback]) => makeBundle(conditions as Condition[], fallback));
        const scores = scoreSpecs.map(([rules, base]) => makeScoreBundle(rules, base));
        const cols = [
          ...bundles.map((b, i) => `${bundleCaseSql(b, db.dialect)} AS ${quoteIdentifier(`b${i}`, db.dialect)}`),
          ...scores.map((b, i) => `${bundleCaseSql(b, db.dialect)} AS ${quoteIdentifier(`p${i}`, db.dialect)}`),
        ];
        const rows = await db.query(`SELECT ${quoteIdentifier('id', db.dialect)}, ${cols.join(', ')} FROM r ORDER BY 1`);
        const scorer = new ColumnarScorer(columnsOf(records));
        const columnar = bundles.map((b) => scorer.segments(b));
        const columnarScores = scores.map((b) => scorer.scores(b));
        const evaluators = bundles.map((b) => compileBundle(b));
        const scoreEvaluators = scores.map((b) => compileBundle(b));
        rows.forEach((row, i) => {
          bundles.forEach((b, j) => {
            const sql = row[`b${j}`] === null ? null : Number(row[`b${j}`]);
            const want = segmentOf(b, records[i]!);
            const evaluator = evaluators[j]!.segment(records[i]);
            const typed = b.fallback === null && columnar[j]![i] === -1 ? null : columnar[j]![i];
            if (sql !== want || evaluator !== want || typed !== want) {
              throw new Error(`${db.dialect}: SQL segment ${sql}, evaluator ${evaluator}, columnar ${typed}, reference ${want}\nsegments: ${JSON.stringify(b.segments.map((s) => s.condition))}\nrecord: ${JSON.stringify(records[i])}`);
            }
          });
          scores.forEach((b, j) => {
            const want = scoreOf(b, records[i]!);
            expect(Number(row[`p${j}`])).toBe(want);
            expect(scoreEvaluators[j]!.score(records[i])).toBe(want);
            expect(columnarScores[j]![i]).toBe(want);
          });
        });
      },
    ),
    { numRuns: runs },
  );
}

/** Number literals read back as the same double (the comparison `x = literal` on a double column). */
export async function checkNumberLiterals(db: Db): Promise<void> {
  const values = fc.sample(numberArb, { numRuns: 150, seed: 7 }).concat([Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53, 2 ** 53 + 2, 1e21, 1.7976931348623157e308, 0.1 + 0.2, 1 / 3]);
  const records: Rec[] = values.map((x) => ({ x }));
  await db.load(records);
  const conditions: Condition[] = values.map((v) => ({ '==': [{ var: 'x' }, v] }));
  const cols = conditions.map((c, i) => `${conditionToSql(c, db.dialect, { fields: FIELDS })} AS ${quoteIdentifier(`c${i}`, db.dialect)}`);
  const rows = await db.query(`SELECT ${quoteIdentifier('id', db.dialect)}, ${cols.join(', ')} FROM r ORDER BY 1`);
  rows.forEach((row, i) => {
    conditions.forEach((c, j) => {
      expect(row[`c${j}`], `x = ${values[i]}, literal ${values[j]}: ${conditionToSql(c, db.dialect, { fields: FIELDS })}`).toBe(values[i] === values[j]);
    });
  });
}
