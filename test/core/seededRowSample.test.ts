import { describe, expect, it } from 'vitest';
import { seededRowSample } from '../../src/core/seededRowSample';
import { Matrix } from '../../src/core/Matrix';

describe('seededRowSample', () => {
  const X = Matrix.fromColumns({ a: Float64Array.from({ length: 1000 }, (_, i) => i), b: Float64Array.from({ length: 1000 }, (_, i) => -i) });

  it('draws distinct rows in their order, copies them whole, and repeats with the seed', () => {
    const s = seededRowSample(X, 100, 7);
    expect(s.X.rows).toBe(100);
    expect(s.X.columns).toEqual(['a', 'b']);
    expect(new Set(s.rows).size).toBe(100);
    for (let r = 1; r < 100; r++) expect(s.rows[r]!).toBeGreaterThan(s.rows[r - 1]!);
    for (let r = 0; r < 100; r++) expect([s.X.get(r, 0), s.X.get(r, 1)]).toEqual([s.rows[r], -s.rows[r]!]);
    expect(seededRowSample(X, 100, 7).rows).toEqual(s.rows);
    expect(seededRowSample(X, 100, 8).rows).not.toEqual(s.rows);
    // Spread over the whole range, not the first rows.
    expect(s.rows[99]!).toBeGreaterThan(800);
    expect(seededRowSample(X, 1000, 1).rows).toEqual(Int32Array.from({ length: 1000 }, (_, i) => i));
  });

  it('a size outside 1..rows is a UsageError', () => {
    expect(() => seededRowSample(X, 0, 1)).toThrow(/size: got 0, expected an integer from 1 to the 1000 rows/);
    expect(() => seededRowSample(X, 1001, 1)).toThrow(/size: got 1001/);
  });
});
