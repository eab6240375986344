import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTrainingSet, DuckSession, InputError, UsageError, type TrainingSet } from '../../../src';
import { createLabelFixture, LABEL_AS_OF, LABEL_ROLES } from './fixture';

let session: DuckSession;
beforeEach(async () => {
  session = await DuckSession.open({ threads: 1 });
  await createLabelFixture(session);
});
afterEach(() => session.close());

/** customer → label of one snapshot (by its order in time, 0 = the earliest). */
function labelsOf(set: TrainingSet, order: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < set.train.ids.length; i++) if (set.train.snapshot[i] === order) out[set.train.ids[i]!] = set.train.labels[i]!;
  return out;
}

/** customer → value of a numeric feature in one snapshot. */
function featureOf(set: TrainingSet, order: number, column: string): Record<string, number> {
  const out: Record<string, number> = {};
  const v = set.train.frame.numeric[column]!;
  for (let i = 0; i < set.train.ids.length; i++) if (set.train.snapshot[i] === order) out[set.train.ids[i]!] = v[i]!;
  return out;
}

const churn30 = { kind: 'churn', horizonDays: 30 } as const;
/** With 2 snapshots: s2 = asOf − 60 days is the earliest (order 0), s1 = asOf − 30 days the latest (order 1). */
const S2 = 0;
const S1 = 1;

describe('buildTrainingSet: churn labels by hand', () => {
  let set: TrainingSet;
  beforeEach(async () => {
    set = await buildTrainingSet(session, {}, LABEL_AS_OF, churn30, { snapshots: 2, available: LABEL_ROLES });
  });

  it('makes snapshots asOf − 2·30 and asOf − 30 days, oldest first, with windows ending by asOf', () => {
    expect(set.snapshots.map((s) => [s.horizonsBack, s.asOf, s.windowEnd])).toEqual([
      [2, '2024-01-01', '2024-01-31'],
      [1, '2024-01-31', '2024-03-01'],
    ]);
    expect(set.asOf).toBe('2024-03-01');
  });

  it('numbers the rows\' snapshots in time order (0 = the earliest), as outOfTimeSplit takes them: the latest has the largest', () => {
    expect(set.snapshots.map((s) => [s.order, s.horizonsBack, s.asOf])).toEqual([
      [0, 2, '2024-01-01'],
      [1, 1, '2024-01-31'],
    ]);
    expect(Array.from(set.train.snapshot)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });

  it('labels churn = no order in [s, s + 30 days) among customers with an order before s', () => {
    // s2: e signed up after it; d never ordered; g's only later line is a return; f's order at 2024-01-31 00:00 is after the window.
    expect(labelsOf(set, S2)).toEqual({ a: 0, b: 1, c: 1, f: 1, g: 1 });
    // s1: f's order at 2024-01-31 00:00 is the first instant of the window; b's order at asOf 00:00 is never read.
    expect(labelsOf(set, S1)).toEqual({ a: 0, b: 1, c: 0, e: 1, f: 0, g: 1 });
    expect(set.positives).toBe(7);
    expect(set.negatives).toBe(4);
    expect(set.snapshots.map((s) => [s.start, s.end, s.positives, s.negatives])).toEqual([
      [0, 5, 4, 1],
      [5, 11, 3, 3],
    ]);
    expect(set.train.labels).toBeInstanceOf(Uint8Array);
    expect(set.train.snapshot).toBeInstanceOf(Int32Array);
  });

  it('computes each snapshot\'s features as of its own date (the order at a snapshot\'s 00:00 belongs to the next one)', () => {
    expect(featureOf(set, S2, 'frequency')).toEqual({ a: 1, b: 1, c: 1, f: 1, g: 1 });
    expect(featureOf(set, S1, 'frequency')).toEqual({ a: 2, b: 1, c: 1, e: 1, f: 1, g: 1 });
    expect(featureOf(set, S1, 'recency_days').f).toBe(91); // 2023-11-01 10:00 → 2024-01-31, not 0
  });

  it('scores the customers with an order before asOf, on the features as of asOf', () => {
    expect(set.score.ids).toEqual(['a', 'b', 'c', 'e', 'f', 'g']);
    const freq = set.score.frame.numeric.frequency!;
    expect(Array.from(freq)).toEqual([3, 1, 2, 1, 2, 1]); // b's order at asOf 00:00 is not counted
  });

  it('never uses the outcome column as an input, and says so; categorical columns stay text', () => {
    expect(set.columns.map((c) => c.name)).not.toContain('churned');
    expect(set.excluded).toContainEqual({ column: 'churned', reason: expect.stringContaining('outcome') });
    expect(set.columns.find((c) => c.name === 'region')?.role).toBe('categorical');
    expect(set.train.frame.categorical.region!.slice(0, 5)).toEqual(['North', 'South', 'North', null, 'South']);
  });

  it('says that customer attributes are as loaded, and that the data stops before asOf', () => {
    expect(set.notes).toEqual([
      // The last order before asOf is c's on 2024-02-20: 2024-02-21 … 2024-02-29 (9 days) hold no data.
      'The last order before asOf is on 2024-02-20, 9 days before asOf 2024-03-01: the latest label window (2024-01-31 to 2024-03-01) is partly unobserved, so its labels overstate churn if the data is incomplete. Check that the data reaches asOf.',
      expect.stringContaining('The customer attributes (age, region) are as loaded, not as of each snapshot'),
    ]);
  });

  it('describes the label in words for the model card', () => {
    expect(set.label.definition).toContain('no order');
    expect(set.label.definition).toContain('30 days');
    expect(set.label.population).toContain('at least one order before the snapshot date');
    expect(set.label.snapshots).toContain('2024-01-01, 2024-01-31');
  });

  it('drops its tables unless asked to keep them', async () => {
    expect(await session.tableExists('training_s1')).toBe(false);
    await buildTrainingSet(session, {}, LABEL_AS_OF, churn30, { snapshots: 2, available: LABEL_ROLES, keepTables: true, tablePrefix: 'm' });
    expect(await session.tableExists('m_s1')).toBe(true);
    expect(await session.tableExists('m_s2')).toBe(true);
    expect(await session.tableExists('m_asof')).toBe(true);
    expect(await session.tableExists('m_s1__rows')).toBe(false);
  });
});

describe('buildTrainingSet: propensity labels by hand', () => {
  it('an order in a category: the whole feature base is labelled', async () => {
    const set = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'propensity', horizonDays: 30, event: { category: 'Books' } }, { snapshots: 2, available: LABEL_ROLES });
    expect(labelsOf(set, S2)).toEqual({ a: 0, b: 0, c: 0, d: 0, f: 0, g: 0 });
    expect(labelsOf(set, S1)).toEqual({ a: 1, b: 0, c: 0, d: 0, e: 0, f: 0, g: 0 });
    expect(set.score.ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(set.label.definition).toContain('category "Books"');
  });

  it('an order on a channel', async () => {
    const set = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'propensity', horizonDays: 30, event: { channel: 'app' } }, { snapshots: 2, available: LABEL_ROLES });
    expect(labelsOf(set, S2)).toMatchObject({ a: 1, b: 0, c: 0 });
    expect(labelsOf(set, S1)).toMatchObject({ a: 0, c: 1 });
  });

  it('an event type of the events table', async () => {
    const set = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'propensity', horizonDays: 30, event: { eventType: 'email_click' } }, { snapshots: 2, available: LABEL_ROLES });
    expect(labelsOf(set, S1)).toEqual({ a: 0, b: 0, c: 0, d: 1, e: 0, f: 0, g: 0 });
    expect(set.positives).toBe(1);
  });
});

