import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { calinskiHarabasz } from '../../../src/cluster/metrics/calinskiHarabasz';
import { formulaData } from './fixtures';

/*
 * scikit-learn 1.2.1 reference values (data set as in silhouette.test.ts / fixtures.ts):
 *   from sklearn.metrics import calinski_harabasz_score
 *   calinski_harabasz_score(X, labels)                      # 162.34785393240566
 *   calinski_harabasz_score(X[mask], noisy[mask])           # 137.09006728311465   (noisy[::7] = -1)
 *   calinski_harabasz_score([[0], [2], [10], [12], [13]], [0, 0, 1, 1, 1])   # 61.44
 */

const line = (xs: number[]) => new Matrix(Float64Array.from(xs), xs.length, 1);

describe('calinskiHarabasz', () => {
  it('hand fixture: 0, 2 | 10, 12, 13', () => {
    // Centroids 1 and 35/3, mean 7.4. Between: 2·6.4² + 3·(64/15)² = 2048/15. Within: 2 + 42/9 = 20/3.
    // (2048/15) / (2 - 1) ÷ ((20/3) / (5 - 2)) = 61.44.
    expect(calinskiHarabasz(line([0, 2, 10, 12, 13]), [0, 0, 1, 1, 1])).toBeCloseTo(61.44, 12);
  });

  it('matches scikit-learn, with and without noise rows', () => {
    const { X, labels } = formulaData();
    expect(calinskiHarabasz(X, labels)).toBeCloseTo(162.34785393240566, 9);
    const noisy = Int32Array.from(labels, (l, i) => (i % 7 === 0 ? -1 : l));
    expect(calinskiHarabasz(X, noisy)).toBeCloseTo(137.09006728311465, 9);
  });

  it('is 1 when every cluster is a single repeated point (zero within-cluster dispersion)', () => {
    expect(calinskiHarabasz(line([1, 1, 5, 5, 9]), [0, 0, 1, 1, 2])).toBe(1);
  });

  it('names its problems', () => {
    const { X, labels } = formulaData();
    expect(() => calinskiHarabasz(X, new Int32Array(60))).toThrow(/calinskiHarabasz: labels hold 1 cluster for 60 rows/);
    expect(() => calinskiHarabasz(X, labels.subarray(1))).toThrow(/calinskiHarabasz: labels has 59 values/);
  });
});
