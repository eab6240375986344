import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckSession } from '../../src';
import { DATASETS } from '../datasets';

export const CDNOW_SAMPLE = join(DATASETS, 'CDNOW_sample.txt');
export const CDNOW_SUMMARY = join(DATASETS, 'cdnow_customers_summary_with_transactions.csv');
/** Whether the CDNOW files are here (the tests that read them skip cleanly when not). */
export const HAVE_CDNOW = existsSync(CDNOW_SAMPLE) && existsSync(CDNOW_SUMMARY);

/** The published 2,357-customer summary (ID, x, t_x, T, zbar), as columns. */
export function readCdnowSummary(): { ids: string[]; frequency: Float64Array; recency: Float64Array; T: Float64Array; monetaryValue: Float64Array } {
  const lines = readFileSync(CDNOW_SUMMARY, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '').slice(1);
  const n = lines.length;
  const out = { ids: [] as string[], frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n), monetaryValue: new Float64Array(n) };
  lines.forEach((line, i) => {
    const [id, x, tx, T, zbar] = line.split(',');
    out.ids.push(id!);
    out.frequency[i] = Number(x);
    out.recency[i] = Number(tx);
    out.T[i] = Number(T);
    out.monetaryValue[i] = Number(zbar);
  });
  return out;
}

/** CDNOW_sample.txt (whitespace-separated, no header) as the canonical transactions table: the sample id is the customer. */
export async function loadCdnowSample(session: DuckSession): Promise<void> {
  await session.run(`CREATE OR REPLACE TABLE transactions AS
    WITH raw AS (SELECT string_split_regex(trim(line), '\\s+') AS f FROM read_csv('${CDNOW_SAMPLE.replace(/'/g, "''")}', header = false, delim = '|', columns = {'line': 'VARCHAR'}))
    SELECT ltrim(f[2], '0') AS customer_id, strptime(f[3], '%Y%m%d') AS ts, CAST(f[5] AS DOUBLE) AS amount FROM raw`);
}

export const CDNOW_MASTER = join(DATASETS, 'CDNOW_master.txt.gz');
/** Whether the whole CDNOW master file is here (its test skips cleanly when not). */
export const HAVE_CDNOW_MASTER = existsSync(CDNOW_MASTER);

/** CDNOW_master.txt.gz (fixed-width, CRLF, one header line; 69,659 lines of 23,570 customers) as the canonical transactions table. */
export async function loadCdnowMaster(session: DuckSession): Promise<void> {
  await session.run(`CREATE OR REPLACE TABLE transactions AS
    WITH raw AS (SELECT string_split_regex(trim(line), '\\s+') AS f FROM read_csv('${CDNOW_MASTER.replace(/'/g, "''")}', header = false, skip = 1, delim = '|', columns = {'line': 'VARCHAR'}))
    SELECT f[1] AS customer_id, strptime(f[2], '%Y%m%d') AS ts, CAST(f[4] AS DOUBLE) AS amount FROM raw`);
}
