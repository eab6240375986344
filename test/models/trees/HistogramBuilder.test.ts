import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { HistogramBuilder, histogramWorkerSource } from '../../../src/models/trees/HistogramBuilder';
import { buildHistogram, histogramFeatures, type GrowData } from '../../../src/models/trees/histTreeKernel';
import { histogramWasmBytes } from '../../../src/models/trees/histogramWasm';
import type { WasmApi } from '../../../src/core/wasmAssembler';

// The project's ES2022 lib has no WebAssembly typings (see core/wasmAssembler).
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi & { validate(bytes: Uint8Array): boolean } }).WebAssembly;

/** The histogram as the kernel built it before the four-feature passes: one feature per pass, rows in order. */
function reference(bins: Uint8Array, n: number, NB: number, rows: Uint32Array, start: number, end: number, grad: Float64Array, hess: Float64Array, feats: Int32Array, nf: number, hist: Float64Array): void {
  for (let q = 0; q < nf; q++) {
    const o = feats[q]! * NB * 3;
    hist.fill(0, o, o + NB * 3);
    for (let k = start; k < end; k++) {
      const i = rows[k]!;
      const p = o + bins[feats[q]! * n + i]! * 3;
      hist[p] += grad[i]!;
      hist[p + 1] += hess[i]!;
      hist[p + 2] += 1;
    }
  }
}

