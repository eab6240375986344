/**
 * The k-means hot loops, on typed arrays only, one row block at a time.
 *
 * Every function in this file also runs inside worker threads: kmeansWorkerSource() turns them into
 * source text with Function.prototype.toString. So they must stay self-contained: no imports, no
 * module-level constants; they may only call each other. The numeric layout of `params` and `ctrl`
 * is written out as literals here and nowhere else.
 *
 * The heaviest loops (distances of a run of rows to the centres or to the k-means++ candidates, the
 * centre sums, the k-means++ potentials, the steady-state Hamerly pass) run in the WebAssembly SIMD
 * kernels of kmeansWasm.ts through a KMeansThread; where WebAssembly is unavailable the thread uses the
 * JavaScript twins here (distsJs, kppPotJs, the loops in the block functions), which compute the same
 * numbers in the same order. Single distances use sqDist, same order again.
 *
 * Determinism: rows are cut into fixed blocks (their size depends on n only, never on the thread
 * count). Each block writes its own partial sums; the main thread adds the partials in block order.
 * So one thread or many give bit-identical centroids, labels and inertia.
 */

declare const WebAssembly: {
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

/**
 * Typed views shared by the main thread and every worker: all of them lie in one buffer (the
 * WebAssembly memory when the kernel is available, shared when workers run). Sizes: n rows,
 * d columns, k centres, T = maxTrials.
 */
export interface KMeansShared {
  n: number;
  d: number;
  k: number;
  blockRows: number;
  nBlocks: number;
  /** Stride of pScalar per block: the most k-means++ candidates evaluated at once (>= 1). */
  maxTrials: number;
  /** The whole buffer as float64 and int32, and where arrays start in it (in float64 or int32 units). */
  F64: Float64Array;
  I32: Int32Array;
  upperOff: number;
  lowerOff: number;
  halfOff: number;
  shiftOff: number;
  candCCOff: number;
  xOff: number;
  wOff: number;
  cOff: number;
  candOff: number;
  /** Where the transposed centres start (float64 units): d rows of kp values. */
  ctOff: number;
  /** k rounded up to even: the row length of ct (a padding centre is +Infinity). */
  kp: number;
  pSumsOff: number;
  pWOff: number;
  /** Where labels start, in int32 units. */
  labelsOff: number;
  scratchOff: number;
  /** float64 slots of scratch per thread: chunkRows × max(k, maxTrials + 1) distances, then maxTrials potentials. */
  scratchLen: number;
  /** Where the potentials start within a thread's scratch. */
  potOff: number;
  /** Rows per dists call. */
  chunkRows: number;
  /** WebAssembly memory and compiled kernel (both null: distsJs on F64). */
  memory: object | null;
  module: object | null;
  /** n×d rows, row-major. */
  X: Float64Array;
  /** n sample weights (ones when none were given). */
  w: Float64Array;
  /** k×d current centres; k-means++ appends the chosen centres here. */
  C: Float64Array;
  /** d×kp: C transposed for the assignment kernel, written by transposeCentres before each assignment round. */
  ct: Float64Array;
  /** n labels (nearest centre). */
  labels: Int32Array;
  /** n: Hamerly/Elkan upper bound on the distance to the own centre; during k-means++ the squared distance to the closest chosen centre. */
  upper: Float64Array;
  /** Hamerly: n lower bounds on the distance to the second-closest centre; Elkan: n×k lower bounds; else empty. */
  lower: Float64Array;
  /** k: half the distance from each centre to its nearest other centre. */
  half: Float64Array;
  /** k×k: half the distances between centres (Elkan). */
  cc: Float64Array;
  /** k: how far each centre moved in the last update; during k-means++ the squared distances from the committed centre to the chosen ones. */
  shift: Float64Array;
  /** (T+1)×d: k-means++ candidate centres, then a copy of the centre being committed. */
  cand: Float64Array;
  /** T×k squared distances from each candidate to each chosen centre. */
  candCC: Float64Array;
  /** Per-block partial results: centre sums (nBlocks×k×d), centre weights (nBlocks×k), scalars (nBlocks×T), farthest rows (nBlocks×k). */
  pSums: Float64Array;
  pW: Float64Array;
  pScalar: Float64Array;
  pFarD: Float64Array;
  pFarI: Int32Array;
  /** Per block: 1 when the block's last Hamerly pass found most rows failing the bounds' test, so the next pass searches every row (see hamerlyBlock). */
  pDense: Int32Array;
  /** Operation and its arguments, written by the main thread before each round (layout in setKMeansOp). */
  params: Float64Array;
  /** Round control for workers (layout in claimKMeansBlocks). */
  ctrl: Int32Array;
  /** The first error a worker hit, as UTF-16 code units (0-terminated). */
  errorText: Uint16Array;
}

/** What one thread needs besides S: the kernels (WebAssembly or JavaScript) and its own scratch. */
export interface KMeansThread {
  S: KMeansShared;
  /** Squared distances of `rows` rows from row `row` on to the m centres at float64 offset `cOff`, into `out` (row-major rows × m). */
  dists: (row: number, rows: number, cOff: number, m: number) => void;
  /** Add rows row..row+rows−1 (weighted, in order) to the sums and weights of their labelled centres at block offsets so (sums) and wo (weights). */
  accumulate: (row: number, rows: number, so: number, wo: number) => void;
  /** k-means++: add rows row..row+rows−1 to `pot` for the first `trials` candidates, from `out` (rows × m distances). See kppPotJs. */
  kppPot: (row: number, rows: number, m: number, trials: number) => void;
  /**
   * The nearest centre of rows row..row+rows−1 (at most 65535) from the transposed centres, into labels
   * (mode bit 1: also Hamerly's upper and lower bounds; 2: the same after counting the rows failing
   * Hamerly's test with the shifts in params; 4: adds the rows to the block sums at so / wo as
   * accumulate does, in the same pass), in WebAssembly; returns labels changed + 65536 × rows failing.
   * Null without WebAssembly: the JavaScript loops compute the same labels, bounds and sums from dists.
   */
  assign: ((row: number, rows: number, mode: number, so?: number, wo?: number) => number) | null;
  /** A steady-state Hamerly assignment of rows row..row+rows−1 (at most 65535) in WebAssembly (null: use the JavaScript loop); returns labels changed + 65536 × rows failing the bounds' first test. */
  hamerly: ((row: number, rows: number, shiftMax: number, shift2: number, jmax: number) => number) | null;
  out: Float64Array;
  pot: Float64Array;
}

/**
 * Write C (k×d) transposed into ct (d×kp, kp = k rounded up to even) for the assignment kernel; a
 * padding centre is +Infinity in every column, so its distance is +Infinity and it never wins. Main thread only.
 */
export function transposeCentres(S: KMeansShared): void {
  const { C, ct, k, kp, d } = S;
  for (let t = 0; t < d; t++) {
    for (let j = 0; j < k; j++) ct[t * kp + j] = C[j * d + t]!;
    for (let j = k; j < kp; j++) ct[t * kp + j] = Infinity;
  }
}

/** Operations a round can run over all blocks. */
export const KMEANS_OP = { lloyd: 1, hamerly: 2, elkan: 3, kpp: 4, far: 5, inertia: 6, moments: 7 } as const;

/**
 * Squared Euclidean distance between row xi of X and row ci of C: even columns summed in order in
 * s0, odd ones in s1, result s0 + s1 — the order of the WebAssembly kernel's two lanes, so every
 * distance in k-means agrees to the last bit whichever path computed it.
 */
export function sqDist(X: Float64Array, xi: number, C: Float64Array, ci: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 1 < d; t += 2) {
    const a = X[xi + t]! - C[ci + t]!;
    const b = X[xi + t + 1]! - C[ci + t + 1]!;
    s0 += a * a;
    s1 += b * b;
  }
  if (t < d) {
    const a = X[xi + t]! - C[ci + t]!;
    s0 += a * a;
  }
  return s0 + s1;
}

