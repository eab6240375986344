import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ThreadsOption } from './kmeansParams';
import { meanColumnVariance } from './meanColumnVariance';
import { compileKMeansWasm } from './kmeansWasm';
import {
  KMEANS_OP,
  kmeansThread,
  kmeansWorkerBlocks,
  kmeansWorkerSource,
  runKMeansBlock,
  runKMeansRound,
  setKMeansOp,
  stopKMeansWorkers,
  transposeCentres,
  type KMeansShared,
  type KMeansThread,
} from './kmeansKernels';

/** Below this much work per full assignment (rows × columns × centres) a worker costs more than it saves (~40 ms to start one). */
export const KMEANS_THREAD_MIN_WORK = 4_000_000;
/** Smallest block: large enough that claiming it costs nothing next to computing it. */
const MIN_BLOCK_ROWS = 2048;
/** At most this many blocks, so per-block partial sums stay small. */
const MAX_BLOCKS = 512;
/** Rows per call of the distance kernel: the thread's scratch (rows × k distances) stays in cache. */
const CHUNK_ROWS = 256;
/** WebAssembly memory is 32-bit: at most 65536 pages of 64 KiB. */
const WASM_MAX_PAGES = 65536;

declare const WebAssembly: {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => { readonly buffer: ArrayBuffer | SharedArrayBuffer };
};

/**
 * One buffer for all of a pool's arrays: WebAssembly memory (shared when workers run) with the
 * compiled kernel, or, when that is impossible (no SIMD, or more than 4 GiB), a plain or shared buffer.
 */
function allocate(bytes: number, shared: boolean, useWasm: boolean): { buffer: ArrayBuffer | SharedArrayBuffer; memory: object | null; module: object | null } {
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  const module = useWasm && pages <= WASM_MAX_PAGES ? compileKMeansWasm(shared) : null;
  if (module) {
    try {
      const memory = shared ? new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }) : new WebAssembly.Memory({ initial: pages });
      return { buffer: memory.buffer, memory, module };
    } catch {
      // Not enough address space for one memory this large: fall through to a plain buffer.
    }
  }
  return { buffer: shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), memory: null, module: null };
}

export interface KMeansPoolOptions {
  k: number;
  /** Most k-means++ candidates evaluated in one round (0 when no k-means++ runs on this pool). */
  maxTrials: number;
  /** Which bounds the assignment needs: none (Lloyd), one lower bound per row (Hamerly) or k (Elkan). */
  bounds: 'none' | 'hamerly' | 'elkan';
  threads: ThreadsOption;
  /** 'js' skips the WebAssembly kernel (same results, slower): for tests and for checking a suspected kernel problem. */
  kernel?: 'auto' | 'js';
}

/** Block size: a function of n only, so results do not depend on the number of threads. */
export function kmeansBlockRows(n: number): number {
  return Math.max(MIN_BLOCK_ROWS, Math.ceil(n / MAX_BLOCKS));
}

/**
 * The rows of one fit cut into fixed blocks, and the threads that work on them. X (copied once) and
 * every working array live in one shared WebAssembly memory (a SharedArrayBuffer) that each worker
 * maps with its own instance of the kernels; workers take blocks from an atomic counter (a busy core
 * simply takes fewer); the main thread works too and waits with Atomics.wait, so `fit` stays
 * synchronous. The worker code is the kernels' own source (kmeansWorkerSource), so it runs the same
 * from the compiled build and from TypeScript under a test runner, with no file to ship. Small
 * inputs run on the main thread alone. Call close() when done (workers are unref'd regardless, so
 * a forgotten pool never keeps the process alive).
 */
export class KMeansPool {
  readonly S: KMeansShared;
  /** Threads working on rounds (main thread included). */
  readonly threads: number;
  /** Whether distances run in WebAssembly SIMD (else the same arithmetic in JavaScript). */
  readonly wasm: boolean;
  private readonly main: KMeansThread;
  private readonly workers: Worker[] = [];
  private roundCount = 0;

