// Shared by the DuckDB and PostgreSQL property tests: a grammar of random conditions of the rule subset
// over a fixed field schema, random records, bundles built from them, and the TypeScript reference.
import fc from 'fast-check';
import { compileJsonLogic, jsonLogicTruthy } from '../../../src/rules';
import type { Condition, FieldTypes } from '../../../src/rules/Condition';
import type { RuleBundle } from '../../../src/rules/RuleBundle';

/** Numbers x, y and d (days: missing reads as +Infinity in a bundle); strings s and a name that needs quoting in every dialect. */
export const WEIRD = `we"ird 'na\`\`me`;
export const FIELDS: FieldTypes = { x: 'number', y: 'number', d: 'number', s: 'string', [WEIRD]: 'string' };
export const NUMBER_FIELDS = ['x', 'y', 'd'] as const;
/** The fields whose missing value reads as +Infinity in comparisons (declared with unit days in bundles). */
export const DAYS_FIELDS: ReadonlySet<string> = new Set(['d']);
export const STRING_FIELDS = ['s', WEIRD] as const;

export type Rec = Record<string, number | string | null>;

// Values shared by records and literals, so that equality and the boundaries of comparisons get hit.
const NUMBERS = [0, -0, 1, -1, 2, 0.1, 0.2, 0.3, 0.30000000000000004, -2.5, 1e-7, 1e21, 123456.789, 5, 10, -10, 9007199254740993];
const STRINGS = ['', 'a', 'A', 'Paris', ' Paris', "O'Brien", 'a"b', 'a`b', "x'; DROP TABLE t; --", 'back\\slash', '\\', "\\'", 'new\nline', 'tab\there', 'ünïcödé', '東京', '😀', 'null'];

export const numberArb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc.integer({ min: -20, max: 20 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -2000, max: 2000 }).map((n) => n / 100),
);
export const stringArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.fullUnicodeString({ maxLength: 4 }).filter((t) => !t.includes('\u0000')),
);

/** A field's value in a record: undefined means the key is absent (missing), null a present null. */
const valueOf = (arb: fc.Arbitrary<number | string>) => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) });

export const recordArb: fc.Arbitrary<Rec> = fc
  .record({ x: valueOf(numberArb), y: valueOf(numberArb), d: valueOf(numberArb), s: valueOf(stringArb), w: valueOf(stringArb) })
  .map(({ x, y, d, s, w }) => {
    const r: Rec = {};
    if (x !== undefined) r.x = x;
    if (y !== undefined) r.y = y;
    if (d !== undefined) r.d = d;
    if (s !== undefined) r.s = s;
    if (w !== undefined) r[WEIRD] = w;
    return r;
  });

const numField = fc.constantFrom(...NUMBER_FIELDS).map((f) => ({ var: f }));
const strField = fc.constantFrom(...STRING_FIELDS).map((f) => ({ var: f }));

const atomArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.tuple(fc.constantFrom('<', '<=', '>', '>=' as const), numField, numberArb).map(([op, f, n]) => ({ [op]: [f, n] }) as Condition),
  fc.tuple(fc.constantFrom('<', '<=' as const), numberArb, numField, numberArb).map(([op, lo, f, hi]) => ({ [op]: [lo, f, hi] }) as Condition),
  fc.tuple(fc.constantFrom('==', '!=' as const), numField, numberArb).map(([op, f, n]) => ({ [op]: [f, n] }) as Condition),
  fc.tuple(fc.constantFrom('==', '!=' as const), strField, stringArb).map(([op, f, t]) => ({ [op]: [f, t] }) as Condition),
  fc.tuple(numField, fc.array(numberArb, { maxLength: 4 })).map(([f, l]) => ({ in: [f, l] }) as Condition),
  fc.tuple(strField, fc.array(stringArb, { maxLength: 4 })).map(([f, l]) => ({ in: [f, l] }) as Condition),
  fc.tuple(fc.constantFrom('==', '!=' as const), fc.oneof(numField, strField)).map(([op, f]) => ({ [op]: [f, null] }) as Condition),
  fc.boolean(),
);

export const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'condition' },
    { weight: 3, arbitrary: atomArb },
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((cs) => ({ and: cs })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((cs) => ({ or: cs })),
    tie('c').map((c) => ({ '!': [c] }) as Condition),
  ),
})).c;

