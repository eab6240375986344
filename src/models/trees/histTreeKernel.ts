/*
 * The histogram tree grower shared by gradient boosting and the random forest. Every function here is
 * self-contained (no imports at run time, constants inside the functions) because the forest's worker
 * threads run their source text (forestWorkerSource): the same code grows a tree in a worker, in the
 * compiled build or under a test runner.
 */

import type { WasmApi } from '../../core/wasmAssembler';

declare const WebAssembly: WasmApi | undefined;

/** Binned training data and the per-row statistics one tree is grown on. */
export interface GrowData {
  /** Bin code per cell, column-major (feature f's codes at f·n … f·n + n − 1); the code `missingBin` is a missing value. */
  bins: Uint8Array;
  n: number;
  F: number;
  /** The same codes row-major (row i's at i·F … i·F + F − 1), for the forest's many small nodes; may be empty for boosting. */
  rowBins: Uint8Array;
  /** Non-missing bins of each feature (codes 0 … nBins[f] − 1). */
  nBins: Int32Array;
  /** 1 for a categorical feature (its codes are levels, split by sets), else 0. */
  isCat: Uint8Array;
  /** The code of a missing value; a histogram has missingBin + 1 slots per feature. */
  missingBin: number;
  /** 1 when every weight is 1 (covers are row counts); optional. */
  unitWeights?: number;
  /** Gradient, hessian and cover weight per row (boosting: of the log loss; forest: w·y, w, w). */
  grad: Float64Array;
  hess: Float64Array;
  weight: Float64Array;
}

export interface GrowParams {
  /** 0 = boosting (best-first, leaf value −G/(H+λ), histogram subtraction); 1 = forest (depth-first, leaf value G/H). */
  mode: number;
  maxDepth: number;
  /** 0 = no limit. */
  maxLeafNodes: number;
  minSamplesLeaf: number;
  minHessian: number;
  lambda: number;
  /** The columns this tree may split on. */
  features: Int32Array;
  /** Features drawn per split (forest); 0 = every one of `features`. */
  mtry: number;
}

/** A grown tree in bin space: node arrays (a leaf has feature −1) and each node's range of `rows`. */
export interface GrownTree {
  feature: Int32Array;
  bin: Int32Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;
  /** Index into catWords (8 words per set of left-going levels) for a categorical split, else −1. */
  catSet: Int32Array;
  catWords: Uint32Array;
  /** The tree's rows, permuted so that node k owns rows[nodeStart[k] … nodeEnd[k]). */
  rows: Uint32Array;
  nodeStart: Int32Array;
  nodeEnd: Int32Array;
}

/** sfc32 state from a 32-bit seed through splitmix32 (the algorithm of core/rng, inlined for the workers). */
export function kernelRng(seed: number): Uint32Array {
  const st = new Uint32Array(4);
  let s = seed >>> 0;
  for (let k = 0; k < 4; k++) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    st[k] = (z ^ (z >>> 16)) >>> 0;
  }
  for (let k = 0; k < 12; k++) kernelRngNext(st);
  return st;
}

export function kernelRngNext(st: Uint32Array): number {
  const a = st[0]!, b = st[1]!, c = st[2]!, d = st[3]!;
  const t = (((a + b) >>> 0) + d) >>> 0;
  st[3] = (d + 1) >>> 0;
  st[0] = b ^ (b >>> 9);
  st[1] = (c + (c << 3)) >>> 0;
  const c2 = ((c << 21) | (c >>> 11)) >>> 0;
  st[2] = (c2 + t) >>> 0;
  return t;
}

/** Uniform integer in [0, k). */
export function kernelRngInt(st: Uint32Array, k: number): number {
  return Math.floor((kernelRngNext(st) / 4294967296) * k);
}

/**
 * Add the rows rows[start … end) into the histogram slots (g, h, count) of the listed features (zeroed
 * first): the node's gradients gathered once into ogh (interleaved g, h: 2·(end − start) values), then
 * histogramFeatures fills the features.
 */
export function buildHistogram(d: GrowData, rows: Uint32Array, start: number, end: number, feats: Int32Array, nf: number, hist: Float64Array, ogh: Float64Array): void {
  const { grad, hess } = d;
  const m = end - start;
  for (let k = 0; k < m; k++) {
    const i = rows[start + k]!;
    ogh[2 * k] = grad[i]!;
    ogh[2 * k + 1] = hess[i]!;
  }
  histogramFeatures(d.bins, d.n, d.missingBin + 1, rows, start, m, 0, ogh, feats, 0, nf, hist);
}

/**
 * The histograms of features feats[q0 … q1) over rows[start … start + m) (all n rows in index order when
 * whole is 1), from interleaved gradients gh (g, h of the k-th row at 2k, 2k + 1: gathered for the node,
 * or every row's when whole). Four features per pass over the rows: the row index and its gradient pair
 * (one 16-byte load) are read once for four histograms (24 KB, still in L1) — together about twice as fast
 * here as one feature per pass over separate g and h arrays. Every bin adds its rows in row order however
 * the features are grouped, so the sums do not depend on the grouping (nor on which thread fills which features).
 */
