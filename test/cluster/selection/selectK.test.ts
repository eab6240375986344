import { describe, expect, it } from 'vitest';
import { GaussianMixture, KMeans, Matrix, silhouetteScore, UsageError, type ClusterModel, type Progress } from '../../../src';
import { decideByStructure, decideK, selectK, SELECTION_CRITERIA, SELECTION_RULE, STRUCTURE_FIRST_RULE, type CriterionVote, type EstimatorFactory, type KCandidate } from '../../../src/cluster/selection/selectK';
import { blobs, uniformData } from '../metrics/fixtures';

const kmeans: EstimatorFactory = (k) => new KMeans({ k, seed: 1, threads: 1 });

function recorder(): { progress: Progress; log: string[] } {
  const log: string[] = [];
  return {
    log,
    progress: { start: (s, t) => log.push(`start ${s} ${t}`), update: (d) => log.push(`update ${d}`), end: (d) => log.push(`end ${d ?? ''}`), note: (m) => log.push(`note ${m}`) },
  };
}

/** A fixed clustering for any k: labels by a rule, no inertia, optional BIC. */
function fixedModel(X: Matrix, k: number, label: (i: number) => number, bic?: number): ClusterModel {
  const labels = Int32Array.from({ length: X.rows }, (_, i) => label(i));
  return {
    kind: 'kmeans',
    k,
    columns: X.columns,
    labels,
    predict: () => labels,
    toJSON: () => ({ schemaVersion: 1, kind: 'kmeans' }),
    ...(bic === undefined ? {} : { bic: () => bic }),
  } as ClusterModel;
}