/** sqDist that may stop early once the partial sum reaches `bound` (it then returns a value >= bound); below the bound it equals sqDist. */
export function sqDistBounded(X: Float64Array, xi: number, C: Float64Array, ci: number, d: number, bound: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 3 < d; t += 4) {
    const a = X[xi + t]! - C[ci + t]!;
    const b = X[xi + t + 1]! - C[ci + t + 1]!;
    const c = X[xi + t + 2]! - C[ci + t + 2]!;
    const e = X[xi + t + 3]! - C[ci + t + 3]!;
    s0 += a * a;
    s1 += b * b;
    s0 += c * c;
    s1 += e * e;
    if (s0 + s1 >= bound) return s0 + s1;
  }
  for (; t + 1 < d; t += 2) {
    const a = X[xi + t]! - C[ci + t]!;
    const b = X[xi + t + 1]! - C[ci + t + 1]!;
    s0 += a * a;
    s1 += b * b;
  }
  if (t < d) {
    const a = X[xi + t]! - C[ci + t]!;
    s0 += a * a;
  }
  return s0 + s1;
}

/** dists in JavaScript: out[r·m + q] = sqDist(row x + r, centre q), on float64 offsets into F. */
export function distsJs(F: Float64Array, x: number, rows: number, d: number, c: number, m: number, out: number): void {
  for (let r = 0, xi = x; r < rows; r++, xi += d) {
    for (let q = 0, cq = c; q < m; q++, cq += d) F[out + r * m + q] = sqDist(F, xi, F, cq, d);
  }
}

