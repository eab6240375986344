import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDNOW_PERIODS, clvSummary, DuckSession, InputError, loadCdnowTransactions } from '../../src';
import { tempDir } from '../cli/helpers';
import { CDNOW_MASTER, CDNOW_SAMPLE, HAVE_CDNOW, HAVE_CDNOW_MASTER, readCdnowSummary } from './cdnow';

let session: DuckSession;
beforeAll(async () => {
  session = await DuckSession.open();
});
afterAll(() => session.close());

describe('loadCdnowTransactions', () => {
  it.skipIf(!HAVE_CDNOW)('loads CDNOW_sample.txt so that clvSummary over CDNOW_PERIODS gives the published summary', async () => {
    expect(await loadCdnowTransactions(session, CDNOW_SAMPLE)).toEqual({ transactions: 6919, customers: 2357 });
    const s = await clvSummary(session, CDNOW_PERIODS);
    const published = readCdnowSummary();
    const byId = new Map(published.ids.map((id, i) => [id, i]));
    expect(s.customerIds).toHaveLength(2357);
    s.customerIds.forEach((id, i) => {
      const j = byId.get(id)!;
      expect(s.frequency[i], `x of ${id}`).toBe(published.frequency[j]);
      expect(Math.abs(s.T[i]! - published.T[j]!), `T of ${id}`).toBeLessThan(0.006);
    });
    expect(s.holdout!.duration).toBe(39);
  });

  it.skipIf(!HAVE_CDNOW_MASTER)('loads the master file (gzip, header line) too', async () => {
    expect(await loadCdnowTransactions(session, CDNOW_MASTER)).toEqual({ transactions: 69659, customers: 23570 });
  });

  it('a missing file or a line that is not a transaction is an InputError naming it', async () => {
    const dir = tempDir();
    await expect(loadCdnowTransactions(session, join(dir, 'none.txt'))).rejects.toThrow(/no CDNOW file at .*none\.txt/);
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, ' 00004 0001 19970101  2   29.33\r\n 00004 0001 1997-01-18  2   29.73\r\n');
    const err = await loadCdnowTransactions(session, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(String((err as Error).message)).toMatch(/line 2 is not a CDNOW transaction/);
  });
});
