// Contracts every registered k-selection criterion passes on one sweep: it measures every k it can
// (null only where its measure is undefined), a criterion read k by k votes for the eligible k with the
// best value in its declared direction, every vote is an eligible k or an abstention with a reason, and
// the same sweep gives the same measures and votes.
import { describe, expect, it } from 'vitest';
import { GaussianMixture, parseParams, selectionCriteria, selectK, type ClusterModel, type ModelSelectionResult } from '../../src';
import { blobs, FIXTURES } from './fixtures';

const { X } = blobs();
// A mixture has a likelihood (BIC) and no inertia of its own (the elbow reads it from the labels): every criterion measures.
const sweep = (): ModelSelectionResult =>
  selectK(X, (k) => new GaussianMixture({ k, seed: 2 }) as unknown as { fit(X: never): ClusterModel }, { ks: [2, 3, 4, 5, 6], maxShare: 0.9, gap: { ...FIXTURES['k-selection criterion']!.gap!.params } });
const result = sweep();
/** A candidate's measures by name (criteria name theirs as strings). */
const measure = (c: ModelSelectionResult['candidates'][number], metric: string): number | null => (c.metrics as Record<string, number | null>)[metric] ?? null;

describe.each(selectionCriteria().map((c) => [c.name, c] as const))('k-selection criterion contract: %s', (name, criterion) => {
  it('its params parse with their declared defaults and refuse unknown keys', () => {
    expect(() => parseParams(criterion.params, { ...FIXTURES['k-selection criterion']![name]!.params }, 'contract')).not.toThrow();
    expect(() => parseParams(criterion.params, { notAParam: 1 }, 'contract')).toThrow(/unknown key "notAParam"/);
  });

  it('measures every k of the sweep, in its declared measures', () => {
    expect(result.candidates.length).toBeGreaterThan(1);
    expect(criterion.metrics.length).toBeGreaterThan(0);
    for (const c of result.candidates) for (const metric of criterion.metrics) expect(measure(c, metric), `${metric} at k=${c.k}`).toEqual(expect.any(Number));
  });

  it('votes for an eligible k (the best in its direction when read k by k), or abstains with a reason', () => {
    const vote = result.votes.find((v) => v.criterion === name)!;
    expect(vote.reason.length).toBeGreaterThan(5);
    if (vote.k === null) return;
    const eligible = result.candidates.filter((c) => c.eligible);
    expect(eligible.map((c) => c.k)).toContain(vote.k);
    if (criterion.reads === 'each-k') {
      const values = eligible.map((c) => measure(c, criterion.metrics[0])!);
      const best = criterion.better === 'higher' ? Math.max(...values) : Math.min(...values);
      expect(measure(result.candidates.find((c) => c.k === vote.k)!, criterion.metrics[0])).toBe(best);
    }
  });

  it('the same sweep gives the same measures and vote', () => {
    const again = sweep();
    expect(again.candidates.map((c) => criterion.metrics.map((m) => measure(c, m)))).toEqual(result.candidates.map((c) => criterion.metrics.map((m) => measure(c, m))));
    expect(again.votes.find((v) => v.criterion === name)).toEqual(result.votes.find((v) => v.criterion === name));
  });
});
