import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/core/Matrix';
import { centreDistance } from '../../src/drift/centreDistance';

describe('centreDistance', () => {
  it('is the distance between the centres over the segment members\' root mean square distance to their centre', () => {
    // Segment 1: (0,0), (2,0), (1,1), (1,-1) around (1,0): every member 1 from it, spread 1. Row 4 is another segment.
    const X = new Matrix(Float64Array.of(0, 0, 2, 0, 1, 1, 1, -1, 50, 50), 5, 2, ['x', 'y']);
    const labels = [1, 1, 1, 1, 0];
    expect(centreDistance(X, labels, 1, Float64Array.of(4, 4), Float64Array.of(1, 0))).toBe(5);
    expect(centreDistance(X, labels, 1, Float64Array.of(1, 0), Float64Array.of(1, 0))).toBe(0);
    // Spread of segment 1 around (0, 0): sqrt((0 + 4 + 2 + 2) / 4) = sqrt(2).
    expect(centreDistance(X, labels, 1, Float64Array.of(1, 1), Float64Array.of(0, 0))).toBeCloseTo(1, 15);
  });

  it('refuses a segment without members', () => {
    const X = new Matrix(Float64Array.of(0, 0), 1, 2, ['x', 'y']);
    expect(() => centreDistance(X, [0], 3, Float64Array.of(0, 0), Float64Array.of(0, 0))).toThrow(/segmentId/);
  });
});
