import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Matrix } from '../../core/Matrix';
import type { BinMapper } from './BinMapper';
import { ensembleWorkerSource, walkRows, type WalkArrays } from './ensembleWalk';
import type { HistTree } from './HistTree';

/** Below this many row × tree walks the rows are scored on the calling thread (a worker costs ~30 ms to start). */
const PARALLEL_MIN_WALKS = 5_000_000;

/**
 * The trees of a fitted model flattened into one set of node arrays laid out for a branch-free walk
 * (ensembleWalk.ts): breadth-first, so the two children of a node are adjacent, and a leaf is its own
 * child with a threshold of +∞. `sum(X)` is, per row, the sum of the trees' leaf values.
 */
export class TreeEnsemble {
  private readonly walk: WalkArrays;
  /** Threads that scored the last call of sum (1 = the calling thread alone): what a benchmark reports. */
  lastThreads = 0;

  constructor(
    readonly trees: readonly HistTree[],
    readonly bins: BinMapper,
  ) {
    let nodes = 0, words = 0;
    for (const t of trees) {
      nodes += t.nodeCount;
      words += t.catWords.length;
    }
    const w: WalkArrays = {
      first: new Int32Array(nodes),
      feature: new Int32Array(nodes),
      threshold: new Float64Array(nodes),
      missRight: new Int32Array(nodes),
      value: new Float64Array(nodes),
      roots: new Int32Array(trees.length),
      catSet: new Int32Array(nodes).fill(-1),
      catWords: new Uint32Array(words),
      catKnown: bins.catKnown,
      hasCategorical: 0,
    };
    let at = 0, wordAt = 0;
    trees.forEach((t, ti) => {
      // Breadth-first renumbering: the children of a node get two consecutive slots.
      const slot = new Int32Array(t.nodeCount);
      const queue = [0];
      slot[0] = at;
      let next = at + 1;
      for (let q = 0; q < queue.length; q++) {
        const k = queue[q]!;
        const s = slot[k]!;
        if (t.feature[k]! < 0) {
          w.first[s] = s;
          w.threshold[s] = Infinity;
          w.value[s] = t.value[k]!;
          continue;
        }
        const l = t.left[k]!, r = t.right[k]!;
        slot[l] = next;
        slot[r] = next + 1;
        w.first[s] = next;
        w.feature[s] = t.feature[k]!;
        w.missRight[s] = t.missingLeft[k] === 1 ? 0 : 1;
        if (t.catSet[k]! >= 0) {
          w.hasCategorical = 1;
          w.threshold[s] = NaN;
          w.catSet[s] = wordAt + t.catSet[k]! * 8;
        } else w.threshold[s] = t.threshold[k]!;
        next += 2;
        queue.push(l, r);
      }
      w.roots[ti] = at;
      w.catWords.set(t.catWords, wordAt);
      at = next;
      wordAt += t.catWords.length;
    });
    this.walk = w;
  }

  /**
   * Per row: the sum of the leaf values of all trees, the same numbers on any number of threads. Large
   * inputs are split into row ranges scored by `threads` threads (default: the machine's, at most 8); the
   * calling thread scores the first range and waits for the others synchronously, so scoring stays a plain
   * function. A worker that fails or cannot start leaves its range to the calling thread; workers are pooled.
   */
  sum(X: Matrix, threads = Math.min(8, availableParallelism())): Float64Array {
    const { rows: n, cols: F, data } = X;
    const out = new Float64Array(n);
    const parts = n * this.walk.roots.length >= PARALLEL_MIN_WALKS ? Math.max(1, Math.min(threads, Math.floor(n / 8192))) : 1;
    if (parts === 1) {
      walkRows(this.walk, data, F, 0, n, out);
      this.lastThreads = 1;
      return out;
    }
    const bounds = Array.from({ length: parts + 1 }, (_, p) => Math.round((p * n) / parts));
    const jobs = bounds.slice(1, -1).map((from, p) => this.startWorker(data, F, from, bounds[p + 2]!, p));
    walkRows(this.walk, data, F, 0, bounds[1]!, out);
    const started = performance.now();
    let threadsUsed = 1;
    jobs.forEach((job, p) => {
      const from = bounds[p + 1]!, to = bounds[p + 2]!;
      if (job && waitFor(job.flag, started) === 1) {
        out.set(job.out, from);
        threadsUsed++;
      } else walkRows(this.walk, data, F, from, to, out.subarray(from, to));
    });
    this.lastThreads = threadsUsed;
    return out;
  }

  /** A pooled worker scoring rows from … to − 1 (copied into shared memory), or null when none can start. */
  private startWorker(data: Float64Array, F: number, from: number, to: number, slot: number): { flag: Int32Array; out: Float64Array } | null {
    const worker = pooledWorker(slot);
    if (!worker) return null;
    const rows = to - from;
    const input = new SharedArrayBuffer(rows * F * 8);
    new Float64Array(input).set(data.subarray(from * F, to * F));
    const output = new SharedArrayBuffer(rows * 8);
    const flag = new SharedArrayBuffer(4);
    worker.postMessage({ arrays: this.walk, data: input, F, rows, out: output, flag });
    return { flag: new Int32Array(flag), out: new Float64Array(output) };
  }
}

/**
 * Scoring workers, started on first use and kept (unreferenced: they never keep the process alive), so a
 * second scoring call finds their walk compiled. A worker that exits or fails is dropped and replaced.
 */
const pool: (Worker | null)[] = [];
function pooledWorker(slot: number): Worker | null {
  const existing = pool[slot];
  if (existing) return existing;
  try {
    const worker = new Worker(ensembleWorkerSource(), { eval: true });
    worker.unref();
    const drop = (): void => {
      if (pool[slot] === worker) pool[slot] = null;
    };
    worker.on('error', drop);
    worker.on('exit', drop);
    pool[slot] = worker;
    return worker;
  } catch {
    return null;
  }
}

/**
 * Wait for a worker's flag (1 done, 2 failed). A worker that has not finished 60 s after the calling
 * thread finished its own range is given up on (0): its range is scored here instead.
 */
function waitFor(flag: Int32Array, since: number): number {
  while (Atomics.load(flag, 0) === 0) {
    if (performance.now() - since > 60_000) return 0;
    Atomics.wait(flag, 0, 0, 1000);
  }
  return Atomics.load(flag, 0);
}