export function histogramFeatures(bins: Uint8Array, n: number, NB: number, rows: Uint32Array, start: number, m: number, whole: number, gh: Float64Array, feats: Int32Array, q0: number, q1: number, hist: Float64Array): void {
  const S = NB * 3;
  let q = q0;
  for (; q + 4 <= q1; q += 4) {
    const f0 = feats[q]!, f1 = feats[q + 1]!, f2 = feats[q + 2]!, f3 = feats[q + 3]!;
    const o0 = f0 * S, o1 = f1 * S, o2 = f2 * S, o3 = f3 * S;
    hist.fill(0, o0, o0 + S);
    hist.fill(0, o1, o1 + S);
    hist.fill(0, o2, o2 + S);
    hist.fill(0, o3, o3 + S);
    const c0 = f0 * n, c1 = f1 * n, c2 = f2 * n, c3 = f3 * n;
    // whole 1: every row in index order; 0: the node's rows with their gradients gathered at k; 2: the node's
    // rows with the gradients read in place. (Separate copies per mode measured no faster: V8 hoists the tests.)
    for (let k = 0; k < m; k++) {
      const i = whole === 1 ? k : rows[start + k]!;
      const j = whole === 2 ? i : k;
      const gk = gh[2 * j]!, hk = gh[2 * j + 1]!;
      let p = o0 + bins[c0 + i]! * 3;
      hist[p] += gk;
      hist[p + 1] += hk;
      hist[p + 2] += 1;
      p = o1 + bins[c1 + i]! * 3;
      hist[p] += gk;
      hist[p + 1] += hk;
      hist[p + 2] += 1;
      p = o2 + bins[c2 + i]! * 3;
      hist[p] += gk;
      hist[p + 1] += hk;
      hist[p + 2] += 1;
      p = o3 + bins[c3 + i]! * 3;
      hist[p] += gk;
      hist[p + 1] += hk;
      hist[p + 2] += 1;
    }
  }
  for (; q < q1; q++) {
    const o = feats[q]! * S;
    hist.fill(0, o, o + S);
    const col = feats[q]! * n;
    for (let k = 0; k < m; k++) {
      const i = whole === 1 ? k : rows[start + k]!;
      const j = whole === 2 ? i : k;
      const p = o + bins[col + i]! * 3;
      hist[p] += gh[2 * j]!;
      hist[p + 1] += gh[2 * j + 1]!;
      hist[p + 2] += 1;
    }
  }
}

/**
 * The log loss's gradient and hessian of rows from … to − 1 (weighted): grad, hess, and interleaved into gh.
 * Each row on its own, so the numbers do not depend on how the rows are split between threads.
 */
export function logLossGradients(raw: Float64Array, y: Uint8Array, w: Float64Array, grad: Float64Array, hess: Float64Array, gh: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const pr = 1 / (1 + Math.exp(-raw[i]!));
    const wi = w[i]!;
    const g = wi * (pr - y[i]!), h = wi * pr * (1 - pr);
    grad[i] = g;
    hess[i] = h;
    gh[2 * i] = g;
    gh[2 * i + 1] = h;
  }
}

/**
 * Claim blocks of the current job until none is left; run by the calling thread and every worker.
 * Job 0: block b fills the histograms of features 4b … 4b + 3 into the job's slot (with EVAL set: searchBlock,
 * the sibling's histograms and both nodes' best splits of those features too). Job 1: block b
 * partitions chunk b of the node's rows (left rows to pl, right rows to pr at the chunk's own offsets;
 * its left count to counts[b]). Job 2: block b computes the gradients of chunk b of the rows. Job 3: block b sorts
 * column b of sortVals (M values each). Job 4: applyTreeBlock (a grown tree added to the raw scores). Self-contained (the workers run its source text).
 */
export function histogramBlocks(s: HistogramShared, kernel: HistogramKernel | null): void {
  const c = s.ctrl;
  const BLOCK_ = 4, NEXT_ = 1, DONE_ = 2, NBLOCKS_ = 3, START_ = 4, M_ = 5, WHOLE_ = 6, SLOT_ = 7, NF_ = 8, FAILED_ = 9, JOB_ = 11, PF_ = 12, PB_ = 13, PML_ = 14, PCAT_ = 15, PARENT_ = 16, SIB_ = 17, EVAL_ = 18;
  for (;;) {
    const b = Atomics.add(c, NEXT_, 1);
    const nb = Atomics.load(c, NBLOCKS_);
    if (b >= nb) return;
    try {
      const start = Atomics.load(c, START_), m = Atomics.load(c, M_);
      const job = Atomics.load(c, JOB_);
      if (job === 4) {
        applyTreeBlock(s, b, Atomics.load(c, PF_), nb);
      } else if (job === 3) {
        s.sortVals.subarray(b * m, (b + 1) * m).sort();
      } else if (job === 2) {
        logLossGradients(s.raw, s.y, s.w, s.grad, s.hess, s.gh, start + Math.floor((b * m) / nb), start + Math.floor(((b + 1) * m) / nb));
      } else if (job === 1) {
        const from = start + Math.floor((b * m) / nb), to = start + Math.floor(((b + 1) * m) / nb);
        s.counts[b] = partitionRows(s.bins, s.n, s.NB - 1, s.rows, from, to, Atomics.load(c, PF_), Atomics.load(c, PB_), Atomics.load(c, PML_), Atomics.load(c, PCAT_), s.words, s.pl, s.pr);
      } else {
        const nf = Atomics.load(c, NF_), whole = Atomics.load(c, WHOLE_), slot = Atomics.load(c, SLOT_), flags = Atomics.load(c, EVAL_);
        const at = (k: number): Float64Array => s.slab.subarray(k * s.histSize, (k + 1) * s.histSize);
        if (flags === 0) histogramInto(s, kernel, start, m, whole, s.feats, b * BLOCK_, Math.min(nf, (b + 1) * BLOCK_), at(slot));
        else {
          const ps = Atomics.load(c, PARENT_);
          searchBlock(s, kernel, start, m, whole, s.feats, b * BLOCK_, Math.min(nf, (b + 1) * BLOCK_), at(slot), ps >= 0 ? at(ps) : null, ps >= 0 ? at(Atomics.load(c, SIB_)) : null, flags);
        }
      }
    } catch {
      Atomics.store(c, FAILED_, 1);
    }
    Atomics.add(c, DONE_, 1);
    Atomics.notify(c, DONE_);
  }
}

/**
 * Split rows[from … to) by feature f's code (≤ bin, or in the level set `words` when isCat; missing codes
 * the side missingLeft says): left rows to pl[from …], right rows to pr[from …], both in row order;
 * returns the left count.
 */