/**
 * k-means++ potentials over a run of rows: for each candidate t, pot[t] += w · (the candidate's squared
 * distance if the triangle-inequality rule allows it and it is nearer than `closest`, else `closest`),
 * rows added in order. All positions are float64 (labels: int32) offsets into F and I.
 */
export function kppPotJs(F: Float64Array, I: Int32Array, out: number, rows: number, m: number, trials: number, closest: number, lab: number, w: number, cc: number, k: number, pot: number): void {
  for (let t = 0; t < trials; t++) {
    let acc = F[pot + t]!;
    const ct = cc + t * k;
    for (let r = 0; r < rows; r++) {
      const cl = F[closest + r]!;
      const s = F[out + r * m + t]!;
      acc += F[w + r]! * (F[ct + I[lab + r]!]! < 4 * cl && s < cl ? s : cl);
    }
    F[pot + t] = acc;
  }
}

/**
 * Nearest centre of row xi (lowest index on ties); out[0] gets its squared distance, out[1] the
 * second smallest (Infinity when k = 1). For predictions and small batches on the main thread.
 */
export function nearestTwo(X: Float64Array, xi: number, C: Float64Array, k: number, d: number, out: Float64Array): number {
  let best = 0;
  let bd = Infinity;
  let sd = Infinity;
  for (let j = 0; j < k; j++) {
    const s = sqDist(X, xi, C, j * d, d);
    if (s < bd) {
      sd = bd;
      bd = s;
      best = j;
    } else if (s < sd) {
      sd = s;
    }
  }
  out[0] = bd;
  out[1] = sd;
  return best;
}

/** The thread's view of the pool: its own WebAssembly instance (or the JavaScript twins) and scratch slot `id`. */
export function kmeansThread(S: KMeansShared, id: number): KMeansThread {
  const { F64, I32, d, k } = S;
  const so = S.scratchOff + id * S.scratchLen;
  const out = F64.subarray(so, so + S.potOff);
  const po = so + S.potOff;
  const pot = F64.subarray(po, po + S.maxTrials);
  const { xOff, wOff, labelsOff, pSumsOff, pWOff, upperOff, lowerOff, halfOff, shiftOff, candCCOff, cOff, ctOff, kp, X, w, labels, pSums, pW } = S;
  if (S.module && S.memory) {
    const kernels = new WebAssembly.Instance(S.module, { env: { mem: S.memory } }).exports;
    const dists = kernels.dists as (x: number, rows: number, d: number, c: number, m: number, out: number) => void;
    const accumulate = kernels.accumulate as (x: number, rows: number, d: number, lab: number, w: number, sums: number, wsum: number) => void;
    const kppPot = kernels.kppPot as (...args: number[]) => void;
    const hamerly = kernels.hamerly as (...args: number[]) => number;
    const assign = kernels.assign as (...args: number[]) => number;
    return {
      S,
      out,
      pot,
      assign: (row, rows, mode, sOff = 0, wo = 0) =>
        assign(
          (xOff + row * d) * 8,
          rows,
          d,
          ctOff * 8,
          kp,
          (labelsOff + row) * 4,
          (upperOff + row) * 8,
          (lowerOff + row) * 8,
          mode,
          halfOff * 8,
          shiftOff * 8,
          S.params[3]!,
          S.params[4]!,
          S.params[5]!,
          (wOff + row) * 8,
          (pSumsOff + sOff) * 8,
          (pWOff + wo) * 8,
        ),
      hamerly: (row, rows, shiftMax, shift2, jmax) =>
        hamerly(
          (xOff + row * d) * 8,
          rows,
          d,
          cOff * 8,
          k,
          (labelsOff + row) * 4,
          (upperOff + row) * 8,
          (lowerOff + row) * 8,
          halfOff * 8,
          shiftOff * 8,
          shiftMax,
          shift2,
          jmax,
          so * 8,
          ctOff * 8,
          kp,
        ),
      kppPot: (row, rows, m, trials) =>
        kppPot(so * 8, rows, m, trials, (upperOff + row) * 8, (labelsOff + row) * 4, (wOff + row) * 8, candCCOff * 8, k, po * 8),
      dists: (row, rows, cOff, m) => dists((xOff + row * d) * 8, rows, d, cOff * 8, m, so * 8),
      accumulate: (row, rows, sOff, wo) => accumulate((xOff + row * d) * 8, rows, d, (labelsOff + row) * 4, (wOff + row) * 8, (pSumsOff + sOff) * 8, (pWOff + wo) * 8),
    };
  }
  return {
    S,
    out,
    pot,
    assign: null,
    hamerly: null,
    kppPot: (row, rows, m, trials) => kppPotJs(F64, I32, so, rows, m, trials, upperOff + row, labelsOff + row, wOff + row, candCCOff, k, po),
    dists: (row, rows, cOff, m) => distsJs(F64, xOff + row * d, rows, d, cOff, m, so),
    accumulate: (row, rows, sOff, wo) => {
      for (let i = row; i < row + rows; i++) {
        const a = labels[i]!;
        pW[wo + a]! += w[i]!;
        accumulateRow(X, i * d, d, w[i]!, pSums, sOff + a * d);
      }
    },
  };
}

