import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { writeCsv } from '../core/CsvWriter';
import { InputError, inputError } from '../core/errors';
import { assertUnreachable } from '../core/assertUnreachable';
import { DuckSession, quoteIdent, quoteLiteral } from '../data/DuckSession';
import { readFeatureTable } from '../features/readFeatureTable';
import { bundleChecksum } from '../rules/bundleChecksum';
import { parseBundleJson } from '../rules/bundleSchema';
import { ColumnarScorer, type ScoringColumns } from '../rules/ColumnarScorer';
import { parseCondition, type FieldTypes } from '../rules/Condition';
import type { RuleBundle } from '../rules/RuleBundle';
import { bundleCaseSql } from '../rules/sql/bundleToSql';
import { writeQueryCsv } from './writeQueryCsv';

export const SCORING_ENGINES = ['columnar', 'duckdb'] as const;
export type ScoringEngine = (typeof SCORING_ENGINES)[number];

/** Read a bundle file, check its shape, its conditions against its fields, and its checksum. */
export function readBundle(path: string): RuleBundle {
  if (!existsSync(path)) throw inputError({ summary: `No rule bundle at ${path}.`, check: 'missing-file', what: 'file not found', where: { file: path }, fix: 'give a segments.vN.json written by `seglab export`' });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError(`${path} is not valid JSON (${(err as Error).message}).`);
  }
  const bundle = parseBundleJson(json);
  const fields: FieldTypes = Object.fromEntries(bundle.fields.map((f) => [f.name, f.type]));
  bundle.segments.forEach((s, i) => parseCondition(s.condition, fields, `segments[${i}].condition`));
  bundle.score?.rules.forEach((r, i) => parseCondition(r.condition, fields, `score.rules[${i}].condition`));
  if (bundleChecksum(bundle) !== bundle.checksum) {
    throw inputError({ summary: `${path} was changed after export: its checksum does not match its content.`, check: 'checksum', what: `recorded ${bundle.checksum.slice(0, 12)}…, content hashes to ${bundleChecksum(bundle).slice(0, 12)}…`, where: { file: path }, fix: 'export a new version with `seglab export` instead of editing a bundle' });
  }
  return bundle;
}

export function readerFor(path: string): string {
  const p = path.toLowerCase().replace(/\.gz$/, '');
  const ext = extname(p);
  if (ext === '.parquet') return `read_parquet(${quoteLiteral(path)})`;
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return `read_csv_auto(${quoteLiteral(path)})`;
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return `read_json_auto(${quoteLiteral(path)})`;
  throw new InputError(`Cannot read ${path}: expected .parquet, .csv(.gz) or .json(l).`);
}

export interface ScoreResult {
  rows: number;
  engine: ScoringEngine;
  seconds: number;
  /** Customers per segment id (segments bundles) or null (score bundles). */
  counts: Map<number, number> | null;
  out: string;
}

/**
 * `seglab score`: assign every customer of an input file (one row per customer with `customer_id`
 * and the bundle's fields, e.g. a features.parquet) to a segment, or give it a lead score. In process
 * on typed arrays (`columnar`), or pushed down to DuckDB as the bundle's own SQL (`duckdb`); both
 * give the same answer and write the same bytes (one CSV writer). Writes CSV `customer_id,segment`
 * (or `,score`) atomically; ids that a spreadsheet would run as formulas are guarded unless
 * `csvFormulaGuard` is false.
 */
