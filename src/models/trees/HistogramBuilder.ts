import { Worker } from 'node:worker_threads';
import type { WasmApi } from '../../core/wasmAssembler';
import type { ColumnSorter } from './BinMapper';
import { compileHistogramWasm } from './histogramWasm';
import { applyTreeBlock, binGoesLeft, findBestSplit, histogramBlocks, histogramFeatures, histogramInto, histogramWorkerMain, logLossGradients, partitionRows, searchBlock, type HistogramKernel, type HistogramShared, type GrownTree, type HistogramSource, type NodeSearch } from './histTreeKernel';

declare const WebAssembly: WasmApi | undefined;

/** Slots of the control words shared with the workers. */
const GEN = 0, NEXT = 1, DONE = 2, NBLOCKS = 3, START = 4, M = 5, WHOLE = 6, SLOT = 7, NF = 8, FAILED = 9, EXIT = 10, JOB = 11, PF = 12, PB = 13, PML = 14, PCAT = 15, PARENT = 16, SIB = 17, EVAL = 18;
/** Below this many rows a node is partitioned on the calling thread (waking a worker costs more). */
const PARTITION_MIN_ROWS = 16_384;
/** Features per block of work: one pass of histogramFeatures over the node's rows. */
const BLOCK = 4;
/** A worker that has not finished its block this long after the calling thread finished its own is given up on. */
const STALL_MS = 60_000;
/** Nodes of a tree `applyTree` can hand to the workers (larger trees are applied on the calling thread). */
const TREE_NODES = 4096;
/** Columns sorted per job for the bin edges (`sort`): a multiple of the usual 2 threads, 8 · 1.6 MB at most. */
const SORT_SLOTS = 8;

/**
 * The boosted trees' histograms, built on `threads` threads: the calling thread and threads − 1 workers
 * claim blocks of four features of a node (an atomic counter) and fill them from shared memory (bin codes,
 * gradients, the node's rows); the calling thread waits for the last block synchronously (Atomics), so the
 * grower stays a plain loop. A feature's histogram is always filled by one thread, rows in order, so the
 * sums are the same bit for bit on any number of threads. Large nodes are partitioned the same way, in
 * chunks of rows (`partition`). Histograms live in a slab of reusable slots
 * (`take`); `reset` frees them all before the next tree. With threads = 1 no worker starts and nothing
 * is shared. Call `close` when done.
 */
export class HistogramBuilder implements HistogramSource, ColumnSorter {
  readonly bins: Uint8Array;
  /** Every row's gradient and hessian, interleaved (g at 2i, h at 2i + 1): the caller writes them before each tree. */
  readonly gh: Float64Array;
  readonly rows: Uint32Array;
  /** Raw scores, labels and weights of the n rows (the caller fills them) and the gradients `gradients` computes from them. */
  readonly raw: Float64Array;
  readonly y: Uint8Array;
  readonly w: Float64Array;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  /** The validation rows' codes (the caller writes them) and raw scores (the caller starts them), for `applyTree`. */
  readonly vBins: Uint8Array;
  readonly vRaw: Float64Array;
  /** Threads that can build (1 = the calling thread alone; fewer than asked when workers failed). */
  threads: number;
  private readonly shared: HistogramShared;
  /** The WebAssembly histogram loop on this thread (null: the JavaScript one). */
  readonly kernel: HistogramKernel | null;
  private workers: Worker[] = [];
  private used = 0;