/** Add w·x of row i to the block's sums of its centre. */
function accumulateRow(X: Float64Array, xi: number, d: number, wi: number, sums: Float64Array, base: number): void {
  for (let t = 0; t < d; t++) sums[base + t]! += wi * X[xi + t]!;
}

/** Lloyd: assign each row to its nearest centre; with `update`, add it to the block's centre sums. Returns how many labels changed (all of them on the first assignment). */
function lloydBlock(th: KMeansThread, start: number, end: number, update: boolean, init: boolean, so: number, wo: number): number {
  const { S, out } = th;
  const { k, labels, cOff, chunkRows } = S;
  let changed = 0;
  for (let c0 = start; c0 < end; c0 += chunkRows) {
    const rows = Math.min(chunkRows, end - c0);
    if (th.assign) {
      changed += th.assign(c0, rows, update ? 4 : 0, so, wo) & 0xffff;
      continue;
    }
    th.dists(c0, rows, cOff, k);
    for (let r = 0; r < rows; r++) {
      const i = c0 + r;
      const o = r * k;
      let best = 0;
      let bd = Infinity;
      for (let j = 0; j < k; j++) {
        const s = out[o + j]!;
        if (s < bd) {
          bd = s;
          best = j;
        }
      }
      if (labels[i] !== best) {
        labels[i] = best;
        changed++;
      }
    }
    if (update) th.accumulate(c0, rows, so, wo);
  }
  return init ? end - start : changed;
}

/**
 * Hamerly: one upper bound (own centre) and one lower bound (any other centre) per row. A row whose
 * upper bound is below max(lower bound, half the distance to the nearest other centre) keeps its
 * label without computing a distance; otherwise a full search picks the same centre as Lloyd.
 * `init` 1 starts the bounds with a full search; `init` 2 starts them from the k-means++ state
 * (squared distance to the closest chosen centre in `upper`, its index in `labels`) after committing
 * the last chosen centre, params[7], as kppBlock does: the upper bound is then exact, the lower bound 0.
 */
