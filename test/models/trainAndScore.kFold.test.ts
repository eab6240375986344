// k-fold validation on Telco (data/configs/telco.yaml, as `seglab train` reads it) rebuilt from the exported
// pieces: designEncodingOf, familyFitParams and kFoldSplits reproduce trainAndScore's held-out AUC exactly.
// bench/models-real.mjs fits scikit-learn's peers on these matrices and folds, so they must be trainAndScore's own.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTrainingSet, designEncodingOf, DuckSession, familyFitParams, fitDesignEncoder, kFoldSplits, loadRunConfig, loadTables, Matrix, MODELS, rocAuc, trainAndScore, type ModelName } from '../../src';
import { DATASETS } from '../datasets';

const TELCO = join(DATASETS, 'Telco-Customer-Churn.csv.gz');

describe.skipIf(!existsSync(TELCO))('k-fold on Telco, rebuilt from the exported pieces', () => {
  it.each(['logistic-regression', 'hist-gradient-boosting'] as const)('%s: the same encoder, params and folds give trainAndScore’s out-of-fold ROC AUC to the last bit', async (family: ModelName) => {
    const { config, baseDir } = loadRunConfig(join(__dirname, '..', '..', 'data', 'configs', 'telco.yaml'), { data: TELCO });
    const models = { ...config.models!, family };
    const session = await DuckSession.open({ threads: 2 });
    try {
      const load = await loadTables(session, config.data, { baseDir });
      const trained = await trainAndScore(session, config.features, config.asOf, models, { available: load, resamples: 20 });
      expect(trained.card.validation.scheme).toBe('k-fold');

      const set = await buildTrainingSet(session, config.features, config.asOf, models.target, { available: load, exclude: models.exclude });
      const y = set.train.labels;
      const encoder = fitDesignEncoder(set.train.frame, set.columns, { encoding: designEncodingOf(family) });
      expect(encoder.encoding).toBe(family === 'logistic-regression' ? 'one-hot' : 'codes');
      const X = encoder.transform(set.train.frame);
      const params = familyFitParams(models, family, encoder);
      if (family === 'hist-gradient-boosting') expect(params.categoricalFeatures).toEqual([...encoder.categoricalIndices]);
      const splits = kFoldSplits(models, y);
      expect(splits).toHaveLength(models.folds);
      const oof = new Float64Array(y.length).fill(NaN);
      for (const s of splits) {
        // Stratified: each fold's positive share within one row of the whole's.
        const positives = Array.from(s.test, (i) => y[i]!).reduce((a, b) => a + b, 0);
        expect(Math.abs(positives - (s.test.length * trained.card.positives) / y.length)).toBeLessThanOrEqual(1);
        const model = await MODELS.lookup(family).create(params as never).fit(rows(X, s.train), Uint8Array.from(s.train, (i) => y[i]!));
        model.predictProba(rows(X, s.test)).forEach((p, k) => (oof[s.test[k]!] = p));
      }
      expect(oof.some((p) => Number.isNaN(p))).toBe(false);
      expect(rocAuc(y, oof)).toBe(trained.card.candidates[0]!.rocAuc);
    } finally {
      session.close();
    }
  }, 180_000);
});

function rows(X: Matrix, idx: Int32Array): Matrix {
  const out = new Float64Array(idx.length * X.cols);
  idx.forEach((i, k) => out.set(X.data.subarray(i * X.cols, (i + 1) * X.cols), k * X.cols));
  return new Matrix(out, idx.length, X.cols, X.columns);
}