describe('selectK', () => {
  const { X } = blobs([[0, 0], [6, 0], [0, 6], [6, 6]], [300, 250, 200, 150], 1, 1);

  it('finds 4 well-separated blobs with every criterion agreeing, and explains it', () => {
    const { progress, log } = recorder();
    const r = selectK(X, kmeans, { gap: { nRefs: 5, seed: 1 }, progress });
    expect(r.recommendedK).toBe(4);
    expect(r.ks).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(r.votes.map((v) => [v.criterion, v.k])).toEqual([
      ['elbow', 4],
      ['silhouette', 4],
      ['calinskiHarabasz', 4],
      ['daviesBouldin', 4],
      ['bic', null],
      ['gap', 4],
    ]);
    expect(r.reasons[0]).toBe(
      'k=4 recommended: 5 of 5 voting criteria chose it (elbow of inertia (kneedle), best silhouette, best Calinski-Harabasz, best Davies-Bouldin, gap statistic rule).',
    );
    expect(r.reasons).toContain('lowest BIC: abstains, the model has no BIC.');
    const c4 = r.candidates.find((c) => c.k === 4)!;
    expect(c4).toMatchObject({ clustersFound: 4, methods: { inertia: 'model', silhouette: 'exact' }, eligible: true, exclusions: [] });
    expect(c4.metrics).toMatchObject({ bic: null, aic: null });
    // One measure per registered criterion (and their companions), in registration order.
    expect(Object.keys(c4.metrics)).toEqual(['inertia', 'silhouette', 'calinskiHarabasz', 'daviesBouldin', 'bic', 'aic', 'gap', 'gapS']);
    expect(r.votes.map((v) => v.criterion)).toEqual([...SELECTION_CRITERIA]);
    expect(c4.sizes.reduce((s, v) => s + v, 0)).toBe(900);
    expect(c4.smallestShare).toBeCloseTo(Math.min(...c4.sizes) / 900, 14);
    expect(c4.metrics.gap).toBe(r.gap!.rows.find((g) => g.k === 4)!.gap);
    expect(c4.metrics.gapS).toBe(r.gap!.rows.find((g) => g.k === 4)!.s);
    expect(r.gap!.rows[0]!.k).toBe(1); // the gap sweep adds k = 1 so it can report "no structure"
    for (const c of r.candidates) {
      expect(c).not.toHaveProperty('fitSeconds'); // wall-clock times are the manifest's, never a result's
      expect(c.metrics.silhouette).not.toBeNull();
    }
    // Inertia falls with k; the model's own inertia is used.
    for (let t = 1; t < r.candidates.length; t++) expect(r.candidates[t]!.metrics.inertia!).toBeLessThan(r.candidates[t - 1]!.metrics.inertia!);
    expect(r.rule).toBe(SELECTION_RULE);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    // Progress: one update per k, then the silhouettes of every k in one pass, then the gap statistic's own step.
    expect(log.slice(0, 12)).toEqual(['start select k: fit and score each k 11', ...Array.from({ length: 11 }, (_, i) => `update ${i + 1}`)]);
    expect(log[12]).toBe('end 11 values of k');
    expect(log[13]).toBe('start select k: silhouettes of 11 values of k undefined');
    expect(log[14]).toMatch(/^end [\d,]+ rows \(exact\)$/);
    expect(log[15]).toMatch(/^start gap statistic /);
  });

  it('excludes a k whose smallest segment is below minShare, and says so', () => {
    // Five blobs, one with 2% of the customers: k = 5 is the natural answer but breaks minShare 3%.
    const { X: Y } = blobs([[0, 0], [8, 0], [0, 8], [8, 8], [20, 20]], [300, 250, 230, 200, 20], 1, 2);
    const free = selectK(Y, kmeans, { ks: [2, 3, 4, 5, 6], minShare: 0 });
    expect(free.recommendedK).toBe(5);
    const r = selectK(Y, kmeans, { ks: [2, 3, 4, 5, 6] });
    const c5 = r.candidates.find((c) => c.k === 5)!;
    expect(c5.eligible).toBe(false);
    expect(c5.exclusions).toEqual(['smallest segment holds 2.0% of customers (20 rows), below minShare 3.0%']);
    expect(r.reasons).toContain('k=5 excluded: smallest segment holds 2.0% of customers (20 rows), below minShare 3.0%.');
    expect(r.recommendedK).not.toBe(5);
    expect(r.candidates.find((c) => c.k === r.recommendedK)!.eligible).toBe(true);
  });

  it('excludes a k whose largest segment is above maxShare (a segment that is most of the base), and says so', () => {
    // 85% of the customers in one blob: k = 2 separates the 15% and keeps 85% together.
    const { X: Y } = blobs([[0, 0], [10, 0]], [850, 150], 1, 3);
    const free = selectK(Y, kmeans, { ks: [2, 3, 4], maxShare: 1 });
    expect(free.candidates[0]!.eligible).toBe(true);
    const r = selectK(Y, kmeans, { ks: [2, 3, 4] });
    expect(r.limits.maxShare).toBe(0.5);
    const c2 = r.candidates[0]!;
    expect(c2.largestShare).toBeCloseTo(0.85, 10);
    expect(c2.eligible).toBe(false);
    expect(c2.exclusions).toEqual(['largest segment holds 85.0% of customers (850 rows), above maxShare 50.0%']);
    expect(r.recommendedK).not.toBe(2);
    expect(() => selectK(Y, kmeans, { maxShare: 0.02 })).toThrow(/Invalid selectK maxShare: got 0.02, expected a share above minShare \(0.03\)/);
    expect(() => selectK(Y, kmeans, { preferredK: [6, 4] })).toThrow(/Invalid selectK preferredK/);
  });

  it("rule 'structure-first': well-separated groups are natural groups (gap, silhouette and bootstrap agree)", () => {
    const r = selectK(X, kmeans, { gap: { nRefs: 5, seed: 1 }, rule: 'structure-first', stability: { B: 8 } });
    expect(r.recommendedK).toBe(4);
    expect(r.ruleName).toBe('structure-first');
    expect(r.rule).toBe(STRUCTURE_FIRST_RULE);
    expect(r.structure!.found).toBe(true);
    expect(r.structure!.check).toMatchObject({ code: 'found', k: 4 });
    expect(r.reasons[0]).toBe('k=4 recommended: natural groups (rule structure-first).');
    // The bootstrap that confirmed k = 4 is kept for reuse, with the requested resamples.
    expect(Object.keys(r.stability)).toEqual(['4']);
    expect(r.stability[4]!.B).toBe(8);
    expect(r.stability[4]!.meanJaccard).toBeGreaterThan(0.95);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("rule 'structure-first': uniform data has no natural groups; k comes from the preferred range, and it says so", () => {
    const Z = uniformData(600, 3, 7);
    const r = selectK(Z, kmeans, { gap: { nRefs: 5, seed: 1 }, rule: 'structure-first', stability: { B: 5 } });
    expect(r.structure!.found).toBe(false);
    expect(['gap-no-structure', 'gap-still-growing', 'low-silhouette', 'unstable']).toContain(r.structure!.check.code);
    expect(r.recommendedK).toBeGreaterThanOrEqual(4);
    expect(r.recommendedK).toBeLessThanOrEqual(6);
    const best = r.candidates.filter((c) => c.k >= 4 && c.k <= 6 && c.eligible).sort((a, b) => b.metrics.silhouette! - a.metrics.silhouette!)[0]!;
    expect(r.recommendedK).toBe(best.k);
    expect(r.reasons[0]).toMatch(new RegExp(`^k=${best.k} recommended as a partition for action: the eligible k in the preferred range 4–6 with the best silhouette`));
    expect(r.reasons[1]).toBe(r.structure!.text);
    expect(r.structure!.text).toMatch(/partition for action/);
  });

  it('maxSegments excludes larger k; the elbow abstains when it lands on an excluded k', () => {
    const r = selectK(X, kmeans, { ks: [2, 3, 4, 5, 6], maxSegments: 3, maxShare: 1 });
    expect(r.candidates.map((c) => c.eligible)).toEqual([true, true, false, false, false]);
    expect(r.candidates[2]!.exclusions).toEqual(['k=4 exceeds maxSegments=3']);
    expect(r.votes.find((v) => v.criterion === 'elbow')).toEqual({ criterion: 'elbow', k: null, reason: 'the inertia curve bends at k=4, which is excluded: k=4 exceeds maxSegments=3' });
    expect(r.recommendedK).toBe(3);
    expect(r.limits).toEqual({ minShare: 0.03, maxShare: 1, maxSegments: 3 });
  });

  it('uses BIC/AIC of models that have them, and inertia from labels when the model has none', () => {
    const r = selectK(X, (k) => new GaussianMixture({ k, seed: 1 }), { ks: [2, 3, 4, 5] });
    for (const c of r.candidates) {
      expect(c.methods.inertia).toBe('labels');
      expect(c.metrics.bic).toEqual(expect.any(Number));
      expect(c.metrics.aic).toEqual(expect.any(Number));
    }
    const bicVote = r.votes.find((v) => v.criterion === 'bic')!;
    const lowest = r.candidates.reduce((a, b) => (b.metrics.bic! < a.metrics.bic! ? b : a));
    expect(bicVote.k).toBe(lowest.k);
    expect(bicVote.reason).toMatch(new RegExp(`^lowest BIC among eligible k: .* at k=${lowest.k}$`));
  });

  it('recommends nothing when no k meets the limits', () => {
    // Every clustering has a segment of one customer out of 20 (5% < minShare 10%).
    const Z = uniformData(20, 2, 1);
    const factory: EstimatorFactory = (k) => ({ fit: (M: Matrix) => fixedModel(M, k, (i) => (i === 0 ? 0 : 1 + (i % (k - 1)))) });
    const r = selectK(Z, factory, { ks: [2, 3, 4], minShare: 0.1 });
    expect(r.recommendedK).toBeNull();
    expect(r.reasons[0]).toBe('No k recommended: no k from 2, 3, 4 meets the limits (minShare 10.0%, maxSegments 12).');
    expect(r.votes.every((v) => v.k === null)).toBe(true);
  });

  it('a model that finds fewer clusters than asked is excluded', () => {
    const Z = uniformData(30, 2, 1);
    const factory: EstimatorFactory = (k) => ({ fit: (M: Matrix) => fixedModel(M, k, (i) => i % Math.min(k, 3)) });
    const r = selectK(Z, factory, { ks: [2, 3, 4] });
    expect(r.candidates[2]!.exclusions).toEqual(['the model found 3 clusters for k=4']);
  });


  it('a k whose labels cannot be scored (one cluster) has no silhouette; the others are scored as alone', () => {
    const Z = uniformData(30, 2, 1);
    const rule = (k: number) => (i: number) => (k === 3 ? 0 : i % k);
    const factory: EstimatorFactory = (k) => ({ fit: (M: Matrix) => fixedModel(M, k, rule(k)) });
    const r = selectK(Z, factory, { ks: [2, 3, 4] });
    const byK = new Map(r.candidates.map((c) => [c.k, c]));
    expect(byK.get(3)!.metrics.silhouette).toBeNull();
    expect(byK.get(3)!.exclusions).toContain('fewer than 2 clusters to score');
    for (const k of [2, 4]) {
      const labels = Int32Array.from({ length: Z.rows }, (_, i) => rule(k)(i));
      expect(byK.get(k)!.metrics.silhouette).toBe(silhouetteScore(Z, labels).score);
    }
  });
  it('names its problems', () => {
    expect(() => selectK(X, kmeans, { ks: [1, 2] })).toThrow(/Invalid selectK ks\[0\]: got 1, expected an integer from 2 to 899/);
    expect(() => selectK(X, kmeans, { ks: [3, 3] })).toThrow(/ks lists k=3 twice/);
    expect(() => selectK(X, kmeans, { ks: [] })).toThrow(/selectK ks/);
    expect(() => selectK(X, kmeans, { minShare: 1.5 })).toThrow(/Invalid selectK minShare: got 1.5/);
    expect(() => selectK(X, kmeans, { maxSegments: 1 })).toThrow(/selectK maxSegments/);
    expect(() => selectK(X, kmeans, { gap: { nRefs: 1 } })).toThrow(/Invalid selectK gap.nRefs: got 1, expected a whole number >= 2/);
    expect(() => selectK(X, kmeans, { silhouette: { sampleSize: 0 } })).toThrow(/Invalid selectK silhouette.sampleSize: got 0/);
    expect(() => selectK(X, (() => ({})) as never, { ks: [2] })).toThrow(/factory\(2\) must return an estimator with a fit\(X\) method/);
    const short: EstimatorFactory = (k) => ({ fit: () => fixedModel(new Matrix(new Float64Array(4), 2, 2), k, (i) => i) });
    expect(() => selectK(X, short, { ks: [2] })).toThrow(UsageError);
    expect(() => selectK(X, short, { ks: [2] })).toThrow(/model.labels has 2 values, expected one per row of X \(900\)/);
  });
});

describe('decideK (the vote)', () => {
  const candidates = [2, 3, 4, 5].map((k) => ({ k, metrics: { silhouette: [0.4, 0.55, 0.5, 0.3][k - 2]! }, eligible: k !== 5, exclusions: k === 5 ? ['k=5 exceeds maxSegments=4'] : [] }));
  const limits = { minShare: 0.03, maxSegments: 4 };
  const vote = (criterion: CriterionVote['criterion'], k: number | null): CriterionVote => ({ criterion, k, reason: `r-${criterion}` });

  it('plurality wins', () => {
    const r = decideK([vote('elbow', 4), vote('silhouette', 3), vote('calinskiHarabasz', 4), vote('daviesBouldin', 4), vote('bic', null), vote('gap', 3)], candidates, limits);
    expect(r.recommendedK).toBe(4);
    expect(r.reasons.slice(0, 2)).toEqual([
      'k=4 recommended: 3 of 5 voting criteria chose it (elbow of inertia (kneedle), best Calinski-Harabasz, best Davies-Bouldin).',
      'k=3 had 2 votes (best silhouette, gap statistic rule).',
    ]);
    expect(r.reasons).toContain('lowest BIC: abstains, r-bic.');
    expect(r.reasons).toContain('k=5 excluded: k=5 exceeds maxSegments=4.');
  });

  it('a tie goes to the higher silhouette, then to the smaller k', () => {
    const r = decideK([vote('elbow', 4), vote('calinskiHarabasz', 4), vote('daviesBouldin', 2), vote('gap', 2), vote('silhouette', 3)], candidates, limits);
    // k=4 (silhouette 0.50) and k=2 (0.40) tie with 2 votes: k=4.
    expect(r.recommendedK).toBe(4);
    expect(r.reasons[1]).toBe('Tie between k=4, k=2 with 2 votes each, broken by silhouette: k=4 0.500, k=2 0.400.');
    const same = candidates.map((c) => ({ ...c, metrics: { silhouette: 0.5 } }));
    expect(decideK([vote('elbow', 4), vote('gap', 3)], same, limits).recommendedK).toBe(3);
  });

  it("rule 'gap-first': the gap statistic decides when it votes; the vote decides when it abstains", () => {
    const votes = [vote('elbow', 4), vote('silhouette', 3), vote('calinskiHarabasz', 4), vote('daviesBouldin', 4), vote('bic', null), vote('gap', 3)];
    const r = decideK(votes, candidates, limits, 'gap-first');
    expect(r.recommendedK).toBe(3);
    expect(r.reasons[0]).toBe('k=3 recommended by the gap statistic (rule gap-first); 1 of 4 other voting criteria agree (best silhouette).');
    expect(r.reasons).toContain('elbow of inertia (kneedle) preferred k=4.');
    const abstains = votes.map((v) => (v.criterion === 'gap' ? vote('gap', null) : v));
    expect(decideK(abstains, candidates, limits, 'gap-first').recommendedK).toBe(4);
  });
});

describe('decideByStructure', () => {
  const cand = (k: number, silhouette: number, eligible = true): KCandidate =>
    ({ k, metrics: { silhouette }, eligible, exclusions: eligible ? [] : [`k=${k} excluded for the test`] }) as unknown as KCandidate;
  const candidates = [cand(2, 0.5), cand(3, 0.3), cand(4, 0.28), cand(5, 0.31), cand(6, 0.29), cand(7, 0.35), cand(8, 0.2, false)];
  const limits = { minShare: 0.03, maxShare: 0.5, maxSegments: 12 };
  const gapAt = (k: number | null) => ({ reference: 'pca' as const, nRefs: 10, seed: 0, rows: [1, 2, 3, 4, 5, 6, 7, 8].map((kk) => ({ k: kk, logW: 0, expectedLogW: 0, gap: 0, sd: 0, s: 0 })), recommendedK: k, explanation: '' });
  const stable = () => ({ meanJaccard: 0.9 });
  const shaky = () => ({ meanJaccard: 0.7 });

  it('takes the gap k when silhouette and stability confirm it', () => {
    const r = decideByStructure([], candidates, gapAt(7), limits, [4, 6], stable);
    expect(r.recommendedK).toBe(7);
    expect(r.structure.check).toEqual({ code: 'found', k: 7, silhouette: 0.35, stability: 0.9 });
  });

  it('an unstable gap k is a partition for action: best silhouette within 4–6', () => {
    const r = decideByStructure([], candidates, gapAt(7), limits, [4, 6], shaky);
    expect(r.structure.check).toEqual({ code: 'unstable', k: 7, stability: 0.7, threshold: 0.75 });
    expect(r.recommendedK).toBe(5);
  });

  it('a gap k with a low silhouette is not confirmed, and the bootstrap is not even run', () => {
    let called = 0;
    const r = decideByStructure([], [...candidates.slice(0, 5), cand(7, 0.22)], gapAt(7), limits, [4, 6], () => (called++, { meanJaccard: 1 }));
    expect(r.structure.check).toEqual({ code: 'low-silhouette', k: 7, silhouette: 0.22, threshold: 0.25 });
    expect(called).toBe(0);
    expect(r.recommendedK).toBe(5);
  });

  it('gap at k = 1, gap still growing, gap excluded, gap not computed', () => {
    expect(decideByStructure([], candidates, gapAt(1), limits, [4, 6], stable).structure.check.code).toBe('gap-no-structure');
    expect(decideByStructure([], candidates, gapAt(null), limits, [4, 6], stable).structure.check).toEqual({ code: 'gap-still-growing', maxK: 8 });
    expect(decideByStructure([], candidates, gapAt(8), limits, [4, 6], stable).structure.check).toEqual({ code: 'gap-excluded', k: 8, exclusions: ['k=8 excluded for the test'] });
    expect(decideByStructure([], candidates, null, limits, [4, 6], stable).structure.check.code).toBe('gap-not-computed');
  });

  it('no eligible k in the preferred range: the nearest eligible k (ties by silhouette); none at all: null', () => {
    const few = [cand(2, 0.5), cand(3, 0.3), cand(4, 0.4, false), cand(5, 0.4, false), cand(6, 0.4, false), cand(7, 0.2), cand(8, 0.6, false)];
    const r = decideByStructure([], few, gapAt(1), limits, [4, 6], stable);
    expect(r.recommendedK).toBe(3);
    expect(r.reasons[0]).toMatch(/^k=3 recommended as a partition for action: no k in the preferred range 4–6 meets the limits; k=3 is the nearest eligible k/);
    const none = few.map((c) => ({ ...c, eligible: false }));
    const n = decideByStructure([], none, gapAt(1), limits, [4, 6], stable);
    expect(n.recommendedK).toBeNull();
    expect(n.reasons[0]).toBe('No k recommended: no k from 2, 3, 4, 5, 6, 7, 8 meets the limits (minShare 3.0%, maxShare 50.0%, maxSegments 12).');
  });
});