export function partitionRows(bins: Uint8Array, n: number, missingBin: number, rows: Uint32Array, from: number, to: number, f: number, bin: number, missingLeft: number, isCat: number, words: Uint32Array, pl: Uint32Array, pr: Uint32Array): number {
  const col = f * n;
  let l = from, r = from;
  // Without a branch on the data (a split sends rows either way about evenly, so a branch is mispredicted
  // often): every row is written to both sides and only its own side's cursor moves on.
  if (isCat === 1) {
    for (let k = from; k < to; k++) {
      const i = rows[k]!;
      const code = bins[col + i]!;
      const left = code === missingBin ? missingLeft : (words[code >>> 5]! >>> (code & 31)) & 1;
      pl[l] = i;
      pr[r] = i;
      l += left;
      r += 1 - left;
    }
  } else {
    // The missing code is above every split bin, so `code <= bin` is 0 for it; missingLeft adds it back.
    for (let k = from; k < to; k++) {
      const i = rows[k]!;
      const code = bins[col + i]!;
      const left = +(code <= bin) | (+(code === missingBin) & missingLeft);
      pl[l] = i;
      pr[r] = i;
      l += left;
      r += 1 - left;
    }
  }
  return l - from;
}

/** A worker's loop: build blocks when the generation moves, until told to exit. */
export function histogramWorkerMain(s: HistogramShared): void {
  const GEN_ = 0, EXIT_ = 10;
  // The worker's own instance of the histogram module on the shared memory (null: the JavaScript loop).
  const kernel = s.module && s.memory && typeof WebAssembly !== 'undefined' ? (new WebAssembly.Instance(s.module, { env: { mem: s.memory } }).exports as unknown as HistogramKernel) : null;
  for (;;) {
    const gen = Atomics.load(s.ctrl, GEN_);
    if (Atomics.load(s.ctrl, EXIT_) === 1) return;
    histogramBlocks(s, kernel);
    Atomics.wait(s.ctrl, GEN_, gen);
  }
}

/** The exports of histogramWasm's module (pointers in bytes into the memory bins, rows, gh and the slab live in). */
export interface HistogramKernel {
  hist4(rows: number, start: number, m: number, whole: number, gh: number, c0: number, c1: number, c2: number, c3: number, o0: number, o1: number, o2: number, o3: number): void;
  hist1(rows: number, start: number, m: number, whole: number, gh: number, c0: number, o0: number): void;
}

/**
 * histogramFeatures on the WebAssembly kernel when there is one and `hist` lives in its memory (a slab slot),
 * else on the JavaScript loop: the same sums in the same order either way. Self-contained (workers run its source).
 */
export function histogramInto(s: HistogramShared, kernel: HistogramKernel | null, start: number, m: number, whole: number, feats: Int32Array, q0: number, q1: number, hist: Float64Array): void {
  if (kernel === null || hist.buffer !== s.bins.buffer) {
    histogramFeatures(s.bins, s.n, s.NB, s.rows, start, m, whole, s.gh, feats, q0, q1, hist);
    return;
  }
  const S = s.NB * 3, n = s.n;
  const rb = s.rows.byteOffset, gb = s.gh.byteOffset, bb = s.bins.byteOffset, hb = hist.byteOffset;
  let q = q0;
  for (; q + 4 <= q1; q += 4) {
    const f0 = feats[q]!, f1 = feats[q + 1]!, f2 = feats[q + 2]!, f3 = feats[q + 3]!;
    hist.fill(0, f0 * S, f0 * S + S);
    hist.fill(0, f1 * S, f1 * S + S);
    hist.fill(0, f2 * S, f2 * S + S);
    hist.fill(0, f3 * S, f3 * S + S);
    kernel.hist4(rb, start, m, whole, gb, bb + f0 * n, bb + f1 * n, bb + f2 * n, bb + f3 * n, hb + f0 * S * 8, hb + f1 * S * 8, hb + f2 * S * 8, hb + f3 * S * 8);
  }
  for (; q < q1; q++) {
    const f = feats[q]!;
    hist.fill(0, f * S, f * S + S);
    kernel.hist1(rb, start, m, whole, gb, bb + f * n, hb + f * S * 8);
  }
}

/** What histogram worker threads share with the calling thread (views on SharedArrayBuffers; see HistogramBuilder). */
export interface HistogramShared {
  /** The histogram module and the shared WebAssembly memory bins, rows, gh and slab live in (null: plain buffers, the JavaScript loop). */
  module: object | null;
  memory: object | null;
  bins: Uint8Array;
  n: number;
  NB: number;
  rows: Uint32Array;
  /** Every row's gradient and hessian, interleaved (2n values). */
  gh: Float64Array;
  /** Boosting's raw scores, labels and weights (n each), read by the gradient job, which writes grad, hess and gh. */
  raw: Float64Array;
  y: Uint8Array;
  w: Float64Array;
  grad: Float64Array;
  hess: Float64Array;
  feats: Int32Array;
  /** Histogram slots of histSize values each. */
  slab: Float64Array;
  histSize: number;
  /** Control words: generation, block counter, blocks done, the job (see HistogramBuilder). */
  ctrl: Int32Array;
  /** A partition's left and right rows per chunk (n each), its left count per chunk, and the level set of a categorical split. */
  pl: Uint32Array;
  pr: Uint32Array;
  counts: Int32Array;
  words: Uint32Array;
  /** Columns of values the sort job sorts (the bin edges'; see HistogramBuilder.sort), empty without workers. */
  sortVals: Float64Array;
  /** For searchBlock: each feature's bin count and categorical flag (F each), [G, H, C] of the node and of its sibling, λ, minSamplesLeaf, minHessian. */
  nBins: Int32Array;
  isCat: Uint8Array;
  sums: Float64Array;
  /** Best split per position q of feats: the node's at q·7 (levels at q·8), its sibling's at (F + q)·7 (at (F + q)·8). */
  bests: Float64Array;
  bestCats: Uint32Array;
  /** The tree job 4 adds to the raw scores (node arrays as GrownTree's, up to their capacity), its node count in nodes[0]. */
  tree: { feature: Int32Array; bin: Int32Array; missingLeft: Uint8Array; left: Int32Array; right: Int32Array; catSet: Int32Array; catWords: Uint32Array; value: Float64Array; nodeStart: Int32Array; nodeEnd: Int32Array; nodes: Int32Array };
  /** The validation rows' codes (column-major, nv rows) and raw scores (empty without validation rows). */
  vBins: Uint8Array;
  vRaw: Float64Array;
}

