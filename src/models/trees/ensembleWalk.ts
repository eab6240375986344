/**
 * The scoring walk of a tree ensemble, as plain functions of typed arrays: the same source runs on the
 * calling thread and, through its text (ensembleWorkerSource), in worker threads.
 *
 * Node layout (TreeEnsemble builds it): the two children of a node are adjacent (first child = left,
 * first + 1 = right) and a leaf is its own child with a threshold of +∞, so a step past a leaf stays on it.
 * A step computes goes-right as 0/1 from the comparison (NaN fails it and takes the learned missing side):
 * no branch depends on the data. A mispredicted branch per level cost more than the rest of the walk, and
 * eight rows walk side by side so that their independent chains of loads overlap.
 */
export interface WalkArrays {
  first: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  /** 1 when NaN (and, at a categorical node, an unseen level) goes right, else 0. */
  missRight: Int32Array;
  value: Float64Array;
  roots: Int32Array;
  /** Categorical nodes: offset of the level set in catWords, else −1; catKnown: the levels seen in training per feature (8 words each). */
  catSet: Int32Array;
  catWords: Uint32Array;
  catKnown: Uint32Array;
  hasCategorical: number;
}

/** out[i − from] += Σ over trees of the leaf value row i reaches, for rows from … to − 1 of row-major `data`. */
export function walkRows(w: WalkArrays, data: Float64Array, F: number, from: number, to: number, out: Float64Array): void {
  if (w.hasCategorical === 1) {
    walkRowsCategorical(w, data, F, from, to, out);
    return;
  }
  const { first, feature, threshold, missRight, value, roots } = w;
  const T = roots.length;
  const BLOCK = 256;
  for (let start = from; start < to; start += BLOCK) {
    const end = Math.min(to, start + BLOCK);
    for (let t = 0; t < T; t++) {
      const root = roots[t]!;
      let i = start;
      for (; i + 8 <= end; i += 8) {
        const b = i * F;
        let k0 = root, k1 = root, k2 = root, k3 = root, k4 = root, k5 = root, k6 = root, k7 = root;
        let moved = 1;
        while (moved !== 0) {
          const v0 = data[b + feature[k0]!]!, v1 = data[b + F + feature[k1]!]!, v2 = data[b + 2 * F + feature[k2]!]!, v3 = data[b + 3 * F + feature[k3]!]!;
          const v4 = data[b + 4 * F + feature[k4]!]!, v5 = data[b + 5 * F + feature[k5]!]!, v6 = data[b + 6 * F + feature[k6]!]!, v7 = data[b + 7 * F + feature[k7]!]!;
          const n0 = first[k0]! + (+(v0 > threshold[k0]!) | (+(v0 !== v0) & missRight[k0]!));
          const n1 = first[k1]! + (+(v1 > threshold[k1]!) | (+(v1 !== v1) & missRight[k1]!));
          const n2 = first[k2]! + (+(v2 > threshold[k2]!) | (+(v2 !== v2) & missRight[k2]!));
          const n3 = first[k3]! + (+(v3 > threshold[k3]!) | (+(v3 !== v3) & missRight[k3]!));
          const n4 = first[k4]! + (+(v4 > threshold[k4]!) | (+(v4 !== v4) & missRight[k4]!));
          const n5 = first[k5]! + (+(v5 > threshold[k5]!) | (+(v5 !== v5) & missRight[k5]!));
          const n6 = first[k6]! + (+(v6 > threshold[k6]!) | (+(v6 !== v6) & missRight[k6]!));
          const n7 = first[k7]! + (+(v7 > threshold[k7]!) | (+(v7 !== v7) & missRight[k7]!));
          moved = (n0 ^ k0) | (n1 ^ k1) | (n2 ^ k2) | (n3 ^ k3) | (n4 ^ k4) | (n5 ^ k5) | (n6 ^ k6) | (n7 ^ k7);
          k0 = n0; k1 = n1; k2 = n2; k3 = n3; k4 = n4; k5 = n5; k6 = n6; k7 = n7;
        }
        const o = i - from;
        out[o]! += value[k0]!; out[o + 1]! += value[k1]!; out[o + 2]! += value[k2]!; out[o + 3]! += value[k3]!;
        out[o + 4]! += value[k4]!; out[o + 5]! += value[k5]!; out[o + 6]! += value[k6]!; out[o + 7]! += value[k7]!;
      }
      for (; i < end; i++) {
        const b = i * F;
        let k = root;
        for (;;) {
          const v = data[b + feature[k]!]!;
          const next = first[k]! + (+(v > threshold[k]!) | (+(v !== v) & missRight[k]!));
          if (next === k) break;
          k = next;
        }
        out[i - from]! += value[k]!;
      }
    }
  }
}

/** The walk of a model with categorical splits: a level-set test at those nodes (a level outside the training levels takes the missing side). */
export function walkRowsCategorical(w: WalkArrays, data: Float64Array, F: number, from: number, to: number, out: Float64Array): void {
  const { first, feature, threshold, missRight, value, roots, catSet, catWords, catKnown } = w;
  const T = roots.length;
  const BLOCK = 256;
  for (let start = from; start < to; start += BLOCK) {
    const end = Math.min(to, start + BLOCK);
    for (let t = 0; t < T; t++) {
      const root = roots[t]!;
      for (let i = start; i < end; i++) {
        const b = i * F;
        let k = root;
        for (;;) {
          const f = feature[k]!;
          const v = data[b + f]!;
          const set = catSet[k]!;
          let next: number;
          if (set < 0) next = first[k]! + (+(v > threshold[k]!) | (+(v !== v) & missRight[k]!));
          else {
            const known = Number.isInteger(v) && v >= 0 && v < 256 && ((catKnown[f * 8 + (v >>> 5)]! >>> (v & 31)) & 1) === 1;
            next = first[k]! + (known ? (((catWords[set + (v >>> 5)]! >>> (v & 31)) & 1) ^ 1) : missRight[k]!);
          }
          if (next === k) break;
          k = next;
        }
        out[i - from]! += value[k]!;
      }
    }
  }
}

/**
 * The source text of a scoring worker: for each job posted to it, it walks the job's rows into a shared output
 * and raises the job's shared flag (1 done, 2 failed) with Atomics.notify, so the calling thread can wait for
 * it synchronously. Workers stay alive between jobs (their walk stays compiled).
 */
export function ensembleWorkerSource(): string {
  return [
    'var __name = (f) => f;',
    walkRows.toString(),
    walkRowsCategorical.toString(),
    `const { parentPort } = require('node:worker_threads');`,
    `parentPort.on('message', (j) => {`,
    `  const flag = new Int32Array(j.flag);`,
    `  try { ${walkRows.name}(j.arrays, new Float64Array(j.data), j.F, 0, j.rows, new Float64Array(j.out)); Atomics.store(flag, 0, 1); }`,
    `  catch (e) { Atomics.store(flag, 0, 2); }`,
    `  Atomics.notify(flag, 0);`,
    `});`,
  ].join('\n');
}