function hamerlyBlock(th: KMeansThread, b: number, start: number, end: number, update: boolean, init: number, so: number, wo: number): number {
  const { S, out } = th;
  const { X, d, k, C, labels, upper, lower, half, shift, params, cOff, chunkRows, pDense } = S;
  const shiftMax = params[3]!;
  const shift2 = params[4]!;
  const jmax = params[5]!;
  const commit = params[7]!;
  const co = commit * d;
  let changed = 0;
  if (init === 0 && th.hamerly && th.assign) {
    // While most rows fail the test (centres still moving far), a search of every row without the
    // per-row test, tightening and call is cheaper; the labels are the same (each row gets its nearest
    // centre either way) and the bounds exact. The share failing decides the next pass of this block.
    const dense = pDense[b] === 1;
    let failing = 0;
    for (let c0 = start; c0 < end; c0 += chunkRows) {
      const rows = Math.min(end, c0 + chunkRows) - c0;
      const r = dense ? th.assign(c0, rows, update ? 6 : 2, so, wo) : th.hamerly(c0, rows, shiftMax, shift2, jmax);
      changed += r & 0xffff;
      failing += r >>> 16;
      if (update && !dense) th.accumulate(c0, rows, so, wo);
    }
    pDense[b] = failing > 0.5 * (end - start) ? 1 : 0;
    return changed;
  }
  // Given or random centres usually move far in the first update: start dense; k-means++ centres seldom do.
  if (init !== 0) pDense[b] = init === 1 ? 1 : 0;
  for (let c0 = start; c0 < end; c0 += chunkRows) {
    const cEnd = Math.min(end, c0 + chunkRows);
    if (init === 1 && th.assign) {
      th.assign(c0, cEnd - c0, update ? 5 : 1, so, wo);
      continue;
    }
    for (let i = c0, xi = c0 * d; i < cEnd; i++, xi += d) {
      let a = labels[i]!;
      let u = 0;
      let l = 0;
      let full = init === 1;
      if (init === 2) {
        let cl = upper[i]!;
        // Here `shift` holds the committed centre's squared distances to the others, as in kppBlock.
        if (commit >= 0 && shift[a]! < 4 * cl) {
          const s = sqDistBounded(X, xi, C, co, d, cl);
          if (s < cl) {
            cl = s;
            a = commit;
          }
        }
        u = Math.sqrt(cl);
        full = u > half[a]!;
      } else if (init === 0) {
        u = upper[i]! + shift[a]!;
        l = lower[i]! - (a === jmax ? shift2 : shiftMax);
        const m = half[a]! > l ? half[a]! : l;
        if (u > m) {
          th.dists(i, 1, cOff + a * d, 1);
          u = Math.sqrt(out[0]!);
          full = u > m;
        }
      }
      if (full && th.assign) {
        // Label, upper and lower bound written by the kernel, as the loop below would.
        changed += th.assign(i, 1, 1) & 0xffff;
        continue;
      }
      if (full) {
        th.dists(i, 1, cOff, k);
        let bd = Infinity;
        let sd = Infinity;
        for (let j = 0; j < k; j++) {
          const s = out[j]!;
          if (s < bd) {
            sd = bd;
            bd = s;
            a = j;
          } else if (s < sd) {
            sd = s;
          }
        }
        u = Math.sqrt(bd);
        l = Math.sqrt(sd);
      }
      if (labels[i] !== a) {
        labels[i] = a;
        changed++;
      }
      upper[i] = u;
      lower[i] = l;
    }
    if (update) th.accumulate(c0, cEnd - c0, so, wo);
  }
  return init !== 0 ? end - start : changed;
}

/**
 * Elkan: an upper bound and k lower bounds per row, plus half the centre-to-centre distances; skips
 * every centre that the triangle inequality rules out.
 */
function elkanBlock(th: KMeansThread, start: number, end: number, update: boolean, init: boolean, so: number, wo: number): number {
  const { S, out } = th;
  const { X, d, k, C, labels, upper, lower, half, cc, shift, cOff, chunkRows } = S;
  let changed = 0;
  if (init) {
    for (let c0 = start; c0 < end; c0 += chunkRows) {
      const rows = Math.min(chunkRows, end - c0);
      th.dists(c0, rows, cOff, k);
      for (let r = 0; r < rows; r++) {
        const i = c0 + r;
        const li = i * k;
        let bd = Infinity;
        let best = 0;
        for (let j = 0; j < k; j++) {
          const s = out[r * k + j]!;
          lower[li + j] = Math.sqrt(s);
          if (s < bd) {
            bd = s;
            best = j;
          }
        }
        labels[i] = best;
        upper[i] = Math.sqrt(bd);
      }
      if (update) th.accumulate(c0, rows, so, wo);
    }
    return end - start;
  }
  for (let c0 = start; c0 < end; c0 += chunkRows) {
    const cEnd = Math.min(end, c0 + chunkRows);
    for (let i = c0, xi = c0 * d, li = c0 * k; i < cEnd; i++, xi += d, li += k) {
      let a = labels[i]!;
      let u = upper[i]! + shift[a]!;
      for (let j = 0; j < k; j++) {
        const v = lower[li + j]! - shift[j]!;
        lower[li + j] = v > 0 ? v : 0;
      }
      if (u > half[a]!) {
        let tight = false;
        for (let j = 0; j < k; j++) {
          if (j === a) continue;
          const z = cc[a * k + j]!;
          if (u <= lower[li + j]! || u <= z) continue;
          if (!tight) {
            u = Math.sqrt(sqDist(X, xi, C, a * d, d));
            lower[li + a] = u;
            tight = true;
            if (u <= lower[li + j]! || u <= z) continue;
          }
          const dj = Math.sqrt(sqDist(X, xi, C, j * d, d));
          lower[li + j] = dj;
          if (dj < u) {
            a = j;
            u = dj;
          }
        }
        if (a !== labels[i]) {
          labels[i] = a;
          changed++;
        }
      }
      upper[i] = u;
    }
    if (update) th.accumulate(c0, cEnd - c0, so, wo);
  }
  return changed;
}