  /** `w` undefined: every row weighs 1 (the pool's own array is filled, nothing is copied). */
  constructor(X: Float64Array, n: number, d: number, w: Float64Array | undefined, options: KMeansPoolOptions) {
    const { k, bounds } = options;
    const maxTrials = Math.max(1, options.maxTrials);
    const blockRows = kmeansBlockRows(n);
    const nBlocks = Math.ceil(n / blockRows);
    const wanted = options.threads === 'auto' ? availableParallelism() : options.threads;
    const threads = n * d * k >= KMEANS_THREAD_MIN_WORK ? Math.max(1, Math.min(wanted, nBlocks)) : 1;
    const shared = threads > 1;
    const chunkRows = Math.min(CHUNK_ROWS, blockRows);
    const potOff = chunkRows * Math.max(k, maxTrials + 1);
    // Even length: every thread's scratch stays 16-byte aligned.
    const scratchLen = potOff + maxTrials + ((potOff + maxTrials) & 1);

    // Every array in one buffer, each at a 16-byte aligned offset.
    let bytes = 0;
    const slot = (len: number, width: number): number => {
      const at = Math.ceil(bytes / 16) * 16;
      bytes = at + len * width;
      return at;
    };
    const at = {
      X: slot(n * d, 8),
      w: slot(n, 8),
      C: slot(k * d, 8),
      ct: slot(d * (k + (k & 1)), 8),
      labels: slot(n, 4),
      upper: slot(n, 8),
      lower: slot(bounds === 'hamerly' ? n : bounds === 'elkan' ? n * k : 0, 8),
      half: slot(k, 8),
      cc: slot(k * k, 8),
      shift: slot(k, 8),
      cand: slot((maxTrials + 1) * d, 8),
      candCC: slot(maxTrials * k, 8),
      pSums: slot(nBlocks * k * d, 8),
      pW: slot(nBlocks * k, 8),
      pScalar: slot(nBlocks * maxTrials, 8),
      pFarD: slot(nBlocks * k, 8),
      pFarI: slot(nBlocks * k, 4),
      pDense: slot(nBlocks, 4),
      params: slot(10, 8),
      ctrl: slot(8, 4),
      errorText: slot(1024, 2),
      scratch: slot(threads * scratchLen, 8),
    };
    const { buffer, memory, module } = allocate(bytes, shared, options.kernel !== 'js');
    const f64 = (off: number, len: number) => new Float64Array(buffer, off, len);
    const F64 = new Float64Array(buffer, 0, Math.floor(buffer.byteLength / 8));
    const I32 = new Int32Array(buffer, 0, Math.floor(buffer.byteLength / 4));
    this.S = {
      n,
      d,
      k,
      blockRows,
      nBlocks,
      maxTrials,
      F64,
      I32,
      upperOff: at.upper / 8,
      lowerOff: at.lower / 8,
      halfOff: at.half / 8,
      shiftOff: at.shift / 8,
      candCCOff: at.candCC / 8,
      potOff,
      xOff: at.X / 8,
      wOff: at.w / 8,
      cOff: at.C / 8,
      candOff: at.cand / 8,
      ctOff: at.ct / 8,
      kp: k + (k & 1),
      pSumsOff: at.pSums / 8,
      pWOff: at.pW / 8,
      labelsOff: at.labels / 4,
      scratchOff: at.scratch / 8,
      scratchLen,
      chunkRows,
      memory,
      module,
      X: f64(at.X, n * d),
      w: f64(at.w, n),
      C: f64(at.C, k * d),
      ct: f64(at.ct, d * (k + (k & 1))),
      labels: new Int32Array(buffer, at.labels, n),
      upper: f64(at.upper, n),
      lower: f64(at.lower, bounds === 'hamerly' ? n : bounds === 'elkan' ? n * k : 0),
      half: f64(at.half, k),
      cc: f64(at.cc, k * k),
      shift: f64(at.shift, k),
      cand: f64(at.cand, (maxTrials + 1) * d),
      candCC: f64(at.candCC, maxTrials * k),
      pSums: f64(at.pSums, nBlocks * k * d),
      pW: f64(at.pW, nBlocks * k),
      pScalar: f64(at.pScalar, nBlocks * maxTrials),
      pFarD: f64(at.pFarD, nBlocks * k),
      pFarI: new Int32Array(buffer, at.pFarI, nBlocks * k),
      pDense: new Int32Array(buffer, at.pDense, nBlocks),
      params: f64(at.params, 10),
      ctrl: new Int32Array(buffer, at.ctrl, 8),
      errorText: new Uint16Array(buffer, at.errorText, 1024),
    };
    this.threads = threads;
    this.wasm = module !== null;
    this.main = kmeansThread(this.S, 0);
    // Workers start first: a worker takes tens of milliseconds to boot, which the copy of X below
    // (a first touch of fresh memory, ~0.1 s at 1M × 12) now hides, so the first round has every thread.
    // They read X only once a round is started (Atomics), after the copy.
    if (shared) this.startWorkers(threads - 1);
    this.S.X.set(X.length === n * d ? X : X.subarray(0, n * d));
    if (w) this.S.w.set(w);
    else this.S.w.fill(1);
  }