export async function scoreWithBundle(
  bundlePath: string,
  inputPath: string,
  options: { out: string; engine?: ScoringEngine; csvFormulaGuard?: boolean },
): Promise<ScoreResult> {
  const bundle = readBundle(bundlePath);
  if (!existsSync(inputPath)) throw new InputError(`No input at ${inputPath}.`);
  const engine = options.engine ?? 'columnar';
  const session = await DuckSession.open();
  const t0 = performance.now();
  const csv = { formulaGuard: options.csvFormulaGuard ?? true };
  try {
    await session.run(`CREATE TABLE input AS SELECT * FROM ${readerFor(inputPath)}`);
    const described = new Set((await session.describe(quoteIdent('input'))).map((c) => c.name));
    const missing = ['customer_id', ...bundle.fields.map((f) => f.name)].filter((f) => !described.has(f));
    if (missing.length) {
      throw inputError({ summary: `${inputPath} lacks columns the rules read.`, check: 'missing-column', what: `missing: ${missing.join(', ')}`, where: { file: inputPath }, fix: `compute them with the fields' SQL in ${bundlePath} (fields[].sql)` });
    }
    const kind = bundle.kind === 'score' ? 'score' : 'segment';
    let counts: Map<number, number> | null = null;
    let rows: number;
    switch (engine) {
      case 'columnar': {
        const table = await readFeatureTable(session, bundle.fields.map((f) => f.name), { table: 'input' });
        const scorer = new ColumnarScorer({ rowCount: table.rowCount, numeric: table.numeric, categorical: table.categorical });
        const values = bundle.kind === 'score' ? scorer.scores(bundle) : scorer.segments(bundle);
        rows = table.rowCount;
        const ids = table.ids;
        writeCsv(options.out, ['customer_id', kind], (function* () {
          for (let i = 0; i < rows; i++) yield [ids[i]!, values[i]!];
        })(), csv);
        if (bundle.kind !== 'score') counts = countValues(values);
        break;
      }
      case 'duckdb': {
        // The bundle's own CASE expression, the same text `seglab export` writes to segments.vN.duckdb.sql;
        // ids as text and scores as doubles, as the columnar engine holds them.
        await session.run(`CREATE TABLE scored AS SELECT customer_id, ${bundleCaseSql(bundle, 'duckdb')} AS ${kind} FROM input ORDER BY customer_id`);
        const type = bundle.kind === 'score' ? 'DOUBLE' : 'INTEGER';
        await writeQueryCsv(session, `SELECT CAST(customer_id AS VARCHAR) AS customer_id, CAST(${kind} AS ${type}) AS ${kind} FROM scored`, options.out, csv);
        const r = await session.connection.run(`SELECT ${kind}, COUNT(*) FROM scored GROUP BY 1`);
        const got = (await r.getRowsJS()) as [number | bigint, number | bigint][];
        rows = got.reduce((s, [, c]) => s + Number(c), 0);
        if (bundle.kind !== 'score') counts = new Map(got.map(([s, c]) => [Number(s), Number(c)]));
        break;
      }
      default:
        return assertUnreachable(engine, 'engine');
    }
    return { rows, engine, seconds: (performance.now() - t0) / 1000, counts, out: options.out };
  } finally {
    session.close();
  }
}

function countValues(values: Int32Array | Float64Array): Map<number, number> {
  const m = new Map<number, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}


/**
 * The customers of an input file (features.parquet, .csv, .json) column-wise, as the typed-array scorer
 * reads them: only `fields`, in customer_id order. A missing file or column is an InputError naming it.
 */
export async function readScoringInput(inputPath: string, fields: readonly string[]): Promise<ScoringColumns & { ids: string[] }> {
  if (!existsSync(inputPath)) throw new InputError(`No input at ${inputPath}.`);
  const session = await DuckSession.open();
  try {
    await session.run(`CREATE TABLE input AS SELECT * FROM ${readerFor(inputPath)}`);
    const described = new Set((await session.describe(quoteIdent('input'))).map((c) => c.name));
    const missing = ['customer_id', ...fields].filter((f) => !described.has(f));
    if (missing.length) {
      throw inputError({ summary: `${inputPath} lacks columns the rules read.`, check: 'missing-column', what: `missing: ${missing.join(', ')}`, where: { file: inputPath }, fix: "compute them with the fields' SQL in the bundle (fields[].sql)" });
    }
    const table = await readFeatureTable(session, [...fields], { table: 'input' });
    return { rowCount: table.rowCount, numeric: table.numeric, categorical: table.categorical, ids: table.ids };
  } finally {
    session.close();
  }
}