/**
 * Greedy k-means++ step over a block. First commits the centre chosen last round (`commit`, stored at
 * C[commit] and copied after the candidates): a row's closest squared distance and label change only if the new centre is nearer.
 * The triangle inequality skips the distance when the new centre is at least twice as far from the
 * row's closest centre as the row is (squared: cc >= 4·closest). Then, for each candidate, adds
 * w·min(closest, distance²) to the block's potential, with the same rule (a ruled-out candidate counts
 * as closest whatever its computed distance). With no candidates it records the potential itself.
 */
function kppBlock(th: KMeansThread, b: number, start: number, end: number): void {
  const { S, out } = th;
  const { w, labels, upper: closest, shift: commitCC, pScalar, params, maxTrials, candOff, chunkRows } = S;
  const nTrials = params[6]!;
  const commit = params[7]!;
  const first = params[8] === 1;
  // The committed centre's coordinates follow the candidates (slot nTrials): one kernel call gives both.
  const m = nTrials + (commit >= 0 ? 1 : 0);
  const pot = th.pot;
  pot.fill(0);
  for (let c0 = start; c0 < end; c0 += chunkRows) {
    const rows = Math.min(chunkRows, end - c0);
    if (m > 0) th.dists(c0, rows, candOff, m);
    if (commit >= 0) {
      for (let r = 0, i = c0; r < rows; r++, i++) {
        const s = out[r * m + nTrials]!;
        if (first || (commitCC[labels[i]!]! < 4 * closest[i]! && s < closest[i]!)) {
          closest[i] = s;
          labels[i] = commit;
        }
      }
    }
    if (nTrials === 0) {
      let acc = pot[0]!;
      for (let i = c0; i < c0 + rows; i++) acc += w[i]! * closest[i]!;
      pot[0] = acc;
    } else {
      th.kppPot(c0, rows, m, nTrials);
    }
  }
  const po = b * maxTrials;
  for (let t = 0; t < maxTrials; t++) pScalar[po + t] = pot[t]!;
}

/** The m rows (positive weight) farthest from their own centre in the block, farthest first, lower row first on ties. */
function farBlock(S: KMeansShared, b: number, start: number, end: number): void {
  const { X, d, k, w, C, labels, pFarD, pFarI, params } = S;
  const m = params[9]!;
  const o = b * k;
  for (let q = 0; q < m; q++) {
    pFarD[o + q] = -1;
    pFarI[o + q] = -1;
  }
  for (let i = start, xi = start * d; i < end; i++, xi += d) {
    if (!(w[i]! > 0)) continue;
    const s = sqDist(X, xi, C, labels[i]! * d, d);
    if (!(s > pFarD[o + m - 1]!)) continue;
    let q = m - 1;
    while (q > 0 && s > pFarD[o + q - 1]!) {
      pFarD[o + q] = pFarD[o + q - 1]!;
      pFarI[o + q] = pFarI[o + q - 1]!;
      q--;
    }
    pFarD[o + q] = s;
    pFarI[o + q] = i;
  }
}

/**
 * Per column, the sum and the sum of squares of x − x₀ (x₀ = the first row: shifting by a data value
 * keeps the one-pass variance accurate), into the block's first 2d centre-sum slots.
 */