/**
 * Block b of job 4: blocks 0 … nbT − 1 add each leaf's value to the raw score of its rows whose positions in
 * `rows` fall in chunk b of 0 … n (every row of the tree is in exactly one leaf); blocks nbT … nb − 1 walk chunk
 * b − nbT of the validation rows down the tree (in bin space) and add their leaf's value to vRaw. Each score
 * gets one addition of the same value whichever thread makes it. Self-contained (workers run its source).
 */
export function applyTreeBlock(s: HistogramShared, b: number, nbT: number, nb: number): void {
  const t = s.tree, K = t.nodes[0]!;
  if (b < nbT) {
    const lo = Math.floor((b * s.n) / nbT), hi = Math.floor(((b + 1) * s.n) / nbT);
    for (let k = 0; k < K; k++) {
      if (t.feature[k]! >= 0) continue;
      const v = t.value[k]!;
      const a = Math.max(lo, t.nodeStart[k]!), z = Math.min(hi, t.nodeEnd[k]!);
      for (let q = a; q < z; q++) s.raw[s.rows[q]!] += v;
    }
    return;
  }
  const nv = s.vRaw.length, nbV = nb - nbT, mb = s.NB - 1;
  const lo = Math.floor(((b - nbT) * nv) / nbV), hi = Math.floor(((b - nbT + 1) * nv) / nbV);
  for (let i = lo; i < hi; i++) {
    let k = 0;
    while (t.feature[k]! >= 0) {
      const cs = t.catSet[k]!;
      k = binGoesLeft(s.vBins[t.feature[k]! * nv + i]!, mb, cs >= 0 ? 1 : 0, t.bin[k]!, t.missingLeft[k]!, t.catWords, cs >= 0 ? cs * 8 : 0) ? t.left[k]! : t.right[k]!;
    }
    s.vRaw[i] += t.value[k]!;
  }
}

/**
 * Features feats[q0 … q1) of one node, in one go per block: the node's histograms into hist (as histogramInto);
 * with a parent, the sibling's as parent − hist into sib (the subtraction trick, per value as the whole-array loop
 * did; the parent stays as it was, so a block can be redone); then, as flags ask (1 the node, 2 the sibling), each
 * feature's best split on its own (findBestSplit over that one feature) into s.bests / s.bestCats. Self-contained (workers run its source).
 */
export function searchBlock(s: HistogramShared, kernel: HistogramKernel | null, start: number, m: number, whole: number, feats: Int32Array, q0: number, q1: number, hist: Float64Array, parent: Float64Array | null, sib: Float64Array | null, flags: number): void {
  histogramInto(s, kernel, start, m, whole, feats, q0, q1, hist);
  const S = s.NB * 3, F = s.nBins.length, sp = s.sums;
  const d = { missingBin: s.NB - 1, nBins: s.nBins, isCat: s.isCat };
  const p = { lambda: sp[6]!, minSamplesLeaf: sp[7]!, minHessian: sp[8]! };
  for (let q = q0; q < q1; q++) {
    const f = feats[q]!;
    const one = feats.subarray(q, q + 1);
    if (parent !== null && sib !== null) for (let t = f * S; t < f * S + S; t++) sib[t] = parent[t]! - hist[t]!;
    if ((flags & 1) !== 0) findBestSplit(d, p, hist, one, 1, sp[0]!, sp[1]!, sp[2]!, s.bests.subarray(q * 7, q * 7 + 7), s.bestCats.subarray(q * 8, q * 8 + 8));
    if ((flags & 2) !== 0 && sib !== null) findBestSplit(d, p, sib, one, 1, sp[3]!, sp[4]!, sp[5]!, s.bests.subarray((F + q) * 7, (F + q) * 7 + 7), s.bestCats.subarray((F + q) * 8, (F + q) * 8 + 8));
  }
}

/** A node's sums and where its best split goes (HistogramSource.search). */
export interface NodeSearch {
  G: number;
  H: number;
  C: number;
  best: Float64Array;
  cat: Uint32Array;
}

/** Where boosting takes its histograms from and has them built (HistogramBuilder: reused slots, worker threads). */
export interface HistogramSource {
  /** Free every slot (called as a tree starts). */
  reset(): void;
  take(): Float64Array;
  /** Fill hist for feats[0 … nf) over rows[start … end) of the rows array the tree grows on. */
  build(start: number, end: number, feats: Int32Array, nf: number, hist: Float64Array): void;
  /**
   * Optional, the builder's fused step: build hist over rows[start … end) and, with a parent, sib = parent − hist;
   * then the best split over feats[0 … nf) of the node (`self`) and of the sibling (`sibling`) where given, into
   * their best / cat as findBestSplit would fill them.
   */
  search?(start: number, end: number, feats: Int32Array, nf: number, hist: Float64Array, parent: Float64Array | null, sib: Float64Array | null, self: NodeSearch | null, sibling: NodeSearch | null): void;
  /** Stable partition of rows[start … end) in place (left rows first, each side in row order); returns the end of the left rows. */
  partition(start: number, end: number, f: number, bin: number, missingLeft: number, isCat: number, words: Uint32Array): number;
}

/**
 * The best split of a node over the listed features; fills `best` (gain −1 when no split is allowed).
 * Equal gains go to the lower feature index, then the lower bin, so the order features were drawn in never matters.
 */
