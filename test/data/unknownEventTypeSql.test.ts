import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession, quoteLiteral } from '../../src/data/DuckSession';
import { EVENT_TYPES } from '../../src/data/schema';
import { unknownEventTypeSql } from '../../src/data/unknownEventTypeSql';

let session: DuckSession;
beforeAll(async () => {
  session = await DuckSession.open();
});
afterAll(() => session?.close());

describe('unknownEventTypeSql', () => {
  it("is false for each of seglab's types, true for any other text (case and spaces count), NULL for NULL", async () => {
    const values = [...EVENT_TYPES, 'Session', ' session', 'purchase', '', null];
    const rows = values.map((v, i) => `(${i}, ${v === null ? 'NULL' : quoteLiteral(v)})`).join(', ');
    const got = await session.all(`SELECT ${unknownEventTypeSql('v')} AS unknown FROM (VALUES ${rows}) t(i, v) ORDER BY i`);
    expect(got.map((r) => r.unknown)).toEqual([...EVENT_TYPES.map(() => false), true, true, true, true, null]);
  });
});
