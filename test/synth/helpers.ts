import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { SynthParams } from '../../src/synth/synthParams';
import { writeSynthetic, type SynthSummary } from '../../src/synth/writeSynthetic';

export interface Table {
  header: string[];
  rows: string[][];
  col(name: string): number;
}

/** Read one generated table (plain or gzipped). Synthetic values never contain commas or quotes. */
export function readTable(dir: string, name: string): Table {
  const plain = join(dir, `${name}.csv`);
  const text = existsSync(plain) ? readFileSync(plain, 'utf8') : gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines[0]!.split(',');
  return {
    header,
    rows: lines.slice(1).map((l) => l.split(',')),
    col(n: string) {
      const i = header.indexOf(n);
      if (i < 0) throw new Error(`no column ${n} in ${name}`);
      return i;
    },
  };
}

export interface Generated {
  dir: string;
  summary: SynthSummary;
  customers: Table;
  transactions: Table;
  events: Table | null;
  truth: Table;
}

const dirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seglab-synth-'));
  dirs.push(dir);
  return dir;
}

export function cleanup(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export async function generate(params: SynthParams): Promise<Generated> {
  const dir = tempDir();
  const summary = await writeSynthetic(params, dir);
  return {
    dir,
    summary,
    customers: readTable(dir, 'customers'),
    transactions: readTable(dir, 'transactions'),
    events: summary.files.events ? readTable(dir, 'events') : null,
    truth: readTable(dir, 'ground_truth'),
  };
}

/** Day number (UTC) of "YYYY-MM-DD[ HH:MM:SS]". */
export function dayOf(ts: string): number {
  return Date.parse(`${ts.slice(0, 10)}T00:00:00Z`) / 86_400_000;
}

/** Ground-truth label per customer for one quarter. */
export function labelsOf(g: Generated, quarter: string): Map<string, string> {
  const t = g.truth;
  const [c, q, s] = [t.col('customer_id'), t.col('quarter'), t.col('latent_segment')];
  return new Map(t.rows.filter((r) => r[q] === quarter).map((r) => [r[c]!, r[s]!]));
}