describe('HistogramBuilder', () => {
  const rng = new Rng(7);
  const n = 3000, F = 11, maxBins = 255, NB = maxBins + 1;
  const codes = new Uint8Array(n * F);
  // Skewed codes (many rows share a few bins, as a quantile-binned column with ties) and 8% missing.
  for (let f = 0; f < F; f++) for (let i = 0; i < n; i++) codes[f * n + i] = rng.next() < 0.08 ? maxBins : Math.floor(rng.next() ** 2 * (f === 3 ? 4 : 200));
  const grad = Float64Array.from({ length: n }, () => rng.normal() / 3);
  const hess = Float64Array.from({ length: n }, () => rng.next() / 4);
  const cases: { feats: Int32Array; size: number }[] = [
    { feats: Int32Array.from({ length: F }, (_, f) => f), size: n },
    { feats: Int32Array.from({ length: F }, (_, f) => f), size: 1234 },
    { feats: Int32Array.from([0, 2, 3, 5, 6, 9, 10]), size: 977 },
    { feats: Int32Array.from([1, 4, 8]), size: 40 },
    { feats: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]), size: 1 },
  ];

  it('fills the same histograms on 1, 2 and 3 threads, WebAssembly or JavaScript loop, as one feature per pass, bit for bit', async () => {
    const runs = [['auto', 1], ['auto', 2], ['auto', 3], ['js', 1], ['js', 2], ['js', 3]] as const;
    for (const [kernel, threads] of runs) {
      const hb = new HistogramBuilder(codes, n, F, maxBins, 4, threads, kernel);
      try {
        expect(hb.threads).toBe(threads);
        // Node 20 has WebAssembly: 'auto' must take the kernel (else this test would check the JavaScript loop twice).
        expect(hb.kernel !== null).toBe(kernel === 'auto');
        for (let i = 0; i < n; i++) {
          hb.gh[2 * i] = grad[i]!;
          hb.gh[2 * i + 1] = hess[i]!;
        }
        for (const { feats, size } of cases) {
          for (let rep = 0; rep < 3; rep++) {
            const pick = size === n ? Array.from({ length: n }, (_, i) => i) : rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, size).sort((a, b) => a - b);
            // The node's rows sit somewhere inside the tree's rows array, as in a grown tree.
            const at = size === n ? 0 : rng.int(n - size + 1);
            hb.rows.fill(0);
            hb.rows.set(pick, at);
            hb.reset();
            const got = hb.take();
            got.fill(NaN);
            hb.build(at, at + size, feats, feats.length, got);
            const want = new Float64Array(F * NB * 3).fill(NaN);
            reference(codes, n, NB, hb.rows, at, at + size, grad, hess, feats, feats.length, want);
            expect(Array.from(got)).toEqual(Array.from(want));
          }
        }
      } finally {
        await hb.close();
      }
      expect(hb.threads).toBe(1);
    }
  });

  it('partitions a node\'s rows on 1, 2 and 3 threads exactly as one stable pass (numeric and level-set splits, missing either side)', async () => {
    const big = 40_000;
    const bigCodes = new Uint8Array(big * 2);
    for (let i = 0; i < big; i++) {
      bigCodes[i] = rng.next() < 0.1 ? maxBins : rng.int(200);
      bigCodes[big + i] = rng.next() < 0.1 ? maxBins : rng.int(40);
    }
    const words = new Uint32Array(8);
    for (const v of [1, 5, 33, 39]) words[v >>> 5] |= 1 << (v & 31);
    for (const threads of [1, 2, 3]) {
      const hb = new HistogramBuilder(bigCodes, big, 2, maxBins, 2, threads);
      try {
        for (const [f, bin, missingLeft, isCat, size] of [[0, 120, 0, 0, big], [0, 7, 1, 0, 30_001], [1, 0, 1, 1, 25_000], [1, 0, 0, 1, 900]] as const) {
          const pick = rng.shuffle(Array.from({ length: big }, (_, i) => i)).slice(0, size).sort((a, b) => a - b);
          const at = big - size;
          hb.rows.set(pick, at);
          const goesLeft = (i: number): boolean => {
            const c = bigCodes[f * big + i]!;
            return c === maxBins ? missingLeft === 1 : isCat === 1 ? ((words[c >>> 5]! >>> (c & 31)) & 1) === 1 : c <= bin;
          };
          const want = [...pick.filter(goesLeft), ...pick.filter((i) => !goesLeft(i))];
          const l = hb.partition(at, big, f, bin, missingLeft, isCat, words);
          expect(l - at).toBe(pick.filter(goesLeft).length);
          expect(Array.from(hb.rows.subarray(at, big))).toEqual(want);
        }
      } finally {
        await hb.close();
      }
    }
  });

  it('hands out slab slots until they run out, then fresh arrays, and builds into either', async () => {
    const hb = new HistogramBuilder(codes, n, F, maxBins, 2, 2);
    try {
      for (let i = 0; i < n; i++) {
        hb.gh[2 * i] = grad[i]!;
        hb.gh[2 * i + 1] = hess[i]!;
      }
      for (let i = 0; i < n; i++) hb.rows[i] = i;
      const a = hb.take(), b = hb.take(), c = hb.take();
      expect(a.buffer).toBe(b.buffer);
      expect(c.buffer).not.toBe(a.buffer);
      const feats = Int32Array.from({ length: F }, (_, f) => f);
      hb.build(100, 2100, feats, F, b);
      hb.build(100, 2100, feats, F, c);
      expect(Array.from(c)).toEqual(Array.from(b));
      hb.reset();
      expect(hb.take().byteOffset).toBe(a.byteOffset);
    } finally {
      await hb.close();
    }
  });

  it('buildHistogram (the four-feature passes) equals one feature per pass on the forest\'s arrays too', () => {
    const d: GrowData = { bins: codes, rowBins: new Uint8Array(0), n, F, nBins: new Int32Array(F).fill(200), isCat: new Uint8Array(F), missingBin: maxBins, grad, hess, weight: hess };
    const feats = Int32Array.from([10, 0, 7, 3, 2]);
    const rows = Uint32Array.from(rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, 500).sort((a, b) => a - b));
    const got = new Float64Array(F * NB * 3), want = new Float64Array(F * NB * 3);
    buildHistogram(d, rows, 0, 500, feats, 5, got, new Float64Array(1000));
    reference(codes, n, NB, rows, 0, 500, grad, hess, feats, 5, want);
    expect(Array.from(got)).toEqual(Array.from(want));
    // A block of four features and one left over, from positions 1 … 5 of the list.
    const part = new Float64Array(F * NB * 3);
    const gh = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      gh[2 * i] = grad[i]!;
      gh[2 * i + 1] = hess[i]!;
    }
    histogramFeatures(codes, n, NB, new Uint32Array(0), 0, n, 1, gh, Int32Array.from([9, 1, 2, 4, 5, 6]), 1, 6, part);
    const full = new Float64Array(F * NB * 3);
    reference(codes, n, NB, Uint32Array.from({ length: n }, (_, i) => i), 0, n, grad, hess, Int32Array.from([1, 2, 4, 5, 6]), 5, full);
    expect(Array.from(part)).toEqual(Array.from(full));
  });

  it('runs its workers from source text that needs nothing but node:worker_threads', () => {
    const source = histogramWorkerSource();
    expect(source).not.toMatch(/require\((?!'node:worker_threads'\))/);
    expect(source).not.toMatch(/__vi_|_1\.\w+\(|import\(/);
  });

  it('the SIMD histogram module (gradient pairs as f64x2) is valid here and adds exactly as the scalar one', () => {
    expect(Wasm.validate(histogramWasmBytes(false, true))).toBe(true);
    expect(Wasm.validate(histogramWasmBytes(true, true))).toBe(true);
    const rowsAt = n * F, ghAt = rowsAt + n * 4, slabAt = ghAt + n * 16, S = NB * 3;
    const memory = new Wasm.Memory({ initial: Math.ceil((slabAt + 2 * F * S * 8) / 65536) });
    new Uint8Array(memory.buffer, 0, n * F).set(codes);
    const rows = new Uint32Array(memory.buffer, rowsAt, n);
    rows.set(rng.shuffle(Array.from({ length: n }, (_, i) => i)));
    const gh = new Float64Array(memory.buffer, ghAt, 2 * n);
    for (let i = 0; i < n; i++) [gh[2 * i], gh[2 * i + 1]] = [grad[i]!, hess[i]!];
    type Kernel = { hist4: (...a: number[]) => void; hist1: (...a: number[]) => void };
    const kernel = (simd: boolean) => new Wasm.Instance(new Wasm.Module(histogramWasmBytes(false, simd)), { env: { mem: memory } }).exports as unknown as Kernel;
    const out = [new Float64Array(memory.buffer, slabAt, F * S), new Float64Array(memory.buffer, slabAt + F * S * 8, F * S)];
    for (const [whole, m] of [[1, n], [2, 1234], [0, 77]] as const) {
      [false, true].forEach((simd, t) => {
        const k = kernel(simd), at = slabAt + t * F * S * 8;
        out[t]!.fill(0);
        k.hist4(rowsAt, 5, m - 5, whole, ghAt, 0, n, 2 * n, 3 * n, at, at + S * 8, at + 2 * S * 8, at + 3 * S * 8);
        k.hist1(rowsAt, 5, m - 5, whole, ghAt, 7 * n, at + 7 * S * 8);
      });
      expect(out[0]!.some((v) => v !== 0)).toBe(true);
      expect(Array.from(out[1]!)).toEqual(Array.from(out[0]!));
    }
  });
});
