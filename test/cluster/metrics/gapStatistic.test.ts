import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../src/core/errors';
import { Matrix } from '../../../src/core/Matrix';
import type { Progress } from '../../../src/core/progress';
import { KMeans } from '../../../src/cluster/kmeans/KMeans';
import { gapRule, gapStatistic, type ClusterFn } from '../../../src/cluster/metrics/gapStatistic';
import { symmetricEigen } from '../../../src/core/symmetricEigen';
import { blobs, uniformData } from './fixtures';

const kmeans: ClusterFn = (X, k) => new KMeans({ k, seed: 1, threads: 1 }).fit(X);
const line = (xs: number[]) => new Matrix(Float64Array.from(xs), xs.length, 1);

/** 1-D clusterer for the hand fixture: splits sorted values at the k − 1 widest gaps. */
const splitAtGaps: ClusterFn = (X, k) => {
  const order = Array.from({ length: X.rows }, (_, i) => i).sort((a, b) => X.data[a]! - X.data[b]!);
  const gaps = order.slice(1).map((r, t) => ({ t: t + 1, width: X.data[r]! - X.data[order[t]!]! }));
  const cuts = new Set(gaps.sort((a, b) => b.width - a.width).slice(0, k - 1).map((g) => g.t));
  const labels = new Int32Array(X.rows);
  let c = 0;
  order.forEach((r, t) => {
    if (cuts.has(t)) c++;
    labels[r] = c;
  });
  return labels;
};

describe('gapRule (Tibshirani: smallest k with gap(k) >= gap(k+1) - s(k+1))', () => {
  it('hand fixtures', () => {
    const rows = [
      { k: 1, gap: 0.2, s: 0.1 },
      { k: 2, gap: 0.5, s: 0.1 }, // 0.2 >= 0.5 - 0.1? no
      { k: 3, gap: 0.55, s: 0.1 }, // 0.5 >= 0.55 - 0.1 = 0.45: yes → k = 2
      { k: 4, gap: 0.52, s: 0.1 },
    ];
    expect(gapRule(rows)).toEqual({ recommendedK: 2, explanation: expect.stringMatching(/^k=2 is the smallest k with gap\(k\) >= gap\(k\+1\) - s\(k\+1\): 0.5000 >= 0.5500 - 0.1000/) });
    expect(gapRule(rows.map((r) => ({ ...r, s: 0 }))).recommendedK).toBe(3);
    expect(gapRule([{ k: 1, gap: 0.1, s: 0 }, { k: 2, gap: 0.2, s: 0 }, { k: 3, gap: 0.3, s: 0 }])).toEqual({ recommendedK: null, explanation: expect.stringMatching(/the gap still grows at the largest k/) });
  });
});

describe('symmetricEigen', () => {
  it('diagonalises a symmetric matrix: A v = λ v with orthonormal v, eigenvalues descending', () => {
    const A = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const { values, vectors } = symmetricEigen(A, 3);
    expect(values[0]! >= values[1]! && values[1]! >= values[2]!).toBe(true);
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(12, 12); // trace
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < 3; i++) {
        let av = 0;
        for (let j = 0; j < 3; j++) av += A[i * 3 + j]! * vectors[j * 3 + c]!;
        expect(av).toBeCloseTo(values[c]! * vectors[i * 3 + c]!, 12);
      }
      for (let c2 = 0; c2 < 3; c2++) {
        let dot = 0;
        for (let i = 0; i < 3; i++) dot += vectors[i * 3 + c]! * vectors[i * 3 + c2]!;
        expect(dot).toBeCloseTo(c === c2 ? 1 : 0, 12);
      }
    }
  });
});

