import { afterEach, describe, expect, it } from 'vitest';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { tempDir, writeFile } from './helpers';

interface Call {
  table: 'transactions' | 'events';
  connection: unknown;
  start: number;
  end: number;
}

/** Every statement of any session (forks included) that names one of the two tables, with its connection and times. */
function record(): { calls: Call[]; restore(): void } {
  const calls: Call[] = [];
  const proto = DuckSession.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const originals = { run: proto.run!, all: proto.all! };
  let tick = 0;
  for (const method of ['run', 'all'] as const) {
    proto[method] = async function (this: DuckSession, ...args: unknown[]) {
      const sql = String(args[0]);
      const table = /tx\.csv|_transactions|"transactions"/.test(sql) ? 'transactions' : /ev\.csv|_events|"events"/.test(sql) ? 'events' : undefined;
      const start = tick++;
      try {
        return await originals[method].apply(this, args);
      } finally {
        if (table) calls.push({ table, connection: this.connection, start, end: tick++ });
      }
    };
  }
  return { calls, restore: () => Object.assign(proto, originals) };
}

describe('loading several tables', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('reads them at the same time, each on its own connection, with the same result as one by one', async () => {
    const dir = tempDir();
    const tx = ['order_id,customer_id,ts,amount', ...Array.from({ length: 300 }, (_, i) => `o${i},c${i % 20},2026-01-0${1 + (i % 9)} 10:00:00,${i % 50}.5`)];
    const ev = ['customer_id,ts,event_type', ...Array.from({ length: 300 }, (_, i) => `c${i % 20},2026-01-0${1 + (i % 9)} 11:00:00,session`)];
    writeFile(dir, 'tx.csv', tx.join('\n') + '\n');
    writeFile(dir, 'ev.csv', ev.join('\n') + '\n');
    const config = { transactions: { path: 'tx.csv' }, events: { path: 'ev.csv' } };

    const one = await DuckSession.open();
    const seen = record();
    restore = seen.restore;
    let result;
    try {
      result = await loadTables(one, config, { baseDir: dir });
    } finally {
      seen.restore();
      restore = undefined;
    }
    const txCalls = seen.calls.filter((c) => c.table === 'transactions');
    const evCalls = seen.calls.filter((c) => c.table === 'events');
    expect(txCalls.length).toBeGreaterThan(0);
    expect(evCalls.length).toBeGreaterThan(0);
    // Two connections, and the events work started before the transactions work was over.
    expect(new Set(txCalls.map((c) => c.connection)).size).toBe(1);
    expect(txCalls[0]!.connection).not.toBe(evCalls[0]!.connection);
    expect(Math.min(...evCalls.map((c) => c.start))).toBeLessThan(Math.max(...txCalls.map((c) => c.end)));
    const tables = { tx: await one.all('SELECT * FROM transactions ORDER BY rowid'), ev: await one.all('SELECT * FROM events ORDER BY rowid') };
    one.close();

    // Loaded one table at a time (each in a session of its own), the same tables and the same result.
    const parts = [];
    const single: Record<string, unknown[]> = {};
    for (const [name, table] of [['transactions', 'tx'], ['events', 'ev']] as const) {
      const s = await DuckSession.open();
      const r = await loadTables(s, { [name]: config[name] }, { baseDir: dir });
      parts.push(...r.tables);
      single[table] = await s.all(`SELECT * FROM ${name} ORDER BY rowid`);
      s.close();
    }
    expect(result.tables).toEqual(parts);
    expect(tables).toEqual(single);
  });
});
