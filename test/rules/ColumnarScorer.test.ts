import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnarScorer } from '../../src/rules/ColumnarScorer';
import { parseCondition, type Condition } from '../../src/rules/Condition';
import { compileJsonLogic, jsonLogicTruthy } from '../../src/rules/jsonLogic';
import type { RuleBundle } from '../../src/rules/RuleBundle';

const FIELDS = { x: 'number', y: 'number', s: 'string' } as const;

const numLit = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, -1.5, 2.25));
const strLit = fc.constantFrom('a', 'b', "o'k", '');
const atom: fc.Arbitrary<Condition> = fc.oneof(
  fc.tuple(fc.constantFrom('<', '<=', '>', '>=' as const), fc.constantFrom('x', 'y'), numLit).map(([op, f, v]) => ({ [op]: [{ var: f }, v] }) as Condition),
  fc.tuple(fc.constantFrom('<', '<=' as const), numLit, fc.constantFrom('x', 'y'), numLit).map(([op, a, f, b]) => ({ [op]: [a, { var: f }, b] }) as Condition),
  fc.tuple(fc.constantFrom('==', '!=' as const), strLit).map(([op, v]) => ({ [op]: [{ var: 's' }, v] }) as Condition),
  fc.tuple(fc.constantFrom('==', '!=' as const), fc.constantFrom('x', 'y'), numLit).map(([op, f, v]) => ({ [op]: [{ var: f }, v] }) as Condition),
  fc.array(strLit, { maxLength: 3 }).map((list) => ({ in: [{ var: 's' }, list] }) as Condition),
  fc.array(numLit, { maxLength: 3 }).map((list) => ({ in: [{ var: 'x' }, list] }) as Condition),
  fc.tuple(fc.constantFrom('==', '!=' as const), fc.constantFrom('x', 'y', 's')).map(([op, f]) => ({ [op]: [{ var: f }, null] }) as Condition),
  fc.boolean(),
);
const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((cs) => ({ and: cs })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((cs) => ({ or: cs })),
    tie('c').map((c) => ({ '!': [c] }) as Condition),
  ),
})).c;

const record = fc.record({
  x: fc.option(numLit, { nil: null }),
  y: fc.option(fc.double({ min: -5, max: 5, noNaN: true }), { nil: null }),
  s: fc.option(strLit, { nil: null }),
});

function columns(rows: { x: number | null; y: number | null; s: string | null }[]) {
  return {
    rowCount: rows.length,
    numeric: { x: Float64Array.from(rows, (r) => r.x ?? NaN), y: Float64Array.from(rows, (r) => r.y ?? NaN) },
    categorical: { s: rows.map((r) => r.s) },
  };
}

describe('ColumnarScorer', () => {
  it('agrees with the JSON Logic evaluator on every row (property)', () => {
    let rowsChecked = 0;
    fc.assert(
      fc.property(condition, fc.array(record, { minLength: 1, maxLength: 30 }), (c, rows) => {
        parseCondition(c, FIELDS);
        const mask = new ColumnarScorer(columns(rows)).mask(c);
        const rule = compileJsonLogic(c);
        rows.forEach((r, i) => expect(mask[i], `${JSON.stringify(c)} on ${JSON.stringify(r)}`).toBe(jsonLogicTruthy(rule.evaluate(r)) ? 1 : 0));
        rowsChecked += rows.length;
      }),
      { numRuns: 1500, seed: 20261201 },
    );
    expect(rowsChecked).toBeGreaterThanOrEqual(1500);
  });

  it('segments, firstMatch, matchesAny and scores agree with the per-row evaluator: first match wins, every score rule counts (property)', () => {
    fc.assert(
      fc.property(fc.array(condition, { minLength: 1, maxLength: 5 }), fc.array(record, { minLength: 1, maxLength: 40 }), (conds, rows) => {
        const bundle = {
          segments: conds.map((c, r) => ({ id: 10 + r, names: { en: `s${r}`, fr: `s${r}` }, condition: c })),
          fallback: { id: 99, names: { en: 'rest', fr: 'rest' } },
          score: null,
        } as unknown as RuleBundle;
        const scoring = { segments: [], fallback: null, score: { base: 1, rules: conds.map((c, r) => ({ condition: c, points: 2 ** r })) } } as unknown as RuleBundle;
        const scorer = new ColumnarScorer(columns(rows));
        const seg = scorer.segments(bundle);
        const first = scorer.firstMatch(bundle);
        const any = scorer.matchesAny(scoring);
        const pts = scorer.scores(scoring);
        const rules = conds.map((c) => compileJsonLogic(c));
        expect(seg.length).toBe(rows.length);
        rows.forEach((row, i) => {
          const holds = rules.map((rule) => jsonLogicTruthy(rule.evaluate(row)));
          const r = holds.indexOf(true);
          expect(first[i]).toBe(r);
          expect(seg[i]).toBe(r < 0 ? 99 : 10 + r);
          expect(any[i]).toBe(r < 0 ? 0 : 1);
          expect(pts[i]).toBe(holds.reduce((acc, h, k) => acc + (h ? 2 ** k : 0), 1));
        });
      }),
      { numRuns: 800, seed: 20261203 },
    );
  });

  it('assigns the first matching segment in priority order, else the fallback', () => {
    const bundle = {
      segments: [
        { id: 7, name: 'big', condition: { '>=': [{ var: 'x' }, 2] } },
        { id: 3, name: 'a', condition: { '==': [{ var: 's' }, 'a'] } },
      ],
      fallback: { id: 0, name: 'rest' },
    } as unknown as RuleBundle;
    const cols = columns([
      { x: 3, y: null, s: 'a' }, // both match: the first wins
      { x: 1, y: null, s: 'a' },
      { x: null, y: null, s: null }, // missing x counts as 0
      { x: 2, y: 1, s: 'b' },
    ]);
    expect(Array.from(new ColumnarScorer(cols).segments(bundle))).toEqual([7, 3, 0, 7]);
  });

  it('adds lead-scoring points of every rule that holds', () => {
    const bundle = {
      score: {
        base: 10,
        rules: [
          { condition: { '>': [{ var: 'x' }, 0] }, points: 10 },
          { condition: { in: [{ var: 's' }, ['a', 'b']] }, points: 5 },
          { condition: { '>=': [{ var: 'y' }, 90] }, points: -20 },
        ],
      },
    } as unknown as RuleBundle;
    const cols = columns([
      { x: 1, y: 100, s: 'a' },
      { x: 0, y: null, s: null },
    ]);
    expect(Array.from(new ColumnarScorer(cols).scores(bundle))).toEqual([5, 10]);
  });

  it('names a column the rules need but the input lacks', () => {
    const scorer = new ColumnarScorer(columns([{ x: 1, y: 1, s: 'a' }]));
    expect(() => scorer.mask({ '>': [{ var: 'z' }, 1] })).toThrow(/no numeric column "z"/);
    expect(() => scorer.mask({ '==': [{ var: 'city' }, 'Paris'] })).toThrow(/no text column "city"/);
  });
});