export function findBestSplit(d: Pick<GrowData, 'missingBin' | 'nBins' | 'isCat'>, p: Pick<GrowParams, 'lambda' | 'minSamplesLeaf' | 'minHessian'>, hist: Float64Array, feats: Int32Array, nf: number, G: number, H: number, C: number, best: Float64Array, bestCat: Uint32Array): void {
  // best: [gain, feature, bin, missingLeft, GL, HL, CL]
  const NB = d.missingBin + 1;
  const lambda = p.lambda, msl = p.minSamplesLeaf, mh = p.minHessian;
  const parent = (G * G) / (H + lambda);
  best[0] = -1;
  let order: number[] | null = null;
  for (let q = 0; q < nf; q++) {
    const f = feats[q]!;
    const nb = d.nBins[f]!;
    const o = f * NB * 3;
    const mp = o + d.missingBin * 3;
    const gm = hist[mp]!, hm = hist[mp + 1]!, cm = hist[mp + 2]!;
    if (d.isCat[f] === 0) {
      let gl = 0, hl = 0, cl = 0;
      const last = cm > 0 ? nb : nb - 1;
      for (let b = 0; b < last; b++) {
        const pb = o + b * 3;
        gl += hist[pb]!;
        hl += hist[pb + 1]!;
        cl += hist[pb + 2]!;
        // Missing values right.
        let cr = C - cl;
        if (cl >= msl && cr >= msl) {
          const hr = H - hl;
          if (hl >= mh && hr >= mh) {
            const gr = G - gl;
            const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
            if (gain > best[0]! || (gain === best[0]! && f < best[1]!)) {
              best[0] = gain; best[1] = f; best[2] = b; best[3] = cm > 0 ? 0 : cl >= cr ? 1 : 0; best[4] = gl; best[5] = hl; best[6] = cl;
            }
          }
        }
        // Missing values left (only when there are some, and some non-missing rows stay right).
        if (cm > 0 && b < nb - 1) {
          const gl2 = gl + gm, hl2 = hl + hm, cl2 = cl + cm;
          cr = C - cl2;
          if (cl2 >= msl && cr >= msl) {
            const hr = H - hl2;
            if (hl2 >= mh && hr >= mh) {
              const gr = G - gl2;
              const gain = (gl2 * gl2) / (hl2 + lambda) + (gr * gr) / (hr + lambda) - parent;
              if (gain > best[0]! || (gain === best[0]! && f < best[1]!)) {
                best[0] = gain; best[1] = f; best[2] = b; best[3] = 1; best[4] = gl2; best[5] = hl2; best[6] = cl2;
              }
            }
          }
        }
      }
    } else {
      // Levels sorted by g / (h + smoothing), then the best prefix goes left (LightGBM, scikit-learn).
      if (order === null) order = [];
      order.length = 0;
      for (let b = 0; b < nb; b++) if (hist[o + b * 3 + 2]! > 0) order.push(b);
      if (order.length < 2 && cm === 0) continue;
      const ratio = (b: number): number => hist[o + b * 3]! / (hist[o + b * 3 + 1]! + 10);
      order.sort((a, b) => ratio(a) - ratio(b) || a - b);
      let gl = 0, hl = 0, cl = 0;
      const last = cm > 0 ? order.length : order.length - 1;
      for (let k = 0; k < last; k++) {
        const pb = o + order[k]! * 3;
        gl += hist[pb]!;
        hl += hist[pb + 1]!;
        cl += hist[pb + 2]!;
        for (let side = 0; side < 2; side++) {
          if (side === 1 && (cm === 0 || k === order.length - 1)) break;
          const gl2 = side ? gl + gm : gl, hl2 = side ? hl + hm : hl, cl2 = side ? cl + cm : cl;
          const cr = C - cl2, hr = H - hl2;
          if (cl2 < msl || cr < msl || hl2 < mh || hr < mh) continue;
          const gr = G - gl2;
          const gain = (gl2 * gl2) / (hl2 + lambda) + (gr * gr) / (hr + lambda) - parent;
          if (gain > best[0]! || (gain === best[0]! && f < best[1]!)) {
            best[0] = gain; best[1] = f; best[2] = k; best[3] = side === 1 || (cm === 0 && cl2 >= cr) ? 1 : 0; best[4] = gl2; best[5] = hl2; best[6] = cl2;
            bestCat.fill(0);
            for (let j = 0; j <= k; j++) bestCat[order[j]! >>> 5] |= 1 << (order[j]! & 31);
          }
        }
      }
    }
  }
}

/**
 * The forest's split search at one node over the listed features, with histograms touched sparsely: each
 * feature's occupied codes are listed as rows add to them, the scan visits those codes only (in code order:
 * the same candidates, gains and tie-breaks as the dense scan) and only they are cleared after. A deep
 * tree's many small nodes so cost their rows, not maxBins, per feature. `hist` must be all zero on entry
 * (and is on exit); `touched` holds missingBin + 1 codes.
 */
