import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { daviesBouldin } from '../../../src/cluster/metrics/daviesBouldin';
import { formulaData } from './fixtures';

/*
 * scikit-learn 1.2.1 reference values (data set as in silhouette.test.ts / fixtures.ts):
 *   from sklearn.metrics import davies_bouldin_score
 *   davies_bouldin_score(X, labels)                         # 0.6056118236061429
 *   davies_bouldin_score(X[mask], noisy[mask])              # 0.6029115389907852   (noisy[::7] = -1)
 *   davies_bouldin_score([[0], [2], [10], [12], [13]], [0, 0, 1, 1, 1])      # 0.19791666666666538
 */

const line = (xs: number[]) => new Matrix(Float64Array.from(xs), xs.length, 1);

describe('daviesBouldin', () => {
  it('hand fixture: 0, 2 | 10, 12, 13', () => {
    // Spreads: 1 and (5/3 + 1/3 + 4/3)/3 = 10/9; centroid distance 32/3; (1 + 10/9) / (32/3) = 19/96 for both clusters.
    expect(daviesBouldin(line([0, 2, 10, 12, 13]), [0, 0, 1, 1, 1])).toBeCloseTo(19 / 96, 12);
  });

  it('matches scikit-learn, with and without noise rows', () => {
    const { X, labels } = formulaData();
    expect(daviesBouldin(X, labels)).toBeCloseTo(0.6056118236061429, 12);
    const noisy = Int32Array.from(labels, (l, i) => (i % 7 === 0 ? -1 : l));
    expect(daviesBouldin(X, noisy)).toBeCloseTo(0.6029115389907852, 12);
  });

  it('takes the worst partner of each cluster (three clusters, by hand)', () => {
    // Clusters {0, 2}, {10, 12}, {30, 32}: spreads 1, 1, 1; centroids 1, 11, 31.
    // Cluster 0: max(2/10, 2/30) = 0.2; cluster 1: max(2/10, 2/20) = 0.2; cluster 2: max(2/30, 2/20) = 0.1.
    expect(daviesBouldin(line([0, 2, 10, 12, 30, 32]), [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.5 / 3, 12);
  });

  it('is 0 when every cluster is a repeated point, and coincident centroids contribute 0 (scikit-learn)', () => {
    expect(daviesBouldin(line([1, 1, 5, 5]), [0, 0, 1, 1])).toBe(0);
    // Clusters {0, 2} and {-1, 3} share centroid 1: their pair is ignored; cluster 2 at 11 decides.
    // Spreads 1, 2, 1; cluster 0: (1+1)/10 = 0.2; cluster 1: (2+1)/10 = 0.3; cluster 2: max(0.2, 0.3) = 0.3.
    expect(daviesBouldin(line([0, 2, -1, 3, 10, 12]), [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.8 / 3, 12);
  });

  it('names its problems', () => {
    const { X } = formulaData();
    expect(() => daviesBouldin(X, new Int32Array(60).fill(-1))).toThrow(/daviesBouldin: labels hold 0 clusters for 0 rows after excluding 60 noise rows/);
  });
});