function momentsBlock(S: KMeansShared, b: number, start: number, end: number): void {
  const { X, d, pSums } = S;
  const o = b * S.k * d;
  // Column by column with the sums in locals (the block is in cache): each column's rows are added in
  // row order, so the sums are the same as a row-major pass's.
  for (let t = 0; t < d; t++) {
    const x0 = X[t]!;
    let s1 = 0;
    let s2 = 0;
    for (let xi = start * d + t, stop = end * d; xi < stop; xi += d) {
      const v = X[xi]! - x0;
      s1 += v;
      s2 += v * v;
    }
    pSums[o + t] = s1;
    pSums[o + d + t] = s2;
  }
}

/** Weighted sum of squared distances from each row to its labelled centre. */
function inertiaBlock(S: KMeansShared, start: number, end: number): number {
  const { X, d, w, C, labels } = S;
  let s = 0;
  for (let i = start, xi = start * d; i < end; i++, xi += d) s += w[i]! * sqDist(X, xi, C, labels[i]! * d, d);
  return s;
}

/**
 * Write the operation for the next round. params: 0 op, 1 update centres, 2 first assignment (1: bounds
 * start from a full search, 2: Hamerly starts from the k-means++ state), 3 largest centre shift, 4 second largest, 5 centre with the largest, 6 k-means++ candidates,
 * 7 centre to commit (-1 none), 8 first k-means++ centre, 9 farthest rows wanted.
 */
export function setKMeansOp(
  S: KMeansShared,
  op: number,
  a: { update?: boolean; init?: boolean | 2; shiftMax?: number; shift2?: number; jmax?: number; nTrials?: number; commit?: number; first?: boolean; m?: number } = {},
): void {
  const p = S.params;
  p[0] = op;
  p[1] = a.update ? 1 : 0;
  p[2] = a.init === 2 ? 2 : a.init ? 1 : 0;
  p[3] = a.shiftMax ?? 0;
  p[4] = a.shift2 ?? 0;
  p[5] = a.jmax ?? -1;
  p[6] = a.nTrials ?? 0;
  p[7] = a.commit ?? -1;
  p[8] = a.first ? 1 : 0;
  p[9] = a.m ?? 0;
}

/** Run the current operation on block b; results go to the block's partial slots. */
export function runKMeansBlock(th: KMeansThread, b: number): void {
  const S = th.S;
  const p = S.params;
  const op = p[0];
  const start = b * S.blockRows;
  const end = Math.min(S.n, start + S.blockRows);
  const { k, d } = S;
  const update = p[1] === 1;
  const init = p[2] !== 0;
  const so = b * k * d;
  const wo = b * k;
  if ((op === 1 || op === 2 || op === 3) && update) {
    S.pSums.fill(0, so, so + k * d);
    S.pW.fill(0, wo, wo + k);
  }
  const po = b * S.maxTrials;
  if (op === 1) S.pScalar[po] = lloydBlock(th, start, end, update, init, so, wo);
  else if (op === 2) S.pScalar[po] = hamerlyBlock(th, b, start, end, update, p[2]!, so, wo);
  else if (op === 3) S.pScalar[po] = elkanBlock(th, start, end, update, init, so, wo);
  else if (op === 4) kppBlock(th, b, start, end);
  else if (op === 5) farBlock(S, b, start, end);
  else if (op === 6) S.pScalar[po] = inertiaBlock(S, start, end);
  else if (op === 7) momentsBlock(S, b, start, end);
  else throw new Error(`unknown k-means operation ${op}`);
}

/**
 * Claim and run blocks of the round tagged `gen` until none is left. ctrl: 0 round number, 1 claim
 * word (round tag in bits 20-30, next block in bits 0-19), 2 blocks done, 3 error flag, 4 blocks run
 * by workers, 5 workers started, 6 exit flag. A thread still holding an older round's tag can never
 * claim a block of the new round (compare-and-swap on the tagged word).
 */