describe('buildTrainingSet: errors say what to change', () => {
  it('an unknown category, channel or event type lists the known ones', async () => {
    const err = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'propensity', horizonDays: 30, event: { category: 'books' } }, { snapshots: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain('models.target.event.category "books" does not occur');
    expect((err as Error).message).toContain('known values (case matters): Books, Garden, Toys');
    const ev = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'propensity', horizonDays: 30, event: { eventType: 'purchase' } }, { snapshots: 2 }).catch((e: unknown) => e);
    expect((ev as Error).message).toContain('known values (case matters): email_click, session');
    const ch = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'propensity', horizonDays: 30, event: { channel: 'phone' } }, { snapshots: 2 }).catch((e: unknown) => e);
    expect((ch as Error).message).toContain('app, store, web');
  });

  it('finds an event among hundreds of known values (the list in the message is cut, the check is not)', async () => {
    await session.run(`INSERT INTO transactions BY NAME SELECT 'x' || i AS order_id, 'a' AS customer_id, TIMESTAMP '2023-07-01 10:00:00' AS ts, 1.0 AS amount, 'cat' || lpad(CAST(i AS VARCHAR), 3, '0') AS category, false AS is_return FROM range(250) t(i)`);
    await session.run(`INSERT INTO transactions BY NAME SELECT 'z1' AS order_id, 'c' AS customer_id, TIMESTAMP '2024-02-10 10:00:00' AS ts, 5.0 AS amount, 'zeta' AS category, false AS is_return`);
    const set = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'propensity', horizonDays: 30, event: { category: 'zeta' } }, { snapshots: 2, available: LABEL_ROLES });
    expect(labelsOf(set, S1).c).toBe(1);
    const err = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'propensity', horizonDays: 30, event: { category: 'omega' } }, { snapshots: 2 }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('known values (case matters): Books, Garden, Toys, cat000, cat001');
    expect((err as Error).message).toMatch(/cat196, …$/m);
  });

  it('an event-type label without an events table', async () => {
    await session.run('DROP TABLE events');
    const err = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'propensity', horizonDays: 30, event: { eventType: 'email_click' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain('A propensity label needs the events table, and the data has none.');
  });

  it('a horizon or snapshot count that leaves no history before the first snapshot', async () => {
    const many = await buildTrainingSet(session, {}, LABEL_AS_OF, churn30, { snapshots: 12 }).catch((e: unknown) => e);
    expect(many).toBeInstanceOf(InputError);
    // First order 2023-06-01; asOf 2024-03-01 is 274 days later: s_i ≥ 2023-06-02 ⇒ i ≤ 273 / 30 = 9.
    expect((many as Error).message).toContain('The earliest snapshot (2023-03-07 = asOf 2024-03-01 − 12 × 30 days) has no history before it: the first order is on 2023-06-01');
    expect((many as Error).message).toContain('use at most 9 snapshots with this horizon, or a horizon of at most 22 days for 12');
    const long = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'churn', horizonDays: 400 }, { snapshots: 1 }).catch((e: unknown) => e);
    expect((long as Error).message).toContain('use a horizon of at most 273 days');
    expect((long as Error).message).toContain('models.target.horizonDays');
  });

  it('no positive labels: the counts and what to change', async () => {
    // Garden is bought only before the first snapshot.
    const err = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'propensity', horizonDays: 30, event: { category: 'Garden' } }, { snapshots: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain('The propensity label has no positive examples: 0 positive, 13 negative among 13 training rows');
    expect((err as Error).message).toContain('2024-01-31: 0 positive, 7 negative');
    expect((err as Error).message).toContain('use a longer horizonDays');
  });

  it('no negative labels', async () => {
    // With one 1-day snapshot nobody orders on 2024-02-29: everyone active churns.
    const err = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'churn', horizonDays: 1 }, { snapshots: 1 }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('The churn label has no negative examples: 6 positive, 0 negative');
    expect((err as Error).message).toContain('use a longer horizonDays');
  });

  it('a churn label without transactions, and bad parameters', async () => {
    await session.run('DROP TABLE transactions');
    const err = await buildTrainingSet(session, {}, LABEL_AS_OF, churn30).catch((e: unknown) => e);
    expect((err as Error).message).toContain('A churn label needs the transactions table');
    expect((err as Error).message).toContain('kind: column');
    await expect(buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'churn', horizonDays: 0 })).rejects.toThrow(UsageError);
    await expect(buildTrainingSet(session, {}, LABEL_AS_OF, churn30, { snapshots: 0 })).rejects.toThrow('Invalid options.snapshots: got 0');
    await expect(buildTrainingSet(session, {}, '2024-02-30', churn30)).rejects.toThrow('Invalid asOf');
  });
});

