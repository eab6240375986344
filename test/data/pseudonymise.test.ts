import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { redactDataConfig } from '../../src/data/DataConfig';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { profileTables, profileToMarkdown } from '../../src/data/profileTables';
import { hmacId, resolvePseudonymKey, resolvePseudonymKeySource } from '../../src/data/pseudonymise';
import { loadError, tempDir, writeFile } from './helpers';

const KEY = 'k3y-that-must-never-leak-7f1c2e9a';

describe('pseudonymisation', () => {
  let session: DuckSession;
  let dir: string;
  beforeAll(async () => {
    session = await DuckSession.open();
    dir = tempDir();
    writeFile(dir, 'c.csv', 'customer_id,age\nalice,30\nbob,40\ncarol,50\n');
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount\nalice,2024-01-01,1\nbob,2024-01-02,2\nalice,2024-01-03,3\ndave,2024-01-04,4\n');
    writeFile(dir, 'ev.csv', 'customer_id,ts,event_type\ncarol,2024-01-01,session\nalice,2024-01-02,email_open\n');
  });
  afterAll(() => session.close());

  it('HMAC-SHA256 matches RFC 4231 test case 2, truncated to 80 bits', () => {
    const full = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest('hex')).toBe(full);
    expect(hmacId('Jefe', 'what do ya want for nothing?')).toBe(full.slice(0, 20));
    expect(hmacId('Jefe', 'what do ya want for nothing?')).toHaveLength(20);
  });

  it('hmacId rejects an empty key without echoing it', () => {
    expect(() => hmacId('', 'x')).toThrow(/Invalid key: got an empty string/);
    expect(() => hmacId(KEY, 5 as unknown as string)).toThrow(/Invalid id: got number/);
  });

  it('replaces ids consistently in every table, keeps joins, leaves no mapping behind', async () => {
    const load = await loadTables(
      session,
      { customers: { path: 'c.csv' }, transactions: { path: 'tx.csv' }, events: { path: 'ev.csv' }, pseudonymise: { enabled: true } },
      { baseDir: dir, env: { SEGLAB_PSEUDONYM_KEY: KEY } },
    );
    expect(load.pseudonymised).toBe(true);
    expect(load.pseudonymisation).toEqual({ applied: true, keySource: 'env', keyEnv: 'SEGLAB_PSEUDONYM_KEY', distinctIds: 4, idHexChars: 20 });
    expect(await session.all(`SELECT customer_id FROM customers`)).toEqual(['alice', 'bob', 'carol'].map((id) => ({ customer_id: hmacId(KEY, id) })));
    expect(await session.all(`SELECT customer_id FROM transactions`)).toEqual(['alice', 'bob', 'alice', 'dave'].map((id) => ({ customer_id: hmacId(KEY, id) })));
    expect(await session.all(`SELECT customer_id FROM events`)).toEqual(['carol', 'alice'].map((id) => ({ customer_id: hmacId(KEY, id) })));
    const joined = await session.one(
      `SELECT (SELECT count(*) FROM transactions t JOIN customers c USING (customer_id)) AS tx, (SELECT count(*) FROM events e JOIN customers c USING (customer_id)) AS ev`,
    );
    expect(joined).toEqual({ tx: 3, ev: 2 });
    const left = await session.all(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '__seglab%'`);
    expect(left).toEqual([]);
  });

  it('the key appears in no output: load result, profile, Markdown, errors', async () => {
    const config = { customers: { path: 'c.csv' }, transactions: { path: 'tx.csv' }, pseudonymise: { key: KEY } };
    const load = await loadTables(session, config, { baseDir: dir, env: {} });
    expect(load.pseudonymisation.keySource).toBe('config');
    const profile = await profileTables(session, load, { asOf: '2024-02-01' });
    for (const text of [JSON.stringify(load), JSON.stringify(profile), profileToMarkdown(profile), JSON.stringify(redactDataConfig(config))]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain('alice');
    }
    // An input error while a key is set does not mention the key either.
    writeFile(dir, 'bad.csv', 'customer_id,ts,amount\nalice,2024-01-01\n');
    const e = await loadError(session, { transactions: { path: 'bad.csv' }, pseudonymise: { key: KEY } }, { baseDir: dir });
    expect(e.message).not.toContain(KEY);
    expect(JSON.stringify(e.problems)).not.toContain(KEY);
  });

  it('enabled without a key is an InputError that names the variable to set', async () => {
    const e = await loadError(session, { transactions: { path: 'tx.csv' }, pseudonymise: { enabled: true, keyEnv: 'ACME_ID_KEY' } }, { baseDir: dir, env: {} });
    expect(e.problems[0]).toMatchObject({ check: 'missing-pseudonym-key', location: { field: 'data.pseudonymise' } });
    expect(e.message).toContain('ACME_ID_KEY');
    expect(() => resolvePseudonymKey({ enabled: true }, {})).toThrow(InputError);
    expect(() => resolvePseudonymKey({ enabled: true }, {})).toThrow(/SEGLAB_PSEUDONYM_KEY/);
  });

  it('resolves the key: config key, then the env variable; disabled or absent → none', () => {
    expect(resolvePseudonymKey({ key: 'a', keyEnv: 'X' }, { X: 'b' })).toBe('a');
    expect(resolvePseudonymKey({ keyEnv: 'X' }, { X: 'b' })).toBe('b');
    expect(resolvePseudonymKey({}, { SEGLAB_PSEUDONYM_KEY: 'c' })).toBe('c');
    expect(resolvePseudonymKey({ enabled: false, key: 'a' }, {})).toBeUndefined();
    // SEGLAB_PSEUDONYM_KEY alone is enough (as the README says): no pseudonymise section needed.
    expect(resolvePseudonymKey(undefined, { SEGLAB_PSEUDONYM_KEY: 'c' })).toBe('c');
    expect(resolvePseudonymKey(undefined, {})).toBeUndefined();
    // The whole data config works as well as its pseudonymise section.
    expect(resolvePseudonymKey({ transactions: { path: 'x' }, pseudonymise: { keyEnv: 'X' } }, { X: 'd' })).toBe('d');
    expect(resolvePseudonymKey({ transactions: { path: 'x' } }, { SEGLAB_PSEUDONYM_KEY: 'c' })).toBe('c');
    expect(resolvePseudonymKey({ transactions: { path: 'x' }, pseudonymise: { enabled: false } }, { SEGLAB_PSEUDONYM_KEY: 'c' })).toBeUndefined();
    expect(resolvePseudonymKeySource({ keyEnv: 'X' }, { X: 'b' })).toEqual({ key: 'b', source: 'env', envVar: 'X' });
  });

  it('a pseudonymise section without a key warns and keeps ids; a key passed in wins', async () => {
    const load = await loadTables(session, { transactions: { path: 'tx.csv' }, pseudonymise: {} }, { baseDir: dir, env: {} });
    expect(load.pseudonymised).toBe(false);
    expect(load.warnings.map((w) => w.check)).toContain('no-pseudonym-key');
    expect(await session.scalar(`SELECT customer_id FROM transactions LIMIT 1`)).toBe('alice');

    const withOption = await loadTables(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir, env: {}, pseudonymKey: 'short' });
    expect(withOption.pseudonymisation).toMatchObject({ applied: true, keySource: 'option' });
    expect(withOption.warnings.map((w) => w.check)).toContain('weak-pseudonym-key');
    expect(JSON.stringify(withOption)).not.toContain('"short"');
    expect(await session.scalar(`SELECT customer_id FROM transactions LIMIT 1`)).toBe(hmacId('short', 'alice'));
  });

  it('SEGLAB_PSEUDONYM_KEY in the environment is enough: a config without a pseudonymise section pseudonymises', async () => {
    const load = await loadTables(session, { customers: { path: 'c.csv' }, transactions: { path: 'tx.csv' } }, { baseDir: dir, env: { SEGLAB_PSEUDONYM_KEY: KEY } });
    expect(load.pseudonymisation).toEqual({ applied: true, keySource: 'env', keyEnv: 'SEGLAB_PSEUDONYM_KEY', distinctIds: 4, idHexChars: 20 });
    expect(await session.all(`SELECT customer_id FROM customers`)).toEqual(['alice', 'bob', 'carol'].map((id) => ({ customer_id: hmacId(KEY, id) })));
    expect(load.warnings).toEqual([]);
  });

  it('a key that is set but unused is a loud warning in load.json (check, variable name, never the key)', async () => {
    const cases: { pseudonymise?: Record<string, unknown>; env: Record<string, string>; applied: boolean; unused: string[]; says: RegExp }[] = [
      { pseudonymise: { enabled: false }, env: { SEGLAB_PSEUDONYM_KEY: KEY }, applied: false, unused: ['SEGLAB_PSEUDONYM_KEY'], says: /SEGLAB_PSEUDONYM_KEY is set but NOT used: data\.pseudonymise\.enabled is false; customer ids are written as they are, NOT pseudonymised/ },
      { pseudonymise: { keyEnv: 'ACME_KEY' }, env: { SEGLAB_PSEUDONYM_KEY: KEY }, applied: false, unused: ['SEGLAB_PSEUDONYM_KEY'], says: /keyEnv names ACME_KEY; customer ids are written as they are/ },
      { pseudonymise: { keyEnv: 'ACME_KEY' }, env: { SEGLAB_PSEUDONYM_KEY: KEY, ACME_KEY: `${KEY}-acme` }, applied: true, unused: ['SEGLAB_PSEUDONYM_KEY'], says: /keyEnv names ACME_KEY; customer ids are pseudonymised with another key/ },
      { pseudonymise: { key: `${KEY}-config` }, env: { SEGLAB_PSEUDONYM_KEY: KEY }, applied: true, unused: ['SEGLAB_PSEUDONYM_KEY'], says: /the key comes from data\.pseudonymise\.key/ },
      { pseudonymise: { key: `${KEY}-config`, enabled: false }, env: {}, applied: false, unused: ['data.pseudonymise.key'], says: /data\.pseudonymise\.key is set but NOT used/ },
    ];
    for (const c of cases) {
      const load = await loadTables(session, { transactions: { path: 'tx.csv' }, ...(c.pseudonymise ? { pseudonymise: c.pseudonymise } : {}) }, { baseDir: dir, env: c.env });
      expect(load.pseudonymised, JSON.stringify(c.pseudonymise)).toBe(c.applied);
      expect(load.pseudonymisation.unusedKeys).toEqual(c.unused);
      const w = load.warnings.find((x) => x.check === 'unused-pseudonym-key');
      expect(w?.message).toMatch(c.says);
      expect(JSON.stringify(load)).not.toContain(KEY);
    }
    // Nothing to say when the only key set is the one used.
    const used = await loadTables(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir, env: { SEGLAB_PSEUDONYM_KEY: KEY } });
    expect(used.pseudonymisation.unusedKeys).toBeUndefined();
  });
});
