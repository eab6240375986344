import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors';
import { Matrix } from '../../src/core/Matrix';
import { Rng } from '../../src/core/rng';
import { DEFAULT_SEED, deriveSeed, MAX_SEED, seedParam } from '../../src/core/seedParam';
import { GaussianMixture } from '../../src/cluster/mixture/GaussianMixture';
import { KMeans } from '../../src/cluster/kmeans/KMeans';
import { KPrototypes } from '../../src/cluster/kprototypes/KPrototypes';
import { MiniBatchKMeans } from '../../src/cluster/minibatch/MiniBatchKMeans';
import { gapStatistic } from '../../src/cluster/metrics/gapStatistic';
import { silhouetteScore } from '../../src/cluster/metrics/silhouette';
import { selectK } from '../../src/cluster/selection/selectK';
import { bootstrapStability } from '../../src/cluster/selection/stability';
import { runConfigSchema } from '../../src/pipeline/RunConfig';
import { surrogateRules } from '../../src/rules/extract/surrogateRules';
import { DecisionTree } from '../../src/rules/tree/DecisionTree';
import { resolveSynthParams } from '../../src/synth/synthParams';

/** Two blobs of 40 points, so every seeded function has something to draw for. */
function blobs(): { X: Matrix; labels: Int32Array } {
  const rng = new Rng(3);
  const data = new Float64Array(80 * 2);
  const labels = new Int32Array(80);
  for (let i = 0; i < 80; i++) {
    labels[i] = i < 40 ? 0 : 1;
    data[2 * i] = rng.normal() + (i < 40 ? 0 : 6);
    data[2 * i + 1] = rng.normal();
  }
  return { X: new Matrix(data, 80, 2, ['a', 'b']), labels };
}

// 2^32 + 1 was read as 1 by the generator's 32 bits: two seeds, one stream.
const OUT_OF_RANGE = [2 ** 32 + 1, 2 ** 32, -1, 1.5, Number.NaN];

describe('seeds: one declared range, 0 to 2^32 - 1', () => {
  it('every seeded estimator, metric, the tree, the run config and the generator refuse a seed outside it, naming it', () => {
    const { X, labels } = blobs();
    const km = (k: number) => new KMeans({ k, nInit: 1 });
    const calls: [string, (seed: number) => unknown][] = [
      ['KMeans seed', (seed) => new KMeans({ k: 2, seed })],
      ['MiniBatchKMeans seed', (seed) => new MiniBatchKMeans({ k: 2, seed })],
      ['GaussianMixture seed', (seed) => new GaussianMixture({ k: 2, seed })],
      ['KPrototypes seed', (seed) => new KPrototypes({ k: 2, seed })],
      ['silhouette seed', (seed) => silhouetteScore(X, labels, { sampleSize: 20, seed })],
      ['gapStatistic seed', (seed) => gapStatistic(X, (Y, k) => km(k).fit(Y).labels, [1, 2], { nRefs: 2, seed })],
      ['bootstrapStability seed', (seed) => bootstrapStability(X, km, { k: 2, B: 2, seed })],
      ['selectK stability.seed', (seed) => selectK(X, km, { ks: [2, 3], stability: { B: 2, seed } })],
      ['surrogateRules seed', (seed) => surrogateRules(X, labels, { seed })],
      ['DecisionTree seed', (seed) => new DecisionTree({ seed })],
      ['seed', (seed) => resolveSynthParams({ customers: 10, seed })],
    ];
    for (const [name, call] of calls) {
      for (const seed of OUT_OF_RANGE) {
        expect(() => call(seed), `${name} ${seed}`).toThrow(UsageError);
        expect(() => call(seed), `${name} ${seed}`).toThrow(new RegExp(`Invalid ${name.replace('.', '\\.')}: got .*, expected a whole number from 0 to 4294967295`));
      }
      expect(() => call(MAX_SEED), `${name} ${MAX_SEED}`).not.toThrow();
    }
    const config = (seed: unknown) => runConfigSchema.safeParse({ name: 'x', asOf: '2026-07-01', seed, data: { transactions: { path: 'x' } } });
    for (const seed of OUT_OF_RANGE) {
      const r = config(seed);
      expect(r.success, String(seed)).toBe(false);
      if (!r.success) expect(r.error.issues[0]!.message).toBe('expected a whole number from 0 to 4294967295 (2^32 - 1)');
    }
    expect(config(MAX_SEED).success).toBe(true);
    expect(seedParam.parse(undefined)).toBe(DEFAULT_SEED);
  });

  it('metrics and the tree default to the run config\'s seed (they defaulted to 0)', () => {
    const { X, labels } = blobs();
    const fit = (Y: Matrix, k: number) => new KMeans({ k, nInit: 1 }).fit(Y).labels;
    expect(gapStatistic(X, fit, [1, 2, 3], { nRefs: 3 })).toEqual(gapStatistic(X, fit, [1, 2, 3], { nRefs: 3, seed: DEFAULT_SEED }));
    expect(gapStatistic(X, fit, [1, 2, 3], { nRefs: 3 })).not.toEqual(gapStatistic(X, fit, [1, 2, 3], { nRefs: 3, seed: 0 }));
    const km = (k: number) => new KMeans({ k, nInit: 1 });
    expect(bootstrapStability(X, km, { k: 2, B: 3 })).toEqual(bootstrapStability(X, km, { k: 2, B: 3, seed: DEFAULT_SEED }));
    expect(silhouetteScore(X, labels, { sampleSize: 20 })).toEqual(silhouetteScore(X, labels, { sampleSize: 20, seed: DEFAULT_SEED }));
    expect(new DecisionTree({}).params.seed).toBe(DEFAULT_SEED);
    expect(surrogateRules(X, labels).fidelity).toEqual(surrogateRules(X, labels, { seed: DEFAULT_SEED }).fidelity);
  });

  it('derived streams are named: Rng.derive(seed, name) is new Rng(deriveSeed(seed, name)), with the numbers it always drew', () => {
    expect(deriveSeed(42, 'KMeans run 0')).toBe(deriveSeed(42, 'KMeans run 0'));
    expect(deriveSeed(42, 'stability')).not.toBe(deriveSeed(42, 'selection'));
    expect(deriveSeed(1, 'tree')).not.toBe(deriveSeed(2, 'tree'));
    for (const name of ['KMeans run 0', 'bootstrap-stability', 'report-projection', '']) {
      const a = Rng.derive(42, name);
      const b = new Rng(deriveSeed(42, name));
      expect([a.nextUint32(), a.nextUint32()]).toEqual([b.nextUint32(), b.nextUint32()]);
      expect(deriveSeed(42, name)).toBeGreaterThanOrEqual(0);
      expect(deriveSeed(42, name)).toBeLessThanOrEqual(MAX_SEED);
    }
    // FNV-1a of the seed and the name, as Rng.derive has always computed it.
    expect(deriveSeed(42, 'report-projection')).toBe(fnv1a(42, 'report-projection'));
  });
});

function fnv1a(seed: number, label: string): number {
  let h = (seed >>> 0) ^ 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}