describe('gapStatistic', () => {
  it('hand fixture: log W_k of the data; gap = E*[log W] − log W; s = sd·sqrt(1 + 1/B)', () => {
    const X = line([0, 2, 10, 12, 13]);
    // k = 1: Σ (x − 7.4)² = 143.2. k = 2 ({0, 2}, {10, 12, 13}): 2 + 42/9 = 20/3.
    const r = gapStatistic(X, splitAtGaps, [1, 2], { nRefs: 4, reference: 'box' });
    expect(r.rows[0]!.logW).toBeCloseTo(Math.log(143.2), 12);
    expect(r.rows[1]!.logW).toBeCloseTo(Math.log(20 / 3), 12);
    for (const row of r.rows) {
      expect(row.gap).toBeCloseTo(row.expectedLogW - row.logW, 14);
      expect(row.s).toBeCloseTo(row.sd * Math.sqrt(1 + 1 / 4), 14);
    }
    expect(r).toMatchObject({ reference: 'box', nRefs: 4, seed: 42 }); // DEFAULT_SEED
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('reference data: uniform within the box of X (box), or of its principal axes (pca)', () => {
    // X along the diagonal: y = x + small noise. The pca box is thin across the diagonal; the plain box is not.
    const rows = Array.from({ length: 200 }, (_, i) => [i / 20, i / 20 + 0.1 * Math.sin(i * 7.1)]);
    const X = Matrix.fromRows(rows, ['spend', 'orders']);
    const across = (M: Matrix) => {
      let max = 0;
      for (let i = 0; i < M.rows; i++) max = Math.max(max, Math.abs(M.get(i, 1) - M.get(i, 0)));
      return max;
    };
    const seen: Record<string, Matrix[]> = { box: [], pca: [] };
    for (const reference of ['box', 'pca'] as const) {
      gapStatistic(X, (Z, k) => { if (Z !== X) seen[reference]!.push(Z); return splitAtGaps(new Matrix(Z.column(0), Z.rows, 1), k); }, [1, 2], { nRefs: 3, reference, seed: 9 });
    }
    expect(seen.box!).toHaveLength(3); // one fit per reference set for k = 2 (k = 1 needs none)
    for (const Z of seen.box!) {
      expect(Z.columns).toEqual(['spend', 'orders']);
      for (let i = 0; i < Z.rows; i++) {
        expect(Z.get(i, 0)).toBeGreaterThanOrEqual(0);
        expect(Z.get(i, 0)).toBeLessThanOrEqual(199 / 20);
      }
      expect(across(Z)).toBeGreaterThan(5); // corners of the square box are far off the diagonal
    }
    // In the rotated box every point stays within the data's own distance from the diagonal (plus rounding of the axis).
    for (const Z of seen.pca!) expect(across(Z)).toBeLessThan(across(X) * 1.5);
  });

  it('finds the 4 blobs with k-means (pca and box reference), and k = 1 on uniform data', () => {
    const { X } = blobs([[0, 0], [6, 0], [0, 6], [6, 6]], [300, 250, 200, 150], 1, 1);
    const pca = gapStatistic(X, kmeans, [1, 2, 3, 4, 5, 6], { nRefs: 8, seed: 2 });
    expect(pca.recommendedK).toBe(4);
    expect(pca.explanation).toMatch(/^k=4 is the smallest k/);
    expect(gapStatistic(X, kmeans, [1, 2, 3, 4, 5, 6], { nRefs: 8, seed: 2, reference: 'box' }).recommendedK).toBe(4);
    expect(gapStatistic(X, kmeans, [1, 2, 3, 4, 5, 6], { nRefs: 8, seed: 2 })).toEqual(pca); // seeded
    const U = uniformData(500, 2, 3);
    expect(gapStatistic(U, kmeans, [1, 2, 3, 4], { nRefs: 8, seed: 2 }).recommendedK).toBe(1);
  });

  it('reuses given labels for X, reports progress per fit, and names its problems', () => {
    const X = line([0, 2, 10, 12, 13, 20, 21]);
    let fits = 0;
    const counting: ClusterFn = (Z, k) => {
      fits++;
      return splitAtGaps(Z, k);
    };
    const steps: string[] = [];
    const updates: number[] = [];
    const progress: Progress = { start: (s, total) => steps.push(`${s}/${total}`), update: (d) => updates.push(d), end: () => steps.push('end'), note: () => {} };
    gapStatistic(X, counting, [1, 2, 3], { nRefs: 5, dataLabels: new Map([[2, Int32Array.from([0, 0, 1, 1, 1, 1, 1])]]), progress });
    expect(fits).toBe(1 + 2 * 5); // k = 3 on X, k = 2 and 3 on 5 reference sets
    expect(steps).toEqual(['gap statistic/11', 'end']);
    expect(updates).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));

    expect(() => gapStatistic(X, counting, [2])).toThrow(/gapStatistic ks: got \[2\], expected an array of at least 2 cluster counts/);
    expect(() => gapStatistic(X, counting, [1, 7])).toThrow(/gapStatistic ks\[1\]: got 7, expected an integer between 1 and 6/);
    expect(() => gapStatistic(X, counting, [2, 2])).toThrow(/lists k=2 twice/);
    expect(() => gapStatistic(X, counting, [1, 2], { nRefs: 1 })).toThrow(/gapStatistic nRefs: got 1/);
    expect(() => gapStatistic(X, counting, [1, 2], { reference: 'sphere' as never })).toThrow(/gapStatistic reference/);
    expect(() => gapStatistic(X, () => 'x' as never, [1, 2])).toThrow(UsageError);
    expect(() => gapStatistic(X, () => new Int32Array(3), [1, 2])).toThrow(/labels for k=2 has 3 values, expected one per row of X \(7\)/);
    expect(() => gapStatistic(line([1, 1, 1, 5, 5]), splitAtGaps, [1, 2])).toThrow(InputError);
  });
});