/** The reference: the JSON Logic evaluator's truthiness. */
export function holds(condition: Condition, record: Rec): boolean {
  return jsonLogicTruthy(compileJsonLogic(condition).evaluate(record));
}

/**
 * The subset's meaning written out directly (no engine shared with the code under test): a missing
 * number reads as 0 in comparisons, or as +Infinity for the fields in `infinite`; missing equals no
 * literal and is in no list; `== null` / `!= null` test for missing.
 */
export function reference(c: Condition, record: Rec, infinite: ReadonlySet<string> = new Set()): boolean {
  if (typeof c === 'boolean') return c;
  const [op, args] = Object.entries(c)[0] as [string, unknown[]];
  const value = (ref: unknown): number | string | null => record[(ref as { var: string }).var] ?? null;
  const read = (ref: unknown): number => {
    const v = value(ref);
    return v === null ? (infinite.has((ref as { var: string }).var) ? Infinity : 0) : (v as number);
  };
  switch (op) {
    case 'and':
      return (args as Condition[]).every((a) => reference(a, record, infinite));
    case 'or':
      return (args as Condition[]).some((a) => reference(a, record, infinite));
    case '!':
      return !reference((Array.isArray(args) ? args[0] : args) as Condition, record, infinite);
    case '==':
    case '!=': {
      const v = value(args[0]);
      const eq = args[1] === null ? v === null : v !== null && v === args[1];
      return op === '==' ? eq : !eq;
    }
    case 'in': {
      const v = value(args[0]);
      return v !== null && (args[1] as unknown[]).some((l) => l === v);
    }
    default: {
      const cmp = (a: number, b: number): boolean => (op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b);
      if (args.length === 3) return cmp(args[0] as number, read(args[1])) && cmp(read(args[1]), args[2] as number);
      return cmp(read(args[0]), args[1] as number);
    }
  }
}

export function makeBundle(conditions: Condition[], fallbackId: number | null = 0): RuleBundle {
  return {
    schemaVersion: 2,
    kind: 'segments',
    name: 'property bundle',
    bundleVersion: 1,
    source: { runId: null, dataFingerprints: [], asOf: null, asOfSemantics: 'n/a', seglabVersion: 'test' },
    fields: Object.entries(FIELDS).map(([name, type]) => ({ name, type, description: name, ...(DAYS_FIELDS.has(name) ? { unit: 'days' } : {}) })),
    segments: conditions.map((condition, i) => ({ id: i + 1, names: { en: `segment ${i + 1}`, fr: `segment ${i + 1}` }, condition })),
    fallback: fallbackId === null ? null : { id: fallbackId, names: { en: 'rest', fr: 'reste' } },
    score: null,
    validation: { status: 'draft', checks: [], reasons: [] },
    checksum: 'test',
  };
}

export function makeScoreBundle(rules: { condition: Condition; points: number }[], base: number): RuleBundle {
  return { ...makeBundle([]), kind: 'score', segments: [], fallback: null, score: { base, rules } };
}

/** First-match segment by the reference semantics (d, declared in days, reads missing as +Infinity). */
export function segmentOf(bundle: RuleBundle, record: Rec): number | null {
  for (const s of bundle.segments) if (reference(s.condition, record, DAYS_FIELDS)) return s.id;
  return bundle.fallback ? bundle.fallback.id : null;
}

export function scoreOf(bundle: RuleBundle, record: Rec): number {
  let total = bundle.score!.base;
  for (const r of bundle.score!.rules) if (reference(r.condition, record, DAYS_FIELDS)) total += r.points;
  return total;
}

/** A database under test: load the records as table `r` (id, x, y, s, WEIRD), then run a query. */
export interface Db {
  dialect: 'duckdb' | 'postgres' | 'clickhouse';
  load(records: Rec[]): Promise<void>;
  query(sql: string): Promise<Record<string, unknown>[]>;
}

export const RECORD_COLUMNS = ['id', 'x', 'y', 'd', 's', WEIRD] as const;
/** A record's row for a parametrised INSERT, in RECORD_COLUMNS order. */
export function rowParams(record: Rec, id: number): (number | string | null)[] {
  return [id, record.x ?? null, record.y ?? null, record.d ?? null, record.s ?? null, record[WEIRD] ?? null];
}
