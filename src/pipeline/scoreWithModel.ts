import { existsSync, readFileSync } from 'node:fs';
import { writeCsv } from '../core/CsvWriter';
import { InputError, usageError } from '../core/errors';
import { DuckSession, quoteIdent } from '../data/DuckSession';
import { readFeatureTable } from '../features/readFeatureTable';
import { savedModelFromJSON, savedModelProbability } from '../models/SavedModel';
import { readerFor } from './scoreWithBundle';

export interface ModelScoring {
  out: string;
  rows: number;
  family: string;
  meanProbability: number;
  seconds: number;
}

/**
 * Score an input file (one row per customer with the model's input columns, e.g. the features of a run as
 * of a new date) with a saved model (a run's model.json): CSV customer_id,probability, written to a temporary
 * name and renamed. A column the model needs and the file lacks is an error naming it.
 */
export async function scoreWithModel(modelPath: string, inputPath: string, options: { out: string; csvFormulaGuard?: boolean }): Promise<ModelScoring> {
  const t0 = performance.now();
  if (!existsSync(modelPath)) throw usageError('seglab score', `model file not found: ${modelPath}`, 'pass the model.json of a run that had a models: section');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(modelPath, 'utf8'));
  } catch (err) {
    throw usageError('seglab score', `${modelPath} is not JSON (${(err as Error).message})`, 'pass the model.json of a run');
  }
  const saved = savedModelFromJSON(json);
  const session = await DuckSession.open();
  try {
    await session.run(`CREATE TABLE features AS SELECT * FROM ${readerFor(inputPath)}`);
    const columns = new Set((await session.describe(quoteIdent('features'))).map((c) => c.name));
    if (!columns.has('customer_id')) throw new InputError(`${inputPath} has no customer_id column; pass one row per customer with customer_id and the model's inputs.`);
    const missing = saved.encoder.inputColumns.filter((c) => !columns.has(c.name)).map((c) => c.name);
    if (missing.length) throw new InputError(`${inputPath} lacks ${missing.length} input column(s) of the model: ${missing.join(', ')}; compute the features with the config (and share levels) the model was trained with.`);
    const table = await readFeatureTable(session, ['customer_id', ...saved.encoder.inputColumns.map((c) => c.name)]);
    const p = savedModelProbability(saved, saved.encoder.transform(table));
    let sum = 0;
    for (const v of p) sum += v;
    writeCsv(options.out, ['customer_id', 'probability'], table.ids.map((id, i) => [id, p[i]!]), { formulaGuard: options.csvFormulaGuard ?? true });
    return { out: options.out, rows: table.rowCount, family: saved.family, meanProbability: table.rowCount ? sum / table.rowCount : 0, seconds: (performance.now() - t0) / 1000 };
  } finally {
    session.close();
  }
}