export function claimKMeansBlocks(th: KMeansThread, gen: number, inWorker: boolean): void {
  const S = th.S;
  const ctrl = S.ctrl;
  // Round 0 is "no round yet": a worker that starts before the first round finds nothing to do.
  if (gen === 0) return;
  const tag = (gen & 0x7ff) << 20;
  for (;;) {
    const v = Atomics.load(ctrl, 1);
    if ((v & 0x7ff00000) !== tag) return;
    const b = v & 0xfffff;
    if (b >= S.nBlocks) return;
    if (Atomics.compareExchange(ctrl, 1, v, v + 1) !== v) continue;
    try {
      runKMeansBlock(th, b);
    } catch (err) {
      if (Atomics.compareExchange(ctrl, 3, 0, 1) === 0) {
        const text = String(err instanceof Error ? err.stack ?? err.message : err);
        const len = Math.min(text.length, S.errorText.length - 1);
        for (let i = 0; i < len; i++) S.errorText[i] = text.charCodeAt(i);
        S.errorText[len] = 0;
      }
    }
    if (inWorker) Atomics.add(ctrl, 4, 1);
    if (Atomics.add(ctrl, 2, 1) + 1 === S.nBlocks) Atomics.notify(ctrl, 2);
  }
}

/** Main thread: start a new round (params already written), take part in it, and wait until every block is done. */
export function runKMeansRound(th: KMeansThread): void {
  const S = th.S;
  const ctrl = S.ctrl;
  const gen = ((Atomics.load(ctrl, 0) + 1) & 0x3fffffff) || 1;
  Atomics.store(ctrl, 2, 0);
  Atomics.store(ctrl, 1, (gen & 0x7ff) << 20);
  Atomics.store(ctrl, 0, gen);
  Atomics.notify(ctrl, 0);
  claimKMeansBlocks(th, gen, false);
  let waited = 0;
  for (;;) {
    const done = Atomics.load(ctrl, 2);
    if (done >= S.nBlocks) break;
    // A block takes milliseconds; a minute without progress means a worker died holding one.
    if (Atomics.wait(ctrl, 2, done, 1000) === 'timed-out' && Atomics.load(ctrl, 2) === done && ++waited > 60) {
      throw new Error('KMeans: a worker thread stopped responding; run with threads: 1.');
    }
  }
  if (Atomics.load(ctrl, 3) !== 0) {
    const end = S.errorText.indexOf(0);
    const text = String.fromCharCode(...S.errorText.subarray(0, end < 0 ? S.errorText.length : end));
    throw new Error(`KMeans: a worker thread failed (${text}); run with threads: 1.`);
  }
}

/** Worker thread `id`: wait for rounds and help with their blocks until the exit flag is set. */
export function kmeansWorkerLoop(data: { S: KMeansShared; id: number }): void {
  let th: KMeansThread;
  try {
    // If these functions arrived altered (e.g. by a coverage tool's counters) they fail here, before
    // touching shared state: the worker then leaves, and the main thread does all the blocks.
    const probe = new Float64Array(6);
    sqDist(probe, 0, probe, 2, 2);
    sqDistBounded(probe, 0, probe, 2, 2, 1);
    distsJs(probe, 0, 1, 2, 2, 1, 4);
    th = kmeansThread(data.S, data.id);
  } catch {
    return;
  }
  const ctrl = data.S.ctrl;
  Atomics.add(ctrl, 5, 1);
  let seen = Atomics.load(ctrl, 0);
  claimKMeansBlocks(th, seen, true);
  for (;;) {
    Atomics.wait(ctrl, 0, seen);
    if (Atomics.load(ctrl, 6) !== 0) return;
    seen = Atomics.load(ctrl, 0);
    claimKMeansBlocks(th, seen, true);
  }
}

/** Blocks run by worker threads so far. */
export function kmeansWorkerBlocks(S: KMeansShared): number {
  return Atomics.load(S.ctrl, 4);
}

/** Tell every worker to leave its loop. */
export function stopKMeansWorkers(S: KMeansShared): void {
  Atomics.store(S.ctrl, 6, 1);
  Atomics.add(S.ctrl, 0, 1);
  Atomics.notify(S.ctrl, 0);
}

/** Source of a worker that runs kmeansWorkerLoop on the shared views and thread id passed as workerData. */
export function kmeansWorkerSource(): string {
  const fns = [sqDist, sqDistBounded, distsJs, kppPotJs, kmeansThread, accumulateRow, lloydBlock, hamerlyBlock, elkanBlock, kppBlock, farBlock, momentsBlock, inertiaBlock, runKMeansBlock, claimKMeansBlocks, kmeansWorkerLoop];
  // Test runners that keep function names (esbuild keepNames) may wrap functions in __name(...).
  return [
    'var __name = (f) => f;',
    ...fns.map((f) => f.toString()),
    `${kmeansWorkerLoop.name}(require('node:worker_threads').workerData);`,
  ].join('\n');
}
