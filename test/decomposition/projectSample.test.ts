import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/core/Matrix';
import { projectSample } from '../../src/decomposition/projectSample';

// Six points on the line y = 2x (one direction of variance), labels 0/1/2; label 2 is not shown.
const X = Matrix.fromRows([
  [0, 0],
  [1, 2],
  [2, 4],
  [3, 6],
  [4, 8],
  [5, 10],
]);
const labels = [0, 0, 1, 1, 2, 2];

describe('projectSample', () => {
  it('all variance on the first axis; only kept labels, in row order, at most maxPoints', () => {
    const p = projectSample(X, labels, (l) => l !== 2, 3, 42)!;
    expect(p.method).toBe('pca');
    expect(p.explained[0]).toBeCloseTo(1, 12);
    expect(p.explained[1]).toBeCloseTo(0, 12);
    expect(p.total).toBe(4);
    expect(p.sampled).toBe(3);
    expect(p.segment.every((s) => s !== 2)).toBe(true);
    // Centred first-axis coordinate of row r is ±(r − 2.5)·√5: each point's |x| is one of those, rounded to 3 decimals.
    const allowed = [0, 1, 2, 3].map((r) => Math.round(Math.abs(r - 2.5) * Math.sqrt(5) * 1000) / 1000);
    expect(p.x.map(Math.abs).every((v) => allowed.includes(v))).toBe(true);
    expect(p.y.every((v) => Math.abs(v) < 1e-9)).toBe(true);
  });
  it('the same seed draws the same sample; maxPoints above the members takes them all', () => {
    expect(projectSample(X, labels, () => true, 2, 7)).toEqual(projectSample(X, labels, () => true, 2, 7));
    expect(projectSample(X, labels, () => true, 100, 7)!.sampled).toBe(6);
  });
  it('one column: no plane to show', () => {
    expect(projectSample(Matrix.fromRows([[1], [2]]), [0, 1], () => true, 10, 1)).toBeNull();
  });
});
