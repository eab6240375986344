import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvField } from '../core/csvField';
import { inputError } from '../core/errors';
import type { FeatureTable } from '../features/readFeatureTable';
import { modelCardSchema } from './modelCardSchema';
import type { RunPrediction } from './predictionSummary';
import type { RunFolder } from './RunFolder';
import { segmentDriversSchema } from './segmentDrivers';

const HINT = 'run the models stage again (seglab run --config <file> with stages including models), or remove model-card.json to render the review without its model section';

/**
 * The models stage's outputs read back for `seglab report`: model-card.json (schema-checked), the score of
 * every customer from scores.csv (ids matched to the feature table's) and the drivers per segment from
 * model-segments.json (absent in runs of earlier versions: then no drivers per segment). undefined when
 * the run had no models stage.
 */
export function readRunPrediction(run: RunFolder, table: FeatureTable, formulaGuard: boolean): RunPrediction | undefined {
  if (!existsSync(join(run.dir, 'model-card.json'))) return undefined;
  const card = run.read('model-card.json', modelCardSchema, HINT);
  const { ids, probability } = readScores(run.need('scores.csv', HINT), table.ids, formulaGuard);
  if (ids.length !== card.scored.customers) {
    throw inputError({ summary: `${join(run.dir, 'scores.csv')} does not match model-card.json; the run folder may be damaged.`, check: 'run-file', what: `scores.csv holds ${ids.length} customers, the model card says ${card.scored.customers} were scored`, where: { file: join(run.dir, 'scores.csv') }, fix: HINT });
  }
  const drivers = existsSync(join(run.dir, 'model-segments.json')) ? run.read('model-segments.json', segmentDriversSchema, HINT) : undefined;
  const inputs = card.inputs.map((c) => c.name);
  if (drivers && (drivers.inputs.length !== inputs.length || drivers.inputs.some((n, j) => n !== inputs[j]))) {
    throw inputError({ summary: `${join(run.dir, 'model-segments.json')} does not match model-card.json; the run folder may be damaged.`, check: 'run-file', what: `its inputs (${drivers.inputs.join(', ')}) are not the model's (${inputs.join(', ')})`, where: { file: join(run.dir, 'model-segments.json'), field: 'inputs' }, fix: HINT });
  }
  return { card, ids, probability, explained: new Int32Array(0), contributions: null, segmentDrivers: drivers ?? { schemaVersion: 1, inputs, segments: [] } };
}

/**
 * scores.csv: customer_id and probability per row (the reasons are not read). Ids are matched to the
 * feature table's as the CSV writer wrote them (a formula-guarded id has its leading quote), so every row
 * must be a customer of the run, once, with a probability in [0, 1].
 */
function readScores(path: string, tableIds: readonly string[], formulaGuard: boolean): { ids: string[]; probability: Float64Array } {
  const written = new Map<string, string>();
  for (const id of tableIds) written.set(formulaGuard ? unquoted(csvField(id, true)) : id, id);
  const text = readFileSync(path, 'utf8');
  const ids: string[] = [];
  const values: number[] = [];
  const seen = new Set<string>();
  const bad = (line: number, column: string | undefined, what: string): Error =>
    inputError({ summary: `${path} does not hold what seglab writes there: the run folder may be damaged.`, check: 'run-file', what, where: { file: path, line, ...(column ? { column } : {}), ...(line > 1 ? { row: line - 1 } : {}) }, fix: HINT });
  let header = true;
  for (const { fields, line } of csvRecords(text, path)) {
    if (header) {
      if (fields[0] !== 'customer_id' || fields[1] !== 'probability') throw bad(line, undefined, `the header is ${JSON.stringify(fields.join(','))}, expected customer_id,probability,…`);
      header = false;
      continue;
    }
    if (fields.length < 2) throw bad(line, undefined, `a row of ${fields.length} field(s), expected customer_id,probability,…`);
    const id = written.get(fields[0]!);
    if (id === undefined) throw bad(line, 'customer_id', `customer ${JSON.stringify(fields[0])} is not in the run's feature table`);
    if (seen.has(id)) throw bad(line, 'customer_id', `customer ${JSON.stringify(fields[0])} is scored twice`);
    seen.add(id);
    const p = fields[1]!.trim() === '' ? NaN : Number(fields[1]);
    if (!(p >= 0 && p <= 1)) throw bad(line, 'probability', `probability ${JSON.stringify(fields[1])} is not a number from 0 to 1`);
    ids.push(id);
    values.push(p);
  }
  if (header) throw bad(1, undefined, 'the file is empty');
  return { ids, probability: Float64Array.from(values) };
}

/** A field as it reads once its RFC 4180 quotes are removed. */
function unquoted(field: string): string {
  return field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line ends), each with its first line (1-based). */
function* csvRecords(text: string, path: string): Generator<{ fields: string[]; line: number }> {
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw inputError({ summary: `${path} does not hold what seglab writes there: the run folder may be damaged.`, check: 'run-file', what: `the quote opened on line ${start} is never closed`, where: { file: path, line: start }, fix: HINT });
          const chunk = text.slice(i, q);
          for (const ch of chunk) if (ch === '\n') line++;
          field += chunk;
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n') j++;
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\n') {
      i++;
      line++;
    }
    yield { fields, line: start };
  }
}