export function findBestSplitSparse(d: GrowData, p: GrowParams, rows: Uint32Array, start: number, end: number, feats: Int32Array, nf: number, G: number, H: number, C: number, hist: Float64Array, touched: Int32Array, best: Float64Array, bestCat: Uint32Array): void {
  const NB = d.missingBin + 1;
  const { rowBins, grad, hess, F } = d;
  const lambda = p.lambda, msl = p.minSamplesLeaf, mh = p.minHessian;
  const parent = (G * G) / (H + lambda);
  best[0] = -1;
  // One pass over the rows (row-major codes: a row's features share a cache line), each feature's occupied codes listed in touched[q·NB …].
  const counts = new Int32Array(nf);
  for (let k = start; k < end; k++) {
    const i = rows[k]!;
    const g = grad[i]!, h = hess[i]!;
    const base = i * F;
    for (let q = 0; q < nf; q++) {
      const f = feats[q]!;
      const c = rowBins[base + f]!;
      const pb = (f * NB + c) * 3;
      if (hist[pb + 2] === 0) touched[q * NB + counts[q]!++] = c;
      hist[pb] += g;
      hist[pb + 1] += h;
      hist[pb + 2] += 1;
    }
  }
  for (let q = 0; q < nf; q++) {
    const f = feats[q]!;
    const o = f * NB * 3;
    const nt = counts[q]!;
    const t0 = q * NB;
    if (d.isCat[f] === 1) {
      const scratchBest = new Float64Array(7), bestCat2 = new Uint32Array(8);
      findBestSplit(d, p, hist, Int32Array.of(f), 1, G, H, C, scratchBest, bestCat2);
      if (scratchBest[0]! > best[0]! || (scratchBest[0] === best[0] && f < best[1]!)) {
        best.set(scratchBest);
        bestCat.set(bestCat2);
      }
    } else {
      // Sort the occupied codes (insertion sort: a small node has few).
      if (nt > 48) touched.subarray(t0, t0 + nt).sort();
      else {
        for (let a = t0 + 1; a < t0 + nt; a++) {
          const v = touched[a]!;
          let b = a - 1;
          while (b >= t0 && touched[b]! > v) {
            touched[b + 1] = touched[b]!;
            b--;
          }
          touched[b + 1] = v;
        }
      }
      const codes = touched.subarray(t0, t0 + nt);
      const mb = d.missingBin;
      const mp = o + mb * 3;
      const gm = hist[mp]!, hm = hist[mp + 1]!, cm = hist[mp + 2]!;
      const nc = cm > 0 ? nt - 1 : nt; // the missing code sorts last
      let gl = 0, hl = 0, cl = 0;
      // Missing values alone left: the dense scan meets this partition first, at the empty code 0.
      if (cm > 0 && nc > 0 && codes[0]! > 0 && d.nBins[f]! > 1 && cm >= msl && C - cm >= msl && hm >= mh && H - hm >= mh) {
        const gain = (gm * gm) / (hm + lambda) + ((G - gm) * (G - gm)) / (H - hm + lambda) - parent;
        if (gain > best[0]! || (gain === best[0]! && f < best[1]!)) {
          best[0] = gain; best[1] = f; best[2] = 0; best[3] = 1; best[4] = gm; best[5] = hm; best[6] = cm;
        }
      }
      const last = cm > 0 ? nc : nc - 1;
      for (let k = 0; k < last; k++) {
        const b = codes[k]!;
        const pb = o + b * 3;
        gl += hist[pb]!;
        hl += hist[pb + 1]!;
        cl += hist[pb + 2]!;
        let cr = C - cl;
        if (cl >= msl && cr >= msl) {
          const hr = H - hl;
          if (hl >= mh && hr >= mh) {
            const gr = G - gl;
            const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
            if (gain > best[0]! || (gain === best[0]! && f < best[1]!)) {
              best[0] = gain; best[1] = f; best[2] = b; best[3] = cm > 0 ? 0 : cl >= cr ? 1 : 0; best[4] = gl; best[5] = hl; best[6] = cl;
            }
          }
        }
        if (cm > 0 && k < nc - 1) {
          const gl2 = gl + gm, hl2 = hl + hm, cl2 = cl + cm;
          cr = C - cl2;
          if (cl2 >= msl && cr >= msl) {
            const hr = H - hl2;
            if (hl2 >= mh && hr >= mh) {
              const gr = G - gl2;
              const gain = (gl2 * gl2) / (hl2 + lambda) + (gr * gr) / (hr + lambda) - parent;
              if (gain > best[0]! || (gain === best[0]! && f < best[1]!)) {
                best[0] = gain; best[1] = f; best[2] = b; best[3] = 1; best[4] = gl2; best[5] = hl2; best[6] = cl2;
              }
            }
          }
        }
      }
    }
    for (let k = t0; k < t0 + nt; k++) {
      const pb = o + touched[k]! * 3;
      hist[pb] = 0;
      hist[pb + 1] = 0;
      hist[pb + 2] = 0;
    }
  }
}

/** Whether a bin code goes left at a split. */
export function binGoesLeft(code: number, missingBin: number, isCat: number, bin: number, missingLeft: number, words: Uint32Array, wordsAt: number): boolean {
  if (code === missingBin) return missingLeft === 1;
  if (isCat === 1) return ((words[wordsAt + (code >>> 5)]! >>> (code & 31)) & 1) === 1;
  return code <= bin;
}

/**
 * Grow one tree on rows[0 … m) (the array is permuted in place; scratch holds at least m values).
 * Boosting grows best-first (the leaf whose split gains most, up to maxLeafNodes) with the histogram
 * subtraction trick (the larger child's histogram is its parent's minus the smaller's); the forest grows
 * depth-first and builds each node's histogram over the features drawn for its split only.
 */