describe('buildTrainingSet: a column target (data that carries its label)', () => {
  it('one snapshot as loaded, the label from the column, exclude honoured', async () => {
    const set = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'column', column: 'churned' }, { available: LABEL_ROLES, exclude: ['age', 'duration'] });
    expect(set.snapshots).toEqual([{ order: 0, horizonsBack: 0, asOf: '2024-03-01', windowEnd: null, table: 'training_asof', start: 0, end: 7, positives: 3, negatives: 4 }]);
    expect(set.train.ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(Array.from(set.train.labels)).toEqual([0, 1, 0, 1, 0, 0, 1]);
    expect(set.columns.map((c) => c.name)).not.toContain('churned');
    expect(set.columns.map((c) => c.name)).not.toContain('age');
    expect(set.excluded).toEqual([
      { column: 'age', reason: 'listed in models.exclude' },
      { column: 'churned', reason: 'the label column' },
    ]);
    expect(set.notes).toContain('exclude: "duration" is not a column of the feature table (nothing to leave out).');
    expect(set.score.ids).toEqual(set.train.ids);
    expect(set.label.definition).toContain('"churned" is one of "1", "true", "yes", "y"');
  });

  it('positive values as configured; rows without a label are scored, not trained on', async () => {
    await session.run(`UPDATE customers SET churned = NULL WHERE customer_id = 'c'`);
    const set = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'column', column: 'churned', positive: [0] }, { available: LABEL_ROLES });
    expect(set.train.ids).toEqual(['a', 'b', 'd', 'e', 'f', 'g']);
    expect(Array.from(set.train.labels)).toEqual([1, 0, 0, 1, 1, 0]);
    expect(set.notes[0]).toContain('1 of 7 rows have no value in "churned"');
    expect(set.score.ids).toHaveLength(7);
  });

  it('an unknown label column, or one without positives, is an InputError saying what to do', async () => {
    const err = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'column', column: 'Churn' }, { available: LABEL_ROLES }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('has no column "Churn"');
    expect((err as Error).message).toContain('outcome columns of this data: churned');
    const none = await buildTrainingSet(session, {}, LABEL_AS_OF, { kind: 'column', column: 'churned', positive: ['yes'] }, { available: LABEL_ROLES }).catch((e: unknown) => e);
    expect((none as Error).message).toContain('The column label has no positive examples: 0 positive, 7 negative');
    expect((none as Error).message).toContain('values seen: 0 (4), 1 (3)');
  });
});
