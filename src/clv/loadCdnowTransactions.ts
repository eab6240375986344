import { existsSync } from 'node:fs';
import { inputError } from '../core/errors';
import { type DuckSession, quoteLiteral } from '../data/DuckSession';

/**
 * The periods of the BTYD literature on CDNOW (Fader, Hardie & Lee 2005; lifetimes): a 39-week calibration period
 * to 1997-09-30 (the cohort's first purchases are in 1997-Q1), a 39-week holdout to 1998-06-30, in weeks.
 */
export const CDNOW_PERIODS = { calibrationEnd: '1997-09-30', observationEnd: '1998-06-30', unit: 'weeks' } as const;

/**
 * Load CDNOW_sample.txt (master id, sample id, date, CDs, dollars; no header: the customer is the sample id) or
 * CDNOW_master.txt[.gz] (id, date, CDs, dollars under a header line) into the session's canonical `transactions`
 * table (customer_id, ts, amount), which clvSummary and cumulativeTransactions read. A line whose date is not
 * YYYYMMDD is an InputError naming its line (the master's header is skipped).
 */
export async function loadCdnowTransactions(session: DuckSession, file: string): Promise<{ transactions: number; customers: number }> {
  if (!existsSync(file)) {
    throw inputError({ check: 'missing-file', what: `no CDNOW file at ${file}`, where: { file }, fix: 'pass the path of CDNOW_sample.txt or CDNOW_master.txt(.gz), e.g. ../shared/datasets/CDNOW_sample.txt' });
  }
  const raw = `SELECT row_number() OVER () AS line, string_split_regex(trim(line), '\\s+') AS f
    FROM read_csv(${quoteLiteral(file)}, header = false, delim = '|', quote = '', columns = {'line': 'VARCHAR'})`;
  const bad = await session.all(`WITH raw AS (${raw})
    SELECT line, array_to_string(f, ' ') AS text FROM raw
    WHERE NOT (len(f) IN (4, 5) AND regexp_full_match(f[len(f) - 2], '[0-9]{8}') AND TRY_CAST(f[len(f)] AS DOUBLE) IS NOT NULL)
      AND NOT (line = 1 AND f[1] = 'customer_id')
    ORDER BY line LIMIT 1`);
  if (bad.length) {
    const line = Number(bad[0]!.line);
    throw inputError({ check: 'bad-cdnow-line', what: `line ${line} is not a CDNOW transaction ("${String(bad[0]!.text).slice(0, 60)}"): expected [master id] id YYYYMMDD CDs dollars`, where: { file, line }, fix: 'pass the unmodified CDNOW_sample.txt or CDNOW_master.txt from the BTYD datasets' });
  }
  await session.run(`CREATE OR REPLACE TABLE transactions AS
    WITH raw AS (${raw})
    SELECT CASE WHEN len(f) = 5 THEN ltrim(f[2], '0') ELSE ltrim(f[1], '0') END AS customer_id,
           strptime(f[len(f) - 2], '%Y%m%d') AS ts,
           CAST(f[len(f)] AS DOUBLE) AS amount
    FROM raw WHERE NOT (line = 1 AND f[1] = 'customer_id')`);
  const [counts] = await session.all('SELECT count(*) AS n, count(DISTINCT customer_id) AS c FROM transactions');
  return { transactions: Number(counts!.n), customers: Number(counts!.c) };
}