export function growTree(d: GrowData, p: GrowParams, rows: Uint32Array, m: number, scratch: Uint32Array, rng: Uint32Array, hs?: HistogramSource): GrownTree {
  const NB = d.missingBin + 1;
  const histSize = d.F * NB * 3;
  const forest = p.mode === 1;
  const { grad, hess, weight, bins, n } = d;
  const ogh = hs || forest ? new Float64Array(0) : new Float64Array(2 * m);
  const feature: number[] = [], bin: number[] = [], missingLeft: number[] = [], left: number[] = [], right: number[] = [];
  const value: number[] = [], cover: number[] = [], catSet: number[] = [], nodeStart: number[] = [], nodeEnd: number[] = [];
  const depthOf: number[] = [], sumG: number[] = [], sumH: number[] = [], sumC: number[] = [];
  const catWordList: number[] = [];
  const lambda = p.lambda;
  // A node's cover is the weight of its rows summed in row order (apply sums its children's in the partition pass).
  const addNode = (start: number, end: number, depth: number, G: number, H: number, C: number, w: number): number => {
    const id = feature.length;
    feature.push(-1); bin.push(0); missingLeft.push(0); left.push(-1); right.push(-1);
    value.push(forest ? (H > 0 ? G / H : 0) : -G / (H + lambda));
    cover.push(w); catSet.push(-1); nodeStart.push(start); nodeEnd.push(end);
    depthOf.push(depth); sumG.push(G); sumH.push(H); sumC.push(C);
    return id;
  };
  let G0 = 0, H0 = 0, W0 = 0;
  for (let k = 0; k < m; k++) {
    const i = rows[k]!;
    G0 += grad[i]!;
    H0 += hess[i]!;
    W0 += weight[i]!;
  }
  addNode(0, m, 0, G0, H0, m, W0);
  const splittable = (id: number): boolean => depthOf[id]! < p.maxDepth && sumC[id]! >= 2 * p.minSamplesLeaf && sumH[id]! >= 2 * p.minHessian;
  const best = new Float64Array(7);
  const bestCat = new Uint32Array(8);

  // Split node `id` by the split in `s` / `sCat`; returns the two children.
  const apply = (id: number, s: Float64Array, sCat: Uint32Array): [number, number] => {
    const f = s[1]!, b = s[2]!, ml = s[3]!;
    const cat = d.isCat[f]!;
    let at = -1;
    if (cat === 1) {
      at = catWordList.length;
      for (let j = 0; j < 8; j++) catWordList.push(sCat[j]!);
    }
    const words = cat === 1 ? Uint32Array.from(catWordList.slice(at, at + 8)) : bestCat;
    const start = nodeStart[id]!, end = nodeEnd[id]!;
    const col = f * n, mb = d.missingBin;
    let l = start, r = 0, wl = 0, wr = 0;
    if (hs && d.unitWeights === 1) {
      // Unit weights: a cover is the row count whatever the summation order, so the source may split the rows on its threads.
      l = hs.partition(start, end, f, b, ml, cat, words);
      wl = l - start;
      wr = end - l;
    } else if (cat === 1) {
      for (let k = start; k < end; k++) {
        const i = rows[k]!;
        if (binGoesLeft(bins[col + i]!, mb, 1, b, ml, words, 0)) {
          rows[l++] = i;
          wl += weight[i]!;
        } else {
          scratch[r++] = i;
          wr += weight[i]!;
        }
      }
    } else {
      for (let k = start; k < end; k++) {
        const i = rows[k]!;
        const c = bins[col + i]!;
        if (c === mb ? ml === 1 : c <= b) {
          rows[l++] = i;
          wl += weight[i]!;
        } else {
          scratch[r++] = i;
          wr += weight[i]!;
        }
      }
    }
    if (r > 0) rows.set(scratch.subarray(0, r), l);
    const G = sumG[id]!, H = sumH[id]!;
    const gl = s[4]!, hl = s[5]!;
    const L = addNode(start, l, depthOf[id]! + 1, gl, hl, l - start, wl);
    const R = addNode(l, end, depthOf[id]! + 1, G - gl, H - hl, end - l, wr);
    feature[id] = f; bin[id] = b; missingLeft[id] = ml; left[id] = L; right[id] = R; catSet[id] = cat === 1 ? at / 8 : -1;
    return [L, R];
  };

  if (forest) {
    const hist = new Float64Array(histSize);
    const touched = new Int32Array(NB * Math.max(1, p.features.length));
    const order = Int32Array.from(p.features);
    const nf = order.length;
    const mtry = p.mtry > 0 ? Math.min(p.mtry, nf) : nf;
    const stack = [0];
    while (stack.length) {
      const id = stack.pop()!;
      if (!splittable(id)) continue;
      // Draw features without replacement (a partial Fisher–Yates shuffle); when none of a draw can split, draw on (as scikit-learn).
      best[0] = -1;
      for (let from = 0; from < nf && !(best[0]! > 0); from += mtry) {
        const to = Math.min(nf, from + mtry);
        for (let k = from; k < to; k++) {
          const j = k + kernelRngInt(rng, nf - k);
          const t = order[k]!;
          order[k] = order[j]!;
          order[j] = t;
        }
        const part = order.subarray(from, to);
        findBestSplitSparse(d, p, rows, nodeStart[id]!, nodeEnd[id]!, part, part.length, sumG[id]!, sumH[id]!, sumC[id]!, hist, touched, best, bestCat);
      }
      if (!(best[0]! > 0)) continue;
      const [L, R] = apply(id, best, bestCat);
      stack.push(R, L);
    }
  } else {
    const feats = p.features;
    const nf = feats.length;
    // Histograms from the caller's source (reused slots, built on its threads), else allocated and built here.
    hs?.reset();
    const pool: Float64Array[] = [];
    const take = (): Float64Array => pool.pop() ?? (hs ? hs.take() : new Float64Array(histSize));
    const build = (start: number, end: number, h: Float64Array): void => {
      if (hs) hs.build(start, end, feats, nf, h);
      else buildHistogram(d, rows, start, end, feats, nf, h, ogh);
    };
    const hists = new Map<number, Float64Array>();
    const splits = new Map<number, { s: Float64Array; cat: Uint32Array }>();
    const evaluate = (id: number): void => {
      const h = hists.get(id)!;
      findBestSplit(d, p, h, feats, nf, sumG[id]!, sumH[id]!, sumC[id]!, best, bestCat);
      if (best[0]! > 0) splits.set(id, { s: Float64Array.from(best), cat: Uint32Array.from(bestCat) });
      else {
        hists.delete(id);
        pool.push(h);
      }
    };
    // With a source that searches (HistogramBuilder): histogram, subtraction and split search fused per block of features, on its threads.
    const search = hs?.search ? hs : null;
    const bestB = new Float64Array(7), bestCatB = new Uint32Array(8);
    const keep = (id: number, h: Float64Array, b: Float64Array, cat: Uint32Array): void => {
      if (b[0]! > 0) {
        hists.set(id, h);
        splits.set(id, { s: Float64Array.from(b), cat: Uint32Array.from(cat) });
      } else pool.push(h);
    };
    if (splittable(0)) {
      const h = take();
      if (search) {
        search.search!(0, m, feats, nf, h, null, null, { G: sumG[0]!, H: sumH[0]!, C: sumC[0]!, best, cat: bestCat }, null);
        keep(0, h, best, bestCat);
      } else {
        build(0, m, h);
        hists.set(0, h);
        evaluate(0);
      }
    }
    let leaves = 1;
    while (splits.size > 0 && (p.maxLeafNodes === 0 || leaves < p.maxLeafNodes)) {
      let id = -1, gain = -1;
      for (const [k, v] of splits) if (v.s[0]! > gain || (v.s[0] === gain && k < id)) { id = k; gain = v.s[0]!; }
      const sp = splits.get(id)!;
      splits.delete(id);
      const parentHist = hists.get(id)!;
      hists.delete(id);
      const [L, R] = apply(id, sp.s, sp.cat);
      leaves++;
      const okL = splittable(L), okR = splittable(R);
      if (!okL && !okR) {
        pool.push(parentHist);
        continue;
      }
      const small = sumC[L]! <= sumC[R]! ? L : R;
      const large = small === L ? R : L;
      if (search) {
        const okS = small === L ? okL : okR, okG = large === L ? okL : okR;
        const hSmall = take(), hLarge = take();
        const node = (id: number, b: Float64Array, cat: Uint32Array): NodeSearch => ({ G: sumG[id]!, H: sumH[id]!, C: sumC[id]!, best: b, cat });
        search.search!(nodeStart[small]!, nodeEnd[small]!, feats, nf, hSmall, parentHist, hLarge, okS ? node(small, best, bestCat) : null, okG ? node(large, bestB, bestCatB) : null);
        pool.push(parentHist);
        // Children in the order L, R (as evaluate below): the gain ties between leaves go to the lower id either way.
        for (const c of [L, R]) {
          const h = c === small ? hSmall : hLarge;
          if (c === small ? okS : okG) keep(c, h, c === small ? best : bestB, c === small ? bestCat : bestCatB);
          else pool.push(h);
        }
        continue;
      }
      const hSmall = take();
      build(nodeStart[small]!, nodeEnd[small]!, hSmall);
      for (let q = 0; q < nf; q++) {
        const from = feats[q]! * NB * 3, to = from + NB * 3;
        for (let t = from; t < to; t++) parentHist[t] -= hSmall[t]!;
      }
      hists.set(small, hSmall);
      hists.set(large, parentHist);
      for (const c of [L, R]) {
        if (c === L ? okL : okR) evaluate(c);
        else {
          const h = hists.get(c)!;
          hists.delete(c);
          pool.push(h);
        }
      }
    }
  }
  return {
    feature: Int32Array.from(feature),
    bin: Int32Array.from(bin),
    missingLeft: Uint8Array.from(missingLeft),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    cover: Float64Array.from(cover),
    catSet: Int32Array.from(catSet),
    catWords: Uint32Array.from(catWordList),
    rows,
    nodeStart: Int32Array.from(nodeStart),
    nodeEnd: Int32Array.from(nodeEnd),
  };
}