  private startWorkers(count: number): void {
    const source = kmeansWorkerSource();
    for (let id = 1; id <= count; id++) {
      try {
        const worker = new Worker(source, { eval: true, workerData: { S: this.S, id } });
        // A worker that fails to start never claims a block: the main thread does its share.
        worker.on('error', () => {});
        worker.unref();
        this.workers.push(worker);
      } catch {
        break;
      }
    }
  }

  /** Run one operation over every block (in parallel when workers run). */
  run(op: number, args?: Parameters<typeof setKMeansOp>[2]): void {
    // The assignment kernel reads the centres transposed (cheap: k × d values, once per round).
    if (op === KMEANS_OP.lloyd || op === KMEANS_OP.hamerly) transposeCentres(this.S);
    setKMeansOp(this.S, op, args);
    this.roundCount++;
    if (this.workers.length === 0) {
      for (let b = 0; b < this.S.nBlocks; b++) runKMeansBlock(this.main, b);
    } else {
      runKMeansRound(this.main);
    }
  }
  /** Sum of the first per-block scalar (changed labels, inertia, potential) in block order. */
  sumScalar(slot = 0): number {
    const { pScalar, nBlocks, maxTrials } = this.S;
    let s = 0;
    for (let b = 0; b < nBlocks; b++) s += pScalar[b * maxTrials + slot]!;
    return s;
  }

  /** Centre sums and weights of the last updating assignment, added in block order. */
  sumCentres(sums: Float64Array, weights: Float64Array): void {
    const { pSums, pW, nBlocks, k, d } = this.S;
    const kd = k * d;
    sums.fill(0);
    weights.fill(0);
    for (let b = 0; b < nBlocks; b++) {
      const so = b * kd;
      for (let q = 0; q < kd; q++) sums[q]! += pSums[so + q]!;
      const wo = b * k;
      for (let j = 0; j < k; j++) weights[j]! += pW[wo + j]!;
    }
  }

  /** The m rows (positive weight) farthest from their own centre, farthest first, lower row first on ties. */
  farthestRows(m: number): { row: number; dist: number }[] {
    this.run(KMEANS_OP.far, { m });
    const { pFarD, pFarI, nBlocks, k } = this.S;
    const all: { row: number; dist: number }[] = [];
    for (let b = 0; b < nBlocks; b++) {
      for (let q = 0; q < m; q++) {
        const row = pFarI[b * k + q]!;
        if (row >= 0) all.push({ row, dist: pFarD[b * k + q]! });
      }
    }
    all.sort((a, b) => b.dist - a.dist || a.row - b.row);
    return all.slice(0, m);
  }

  /**
   * Mean over columns of the (population, unweighted) column variances of X, in one parallel pass:
   * scikit-learn scales `tol` by it. Blocks are added in order, so the value does not depend on threads.
   */
  meanColumnVariance(): number {
    const { n, d, k, nBlocks, pSums } = this.S;
    if (k < 2) {
      // Block b's moments start at b·k·d, which overlaps the next block when k = 1: use the serial pass.
      return meanColumnVariance(this.S.X, n, d);
    }
    this.run(KMEANS_OP.moments);
    const s1 = new Float64Array(d);
    const s2 = new Float64Array(d);
    for (let b = 0; b < nBlocks; b++) {
      const o = b * k * d;
      for (let t = 0; t < d; t++) {
        s1[t]! += pSums[o + t]!;
        s2[t]! += pSums[o + d + t]!;
      }
    }
    let total = 0;
    for (let t = 0; t < d; t++) total += Math.max(0, (s2[t]! - (s1[t]! * s1[t]!) / n) / n);
    return total / d;
  }

  /** Share of blocks the workers ran (0 when no worker ran). */
  workerShare(): number {
    if (this.workers.length === 0 || this.roundCount === 0) return 0;
    return kmeansWorkerBlocks(this.S) / (this.roundCount * this.S.nBlocks);
  }

  close(): void {
    if (this.workers.length === 0) return;
    stopKMeansWorkers(this.S);
    for (const worker of this.workers) void worker.terminate().catch(() => {});
    this.workers.length = 0;
  }
}