  /**
   * codes: the bin codes (column-major n · F), or null to write them into `bins` after. sortRows: the longest
   * column `sort` will be given (the bin edges' sample; 0 = none), room for SORT_SLOTS of them is shared with the workers.
   * validationRows: rows of the validation codes `applyTree` scores (their codes go into `vBins`, their raw scores into `vRaw`).
   */
  constructor(codes: Uint8Array | null, n: number, F: number, missingBin: number, slots: number, threads: number, kernel: 'auto' | 'js' = 'auto', sortRows = 0, validationRows = 0) {
    const NB = missingBin + 1;
    const histSize = F * NB * 3;
    const alloc = <T>(make: (b: ArrayBuffer | SharedArrayBuffer) => T, bytes: number): T => make(threads > 1 ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    // What the histogram loop reads and writes (bins, rows, gradients, the slab) in one WebAssembly memory, so
    // the kernel reaches them all; plain buffers when WebAssembly is unavailable or the memory would pass 4 GiB.
    const at = (offset: number, align: number) => Math.ceil(offset / align) * align;
    const rowsAt = at(n * F, 16), ghAt = at(rowsAt + n * 4, 16), slabAt = at(ghAt + n * 16, 16), bytes = slabAt + slots * histSize * 8;
    const pages = Math.ceil(bytes / 65536);
    const module = kernel === 'auto' && pages <= 65536 ? compileHistogramWasm(threads > 1) : null;
    let memory: { readonly buffer: ArrayBuffer | SharedArrayBuffer } | null = null;
    if (module && typeof WebAssembly !== 'undefined') {
      try {
        memory = threads > 1 ? new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }) : new WebAssembly.Memory({ initial: pages });
      } catch {
        memory = null; // not enough address space for one memory this large: plain buffers
      }
    }
    if (memory) {
      this.bins = new Uint8Array(memory.buffer, 0, n * F);
      this.rows = new Uint32Array(memory.buffer, rowsAt, n);
      this.gh = new Float64Array(memory.buffer, ghAt, 2 * n);
    } else {
      this.bins = alloc((b) => new Uint8Array(b), n * F);
      this.gh = alloc((b) => new Float64Array(b), n * 16);
      this.rows = alloc((b) => new Uint32Array(b), n * 4);
    }
    if (codes) this.bins.set(codes);
    this.shared = {
      module: memory ? module : null,
      memory,
      bins: this.bins, n, NB, rows: this.rows, gh: this.gh,
      raw: alloc((b) => new Float64Array(b), n * 8),
      y: alloc((b) => new Uint8Array(b), n),
      w: alloc((b) => new Float64Array(b), n * 8),
      grad: alloc((b) => new Float64Array(b), n * 8),
      hess: alloc((b) => new Float64Array(b), n * 8),
      feats: alloc((b) => new Int32Array(b), Math.max(1, F) * 4),
      slab: memory ? new Float64Array(memory.buffer, slabAt, slots * histSize) : alloc((b) => new Float64Array(b), slots * histSize * 8),
      histSize,
      ctrl: alloc((b) => new Int32Array(b), 32 * 4),
      pl: alloc((b) => new Uint32Array(b), n * 4),
      pr: alloc((b) => new Uint32Array(b), n * 4),
      counts: alloc((b) => new Int32Array(b), 64 * 4),
      words: alloc((b) => new Uint32Array(b), 8 * 4),
      sortVals: alloc((b) => new Float64Array(b), threads > 1 ? SORT_SLOTS * sortRows * 8 : 0),
      nBins: alloc((b) => new Int32Array(b), F * 4),
      isCat: alloc((b) => new Uint8Array(b), F),
      sums: alloc((b) => new Float64Array(b), 9 * 8),
      bests: alloc((b) => new Float64Array(b), Math.max(1, 2 * F * 7) * 8),
      bestCats: alloc((b) => new Uint32Array(b), Math.max(1, 2 * F * 8) * 4),
      tree: {
        feature: alloc((b) => new Int32Array(b), TREE_NODES * 4),
        bin: alloc((b) => new Int32Array(b), TREE_NODES * 4),
        missingLeft: alloc((b) => new Uint8Array(b), TREE_NODES),
        left: alloc((b) => new Int32Array(b), TREE_NODES * 4),
        right: alloc((b) => new Int32Array(b), TREE_NODES * 4),
        catSet: alloc((b) => new Int32Array(b), TREE_NODES * 4),
        catWords: alloc((b) => new Uint32Array(b), TREE_NODES * 8 * 4),
        value: alloc((b) => new Float64Array(b), TREE_NODES * 8),
        nodeStart: alloc((b) => new Int32Array(b), TREE_NODES * 4),
        nodeEnd: alloc((b) => new Int32Array(b), TREE_NODES * 4),
        nodes: alloc((b) => new Int32Array(b), 4),
      },
      vBins: alloc((b) => new Uint8Array(b), validationRows * F),
      vRaw: alloc((b) => new Float64Array(b), validationRows * 8),
    };
    ({ vBins: this.vBins, vRaw: this.vRaw } = this.shared);
    ({ raw: this.raw, y: this.y, w: this.w, grad: this.grad, hess: this.hess } = this.shared);
    this.kernel = memory && module && typeof WebAssembly !== 'undefined' ? (new WebAssembly.Instance(module, { env: { mem: memory } }).exports as unknown as HistogramKernel) : null;
    this.threads = threads;
    if (threads > 1) {
      const source = histogramWorkerSource();
      try {
        for (let k = 1; k < threads; k++) {
          const w = new Worker(source, { eval: true, workerData: this.shared });
          // A worker that fails to start never claims a block: the calling thread builds them all.
          w.on('error', () => undefined);
          w.unref();
          this.workers.push(w);
        }
      } catch {
        this.threads = 1 + this.workers.length;
      }
    }
  }

  /** Columns `sort` takes at once: SORT_SLOTS with workers (and room for them), else 1 (the caller then sorts itself). */
  get slots(): number {
    return this.workers.length > 0 && this.shared.sortVals.length > 0 ? SORT_SLOTS : 1;
  }

  /** Room for `slots` columns of `rows` values (column c at c · rows …), rows ≤ the constructor's sortRows. */
  values(rows: number): Float64Array {
    return this.shared.sortVals.subarray(0, SORT_SLOTS * rows);
  }

  /** Sort the first `count` columns of `values(rows)` in place, one column per block on the threads. */
  sort(count: number, rows: number): void {
    const s = this.shared;
    if (this.workers.length > 0) {
      const c = s.ctrl;
      Atomics.store(c, NEXT, 1 << 30);
      Atomics.store(c, JOB, 3);
      Atomics.store(c, NBLOCKS, count);
      Atomics.store(c, START, 0);
      Atomics.store(c, M, rows);
      if (this.run(count)) return;
      void this.close();
    }
    // Without workers (or after one failed): here. Sorting a column again is harmless.
    for (let b = 0; b < count; b++) s.sortVals.subarray(b * rows, (b + 1) * rows).sort();
  }

  /** What `search` needs besides the histograms: each feature's bin count and categorical flag, and the split limits. */
  splitParams(nBins: Int32Array, isCat: Uint8Array, lambda: number, minSamplesLeaf: number, minHessian: number): void {
    const s = this.shared;
    s.nBins.set(nBins);
    s.isCat.set(isCat);
    s.sums[6] = lambda;
    s.sums[7] = minSamplesLeaf;
    s.sums[8] = minHessian;
  }

  /**
   * The fused step of HistogramSource.search: per block of four features (on the threads when hist, parent and sib
   * are slab slots) the node's histograms, the sibling's by subtraction and each feature's best split (searchBlock);
   * then here each node's best over the features in their order, with findBestSplit's comparison, so the split is
   * the one a search over all features at once finds.
   */
  search(start: number, end: number, feats: Int32Array, nf: number, hist: Float64Array, parent: Float64Array | null, sib: Float64Array | null, self: NodeSearch | null, sibling: NodeSearch | null): void {
    const s = this.shared, sp = s.sums;
    const n = s.n, m = end - start, whole = m === n ? 1 : 2;
    let flags = 4;
    if (self) {
      sp[0] = self.G; sp[1] = self.H; sp[2] = self.C;
      flags |= 1;
    }
    if (sibling) {
      sp[3] = sibling.G; sp[4] = sibling.H; sp[5] = sibling.C;
      flags |= 2;
    }
    const slotOf = (h: Float64Array | null): number => (h !== null && h.buffer === s.slab.buffer ? (h.byteOffset - s.slab.byteOffset) / 8 / s.histSize : -1);
    const hs = slotOf(hist), ps = slotOf(parent), ss = slotOf(sib);
    let done = false;
    if (this.workers.length > 0 && nf > BLOCK && hs >= 0 && (parent === null || (ps >= 0 && ss >= 0))) {
      const c = s.ctrl;
      const nBlocks = this.writeJob(feats, nf, start, m, whole, hs);
      Atomics.store(c, PARENT, parent === null ? -1 : ps);
      Atomics.store(c, SIB, ss);
      Atomics.store(c, EVAL, flags);
      Atomics.store(c, JOB, 0);
      done = this.run(nBlocks);
      Atomics.store(c, EVAL, 0);
      // A worker failed on its block: every block writes only hist, sib and the bests, so the node is redone here.
      if (!done) void this.close();
    }
    if (!done) searchBlock(s, this.kernel, start, m, whole, feats, 0, nf, hist, parent, sib, flags);
    const F = s.nBins.length;
    const reduce = (node: NodeSearch, at: number): void => {
      const { best, cat } = node;
      best[0] = -1;
      for (let q = 0; q < nf; q++) {
        const f = feats[q]!;
        const r = (at + q) * 7;
        const gain = s.bests[r]!;
        if (gain > best[0]! || (gain === best[0]! && f < best[1]!)) {
          for (let k = 0; k < 7; k++) best[k] = s.bests[r + k]!;
          if (s.isCat[f] === 1) for (let k = 0; k < 8; k++) cat[k] = s.bestCats[(at + q) * 8 + k]!;
        }
      }
    };
    if (self) reduce(self, 0);
    if (sibling) reduce(sibling, F);
  }

  /**
   * The control words of a job over the features feats[0 … nf) of rows[start … start + m) into histogram slot
   * `slot`; returns its number of blocks. The counter is closed while the job is written (a late worker's
   * claim then finds nothing); `run` opens it.
   */
  private writeJob(feats: Int32Array, nf: number, start: number, m: number, whole: number, slot: number): number {
    const s = this.shared;
    const c = s.ctrl;
    const nBlocks = Math.ceil(nf / BLOCK);
    Atomics.store(c, NEXT, 1 << 30);
    s.feats.set(feats.subarray(0, nf));
    Atomics.store(c, NF, nf);
    Atomics.store(c, NBLOCKS, nBlocks);
    Atomics.store(c, START, start);
    Atomics.store(c, M, m);
    Atomics.store(c, WHOLE, whole);
    Atomics.store(c, SLOT, slot);
    return nBlocks;
  }

  /** Free every histogram slot (the next tree starts). */
  reset(): void {
    this.used = 0;
  }

  /** A histogram of F · (missingBin + 1) · 3 values: a slot of the slab, or a fresh array when all are taken. */
  take(): Float64Array {
    const { slab, histSize } = this.shared;
    if ((this.used + 1) * histSize > slab.length) return new Float64Array(histSize);
    const h = slab.subarray(this.used * histSize, (this.used + 1) * histSize);
    this.used++;
    return h;
  }

  /** Fill `hist` (zeroed first) for the features feats[0 … nf) over rows[start … end) of `this.rows`. */
  build(start: number, end: number, feats: Int32Array, nf: number, hist: Float64Array): void {
    const s = this.shared;
    const { n } = s;
    const m = end - start;
    const whole = m === n ? 1 : 2;
    const inSlab = hist.buffer === s.slab.buffer;
    if (this.workers.length === 0 || !inSlab || nf <= BLOCK) {
      histogramInto(s, this.kernel, start, m, whole, feats, 0, nf, hist);
      return;
    }
    const c = s.ctrl;
    const nBlocks = this.writeJob(feats, nf, start, m, whole, (hist.byteOffset - s.slab.byteOffset) / 8 / s.histSize);
    Atomics.store(c, JOB, 0);
    if (!this.run(nBlocks)) {
      // A worker failed on its block: build this node here, and the rest of the fit without workers.
      void this.close();
      histogramInto(s, this.kernel, start, m, whole, feats, 0, nf, hist);
    }
  }

  /** The log loss's gradients of every row from raw, y and w into grad, hess and gh (in chunks of rows on the threads when large). */
  gradients(): void {
    const s = this.shared;
    const chunks = this.workers.length > 0 && s.n >= PARTITION_MIN_ROWS ? this.threads : 1;
    if (chunks > 1) {
      const c = s.ctrl;
      Atomics.store(c, NEXT, 1 << 30);
      Atomics.store(c, JOB, 2);
      Atomics.store(c, NBLOCKS, chunks);
      Atomics.store(c, START, 0);
      Atomics.store(c, M, s.n);
      if (this.run(chunks)) return;
      void this.close();
    }
    logLossGradients(s.raw, s.y, s.w, s.grad, s.hess, s.gh, 0, s.n);
  }

  /** Stable partition of rows[start … end) in place by a split (see HistogramSource); returns the end of the left rows. */
  partition(start: number, end: number, f: number, bin: number, missingLeft: number, isCat: number, words: Uint32Array): number {
    const s = this.shared;
    const m = end - start;
    const chunks = this.workers.length > 0 && m >= PARTITION_MIN_ROWS ? Math.min(s.counts.length, this.threads) : 1;
    if (chunks > 1) {
      const c = s.ctrl;
      Atomics.store(c, NEXT, 1 << 30);
      if (isCat === 1) s.words.set(words.subarray(0, 8));
      Atomics.store(c, JOB, 1);
      Atomics.store(c, NBLOCKS, chunks);
      Atomics.store(c, START, start);
      Atomics.store(c, M, m);
      Atomics.store(c, PF, f);
      Atomics.store(c, PB, bin);
      Atomics.store(c, PML, missingLeft);
      Atomics.store(c, PCAT, isCat);
      if (!this.run(chunks)) {
        // A worker failed on its chunk (rows is untouched until the copy below): partition here, and from now on.
        void this.close();
        return this.partition(start, end, f, bin, missingLeft, isCat, words);
      }
    } else s.counts[0] = partitionRows(s.bins, s.n, s.NB - 1, s.rows, start, end, f, bin, missingLeft, isCat, isCat === 1 ? words : s.words, s.pl, s.pr);
    // Left rows of every chunk in chunk order, then the right rows: the order one pass over the node would give.
    let at = start;
    for (let b = 0; b < chunks; b++) {
      const from = start + Math.floor((b * m) / chunks);
      s.rows.set(s.pl.subarray(from, from + s.counts[b]!), at);
      at += s.counts[b]!;
    }
    const left = at;
    for (let b = 0; b < chunks; b++) {
      const from = start + Math.floor((b * m) / chunks), to = start + Math.floor(((b + 1) * m) / chunks);
      s.rows.set(s.pr.subarray(from, from + (to - from - s.counts[b]!)), at);
      at += to - from - s.counts[b]!;
    }
    return left;
  }

  /**
   * Open the job written into the control words (nBlocks blocks) to the workers, take blocks here too, and
   * wait until all are done; false when a worker failed on its block (the job must be redone without workers).
   */
  private run(nBlocks: number): boolean {
    const s = this.shared, c = s.ctrl;
    Atomics.store(c, DONE, 0);
    Atomics.store(c, NEXT, 0);
    Atomics.add(c, GEN, 1);
    Atomics.notify(c, GEN);
    histogramBlocks(s, this.kernel);
    const since = performance.now();
    let done: number;
    while ((done = Atomics.load(c, DONE)) < nBlocks) {
      if (performance.now() - since > STALL_MS) throw new Error('HistGradientBoosting: a histogram worker thread stopped responding');
      Atomics.wait(c, DONE, done, 1000);
    }
    if (Atomics.load(c, FAILED) === 1) {
      Atomics.store(c, FAILED, 0);
      return false;
    }
    return true;
  }

  /**
   * Add a grown tree's leaf values (`value`, per node) to the raw scores: every row of `rows`[0 … n) (the tree
   * must have grown on all n rows) and, with `validation`, every validation row of vBins into vRaw — in chunks on
   * the threads. Returns false (nothing done) when there are no workers or the tree is too large to share: the caller adds them itself.
   */
  applyTree(g: GrownTree, value: Float64Array, validation: boolean): boolean {
    const s = this.shared, t = s.tree, K = g.feature.length;
    if (this.workers.length === 0 || K > TREE_NODES || g.catWords.length > t.catWords.length || g.nodeEnd[0] !== s.n) return false;
    t.feature.set(g.feature);
    t.bin.set(g.bin);
    t.missingLeft.set(g.missingLeft);
    t.left.set(g.left);
    t.right.set(g.right);
    t.catSet.set(g.catSet);
    t.catWords.set(g.catWords);
    t.value.set(value);
    t.nodeStart.set(g.nodeStart);
    t.nodeEnd.set(g.nodeEnd);
    t.nodes[0] = K;
    const nbT = 2 * this.threads, nb = nbT + (validation && s.vRaw.length > 0 ? this.threads : 0);
    const c = s.ctrl;
    Atomics.store(c, NEXT, 1 << 30);
    Atomics.store(c, JOB, 4);
    Atomics.store(c, NBLOCKS, nb);
    Atomics.store(c, PF, nbT);
    // Each score is added to once: a block that failed part-way cannot be redone, so a failure ends the fit.
    if (!this.run(nb)) throw new Error('HistGradientBoosting: a worker thread failed while adding a tree to the raw scores');
    return true;
  }

  /** Stop the workers. */
  async close(): Promise<void> {
    const workers = this.workers;
    if (workers.length === 0) return;
    this.workers = [];
    this.threads = 1;
    Atomics.store(this.shared.ctrl, EXIT, 1);
    Atomics.add(this.shared.ctrl, GEN, 1);
    Atomics.notify(this.shared.ctrl, GEN);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Source text of a histogram worker: the kernel's histogram loop, the claim loop and the worker loop on workerData. */
export function histogramWorkerSource(): string {
  // Test runners that keep function names (esbuild keepNames) may wrap functions in __name(...).
  return [
    'var __name = (f) => f;',
    ...[histogramFeatures, histogramInto, partitionRows, logLossGradients, findBestSplit, searchBlock, binGoesLeft, applyTreeBlock, histogramBlocks, histogramWorkerMain].map((f) => f.toString()),
    `const { workerData } = require('node:worker_threads');`,
    `${histogramWorkerMain.name}(workerData);`,
  ].join('\n');
}