/**
 * One tree of a random forest: its own seeded stream (from the forest's seed and the tree's index, so any
 * number of workers grows the same forest), a bootstrap sample as multiplicities, the Gini-equivalent
 * gradients (g = w·y, h = w: the squared-error gain of 0/1 labels ranks splits as the Gini decrease does).
 */
export function growForestTree(d: GrowData, y: Uint8Array, sampleWeight: Float64Array, p: GrowParams, seed: number, index: number, bootstrap: number): GrownTree {
  // The tree's seed: the forest's seed scrambled (a bijective 32-bit mix), plus the index, scrambled again;
  // mixing before combining keeps (seed 0, tree 1) and (seed 1, tree 0) apart, as XOR-ing them would not.
  const mix = (x: number): number => {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  };
  const rng = kernelRng(mix((mix(seed >>> 0) + index) >>> 0));
  const n = d.n;
  const count = new Uint32Array(n);
  if (bootstrap === 1) for (let k = 0; k < n; k++) count[kernelRngInt(rng, n)]++;
  else count.fill(1);
  const grad = new Float64Array(n), hess = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (count[i]! > 0 && sampleWeight[i]! > 0) m++;
  const rows = new Uint32Array(m);
  for (let i = 0, k = 0; i < n; i++) {
    const c = count[i]!;
    if (c === 0 || !(sampleWeight[i]! > 0)) continue;
    const w = c * sampleWeight[i]!;
    hess[i] = w;
    grad[i] = y[i] === 1 ? w : 0;
    rows[k++] = i;
  }
  const data: GrowData = { ...d, grad, hess, weight: hess };
  return growTree(data, p, rows, m, new Uint32Array(m), rng);
}

/** The worker loop: grow the trees the main thread asks for, post each back (its arrays transferred). */
export function forestWorkerMain(wd: { d: GrowData; y: Uint8Array; sampleWeight: Float64Array; p: GrowParams; seed: number; bootstrap: number }, port: { on(ev: 'message', fn: (msg: number) => void): void; postMessage(msg: unknown, transfer: ArrayBuffer[]): void; close(): void }): void {
  port.on('message', (index: number) => {
    if (index < 0) {
      port.close();
      return;
    }
    const t = growForestTree(wd.d, wd.y, wd.sampleWeight, wd.p, wd.seed, index, wd.bootstrap);
    const out = { index, feature: t.feature, bin: t.bin, missingLeft: t.missingLeft, left: t.left, right: t.right, value: t.value, cover: t.cover, catSet: t.catSet, catWords: t.catWords };
    port.postMessage(out, [t.feature.buffer, t.bin.buffer, t.missingLeft.buffer, t.left.buffer, t.right.buffer, t.value.buffer, t.cover.buffer, t.catSet.buffer, t.catWords.buffer] as ArrayBuffer[]);
  });
}

/** Source text of a forest worker: the kernel's functions and a call of forestWorkerMain on workerData. */
export function forestWorkerSource(): string {
  const fns = [kernelRng, kernelRngNext, kernelRngInt, buildHistogram, histogramFeatures, findBestSplit, findBestSplitSparse, binGoesLeft, growTree, growForestTree, forestWorkerMain];
  // Test runners that keep function names (esbuild keepNames) may wrap functions in __name(...).
  return [
    'var __name = (f) => f;',
    ...fns.map((f) => f.toString()),
    `const { workerData, parentPort } = require('node:worker_threads');`,
    `${forestWorkerMain.name}(workerData, parentPort);`,
  ].join('\n');
}
