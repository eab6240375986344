// family: auto with calibration on: the families are compared on the held-out ROC AUC of the calibrated
// probabilities, the ones the card's metrics describe (isotonic calibration ties scores, so its AUC differs
// from the raw one), and the card's note says so.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarDate } from '../../src/core/CalendarDate';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables, type LoadResult } from '../../src/data/loadTables';
import { parseModelsConfig } from '../../src/models/ModelsConfig';
import { trainAndScore, type TrainedModel } from '../../src/models/trainAndScore';

const sample = join(__dirname, '..', '..', 'data', 'sample');
const AS_OF = CalendarDate.parse('2026-07-01');

describe('trainAndScore with family auto and isotonic calibration (synthetic sample, churn within 90 days)', () => {
  let session: DuckSession;
  let load: LoadResult;
  let t: TrainedModel;

  beforeAll(async () => {
    session = await DuckSession.open({ threads: 2 });
    load = await loadTables(session, { customers: { path: 'customers.csv.gz', keepUnmapped: true }, transactions: { path: 'transactions.csv.gz' }, events: { path: 'events.csv.gz' } }, { baseDir: sample });
    const config = parseModelsConfig({ target: { kind: 'churn', horizonDays: 90 }, snapshots: 3, family: 'auto', calibration: 'isotonic', params: { 'hist-gradient-boosting': { maxIter: 25, maxLeafNodes: 8 }, 'random-forest': { nEstimators: 20, maxDepth: 6, threads: 1 } } });
    t = await trainAndScore(session, {}, AS_OF, config, { available: load, resamples: 50 });
  }, 300_000);
  afterAll(() => session?.close());

  it('compares the families on the AUC the card reports: the chosen one\'s candidate AUC is its metrics AUC, and it is the best', () => {
    const c = t.card;
    expect(c.chosenBy).toBe('auto');
    expect(c.candidates.map((x) => x.family).sort()).toEqual(['hist-gradient-boosting', 'logistic-regression', 'random-forest']);
    const chosen = c.candidates.find((x) => x.family === c.family)!;
    expect(chosen.rocAuc).toBeCloseTo(c.metrics.rocAuc.estimate, 12);
    for (const other of c.candidates) expect(other.rocAuc).toBeLessThanOrEqual(chosen.rocAuc);
    // Isotonic ties scores: the AUC the families were compared on is not the uncalibrated one.
    expect(c.notes.join('\n')).toMatch(/by held-out ROC AUC of the isotonic-calibrated probabilities \(those of the metrics\)/);
  });
});
