import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { buildHistogram, findBestSplit, findBestSplitSparse, type GrowData, type GrowParams } from '../../../src/models/trees/histTreeKernel';

describe('histTreeKernel', () => {
  it('the sparse split search (small forest nodes) finds exactly the dense search\'s split, and leaves the histogram zero', () => {
    const rng = new Rng(5);
    const n = 400, F = 4, maxBins = 255;
    const nBins = Int32Array.from([255, 12, 3, 6]);
    const isCat = Uint8Array.from([0, 0, 0, 1]);
    const bins = new Uint8Array(n * F);
    for (let f = 0; f < F; f++) for (let i = 0; i < n; i++) bins[f * n + i] = rng.next() < 0.1 ? maxBins : rng.int(nBins[f]!);
    const grad = Float64Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const hess = new Float64Array(n).fill(1);
    const rowBins = new Uint8Array(n * F);
    for (let f = 0; f < F; f++) for (let i = 0; i < n; i++) rowBins[i * F + f] = bins[f * n + i]!;
    const d: GrowData = { bins, rowBins, n, F, nBins, isCat, missingBin: maxBins, grad, hess, weight: hess };
    const NB = maxBins + 1;
    const feats = Int32Array.from([0, 1, 2, 3]);
    const dense = new Float64Array(F * NB * 3), sparse = new Float64Array(F * NB * 3);
    const touched = new Int32Array(NB * F);
    const ogh = new Float64Array(2 * n);
    for (const size of [3, 10, 40, 400]) {
      for (let rep = 0; rep < 20; rep++) {
        const rows = Uint32Array.from(rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, size)).sort();
        let G = 0;
        for (const i of rows) G += grad[i]!;
        const p: GrowParams = { mode: 1, maxDepth: 99, maxLeafNodes: 0, minSamplesLeaf: 1 + (rep % 3), minHessian: 0, lambda: 0, features: feats, mtry: 0 };
        const a = new Float64Array(7), b = new Float64Array(7), ca = new Uint32Array(8), cb = new Uint32Array(8);
        buildHistogram(d, rows, 0, size, feats, F, dense, ogh);
        findBestSplit(d, p, dense, feats, F, G, size, size, a, ca);
        findBestSplitSparse(d, p, rows, 0, size, feats, F, G, size, size, sparse, touched, b, cb);
        expect(Array.from(b)).toEqual(Array.from(a));
        if (a[0]! > 0 && a[1] === 3) expect(Array.from(cb)).toEqual(Array.from(ca));
        expect(sparse.every((v) => v === 0)).toBe(true);
      }
    }
  });
});
