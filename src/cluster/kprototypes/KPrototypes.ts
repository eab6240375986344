import { InputError, typeName, usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { silentProgress } from '../../core/progress';
import { Rng } from '../../core/rng';
import { mixedMatrix, type MixedMatrix } from '../CategoricalMatrix';
import type { FitOptions } from '../ClusterModel';
import { assignNearest, costParts, mixedData, mixedDissimilarity, movedByCategories, oneClusterCost, type MixedData, type Prototypes } from './KPrototypesData';
import { KPROTOTYPES_GAMMA_RULES, type KPrototypesGammaRule } from './KPrototypesGammaRule';
import { initialPrototypes, KPROTOTYPES_INITS, type KPrototypesInit } from './KPrototypesInit';
import { KPrototypesModel } from './KPrototypesModel';
import { resolveKPrototypesParams, type KPrototypesParams, type ResolvedKPrototypesParams } from './kprototypesParams';
import { validateClusterInput, validateSampleWeight } from '../validateClusterInput';

export { KPROTOTYPES_INITS, type KPrototypesInit, KPROTOTYPES_GAMMA_RULES, type KPrototypesGammaRule, type KPrototypesParams, type ResolvedKPrototypesParams };

/** One restart's result. */
interface Run {
  protos: Prototypes;
  labels: Int32Array;
  cost: number;
  nIter: number;
  converged: boolean;
}

/**
 * k-prototypes (Huang 1997, 1998) for mixed numeric and categorical data, as the kmodes package's
 * KPrototypes: cost = squared Euclidean distance on the numeric columns + gamma × the number of
 * categorical mismatches; prototypes are (weighted) means and modes (ties: the lowest level code).
 *
 * Huang's algorithm moves one row at a time: each pass visits the rows in order and moves a row to a
 * strictly cheaper prototype, updating both prototypes at once. A cluster left empty takes the row
 * of the largest cluster that is farthest from its prototype. A run stops when a pass moves no row,
 * when the cost falls by at most tol × cost, or after maxIter passes. Labels are each row's nearest
 * prototype, so predict on the training rows returns them.
 */
export class KPrototypes {
  readonly params: ResolvedKPrototypesParams;

  /** Validates params against kprototypesParamsSchema (the first bad one is named) and fills the defaults. */
  constructor(params: KPrototypesParams) {
    this.params = resolveKPrototypesParams(params);
  }

  /** Gamma by the rule 'huang': 0.5 × the mean population standard deviation of the numeric columns. */
  static huangGamma(numeric: Matrix): number {
    const { data, rows: n, cols: p } = numeric;
    let sum = 0;
    for (let j = 0; j < p; j++) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += data[i * p + j]!;
      mean /= n;
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (data[i * p + j]! - mean) ** 2;
      sum += Math.sqrt(ss / n);
    }
    return (0.5 * sum) / p;
  }

  fit(X: MixedMatrix, options: FitOptions = {}): KPrototypesModel {
    const who = 'KPrototypes.fit';
    if (X === null || typeof X !== 'object') throw usageError(who, `X must be a MixedMatrix { numeric, categorical } (got ${typeName(X)})`);
    mixedMatrix(X.numeric, X.categorical, who);
    const { k, init, maxIter, tol, seed } = this.params;
    validateClusterInput(X.numeric, { who, nClusters: k });
    if (X.categorical.cols === 0) throw new InputError(`${who}: the categorical part has 0 columns; for numeric data only use KMeans.`);
    const weight = validateSampleWeight(options.sampleWeight, X.numeric.rows, who) ?? null;
    const progress = options.progress ?? silentProgress;
    const data = mixedData(X.numeric, X.categorical.codes, X.categorical.levels, weight);
    const spread = oneClusterCost(data);
    const rule = this.params.gamma;
    let gamma: number;
    if (typeof rule === 'number') gamma = rule;
    else if (rule === 'huang') gamma = KPrototypes.huangGamma(X.numeric);
    else {
      if (!(spread.mismatches > 0)) {
        throw new InputError(
          `${who}: gamma 'balanced' needs categorical columns with more than one value, but ${X.categorical.columns.map((c) => `"${c}"`).join(', ')} hold one value each (among rows with weight): they cannot separate rows. Drop them (use KMeans), or give gamma a number.`,
        );
      }
      gamma = spread.numeric / spread.mismatches;
    }
    // Cao's initialisation has no randomness: further restarts would repeat the first.
    const runs = init === 'cao' ? 1 : this.params.nInit;

    progress.start(`k-prototypes (k=${k}, ${runs} restart${runs === 1 ? '' : 's'})`, runs);
    let best: Run | null = null;
    for (let r = 0; r < runs; r++) {
      const protos = initialPrototypes(init, data, k, Rng.derive(seed, `kprototypes/init/${r}`));
      const run = runHuang(data, k, gamma, protos, maxIter, tol);
      if (!best || run.cost < best.cost) best = run;
      progress.update(r + 1);
    }
    const b = best!;
    progress.end(`cost ${b.cost.toPrecision(6)}${b.converged ? '' : `; the best restart had not converged after maxIter=${maxIter} passes`}`);

    const parts = costParts(data, b.protos, b.labels);
    const moved = movedByCategories(data, b.protos.centroids, k, b.labels);
    if (moved === 0 && k > 1) {
      progress.note(
        `k-prototypes: the categorical part moved no row (gamma ${gamma.toPrecision(3)}): every row's prototype is also its nearest on the numeric columns alone, so the clusters are those of k-means; raise gamma or leave the categorical columns out`,
      );
    }
    const centroids = new Matrix(b.protos.centroids, k, data.p, [...X.numeric.columns]);
    return new KPrototypesModel({
      params: { ...this.params },
      numericColumns: [...X.numeric.columns],
      categoricalColumns: [...X.categorical.columns],
      levels: X.categorical.levels.map((l) => [...l]),
      gamma,
      gammaRule: typeof rule === 'number' ? 'given' : rule,
      costParts: { numeric: parts.numeric, categorical: gamma * parts.mismatches },
      oneClusterCost: { numeric: spread.numeric, categorical: gamma * spread.mismatches },
      movedByCategorical: moved,
      centroids,
      modeCodes: b.protos.modes,
      labels: b.labels,
      cost: b.cost,
      nIter: b.nIter,
      converged: b.converged,
    });
  }
}

/** One restart of Huang's row-by-row algorithm from the given prototypes. */
function runHuang(data: MixedData, k: number, gamma: number, init: Prototypes, maxIter: number, tol: number): Run {
  const state = new HuangState(data, k, gamma, init);
  const near = new Int32Array(data.n);
  state.start();
  let cost = assignNearest(data, state.protos, k, gamma, near);
  let nIter = 0;
  let converged = false;
  while (nIter < maxIter && !converged) {
    nIter++;
    const moves = state.pass();
    const next = assignNearest(data, state.protos, k, gamma, near);
    // tol = 0 is kmodes' rule: stop once the cost does not fall.
    converged = moves === 0 || next >= cost - tol * cost;
    cost = next;
  }
  if (hasEmptyCluster(near, k)) {
    // Rare: moving prototypes after the last pass left one nearest to no row. Keep the pass's
    // membership, which has no empty cluster, and its own prototypes and cost.
    state.resync();
    return { protos: state.protos, labels: state.labels, cost: state.cost(), nIter, converged };
  }
  return { protos: state.protos, labels: near, cost, nIter, converged };
}

function hasEmptyCluster(labels: Int32Array, k: number): boolean {
  const seen = new Uint8Array(k);
  let count = 0;
  for (let i = 0; i < labels.length && count < k; i++) {
    if (!seen[labels[i]!]) {
      seen[labels[i]!] = 1;
      count++;
    }
  }
  return count < k;
}

/**
 * Membership and running statistics of one run: per cluster the row count, total weight, weighted
 * numeric sums and weighted level frequencies, from which prototypes are updated after every move.
 */
class HuangState {
  readonly protos: Prototypes;
  readonly labels: Int32Array;
  private readonly count: Int32Array;
  private readonly wsum: Float64Array;
  private readonly sums: Float64Array;
  private readonly freq: Float64Array;
  private readonly nLevelsTotal: number;
  /** Below this total weight a cluster holds only zero-weight rows: its prototype stays where it was. */
  private readonly tiny: number;
  private readonly dist: Float64Array;

  constructor(
    private readonly data: MixedData,
    private readonly k: number,
    private readonly gamma: number,
    init: Prototypes,
  ) {
    this.protos = { centroids: init.centroids.slice(), modes: init.modes.slice() };
    this.labels = new Int32Array(data.n);
    this.count = new Int32Array(k);
    this.wsum = new Float64Array(k);
    this.sums = new Float64Array(k * data.p);
    this.nLevelsTotal = data.levelOffset[data.m]!;
    this.freq = new Float64Array(k * this.nLevelsTotal);
    let total = data.n;
    if (data.weight) {
      total = 0;
      for (let i = 0; i < data.n; i++) total += data.weight[i]!;
    }
    this.tiny = total * 1e-12;
    this.dist = new Float64Array(k);
  }

  /** Nearest-prototype membership, no empty cluster, prototypes from the members. */
  start(): void {
    assignNearest(this.data, this.protos, this.k, this.gamma, this.labels);
    this.resync();
    for (let c = 0; c < this.k; c++) if (this.count[c] === 0) this.repair(c);
    this.resync();
  }

  /** Recount the statistics from the membership (no drift from incremental updates) and reset prototypes. */
  resync(): void {
    const { n, p, m, num, codes, levelOffset, weight } = this.data;
    const { labels, count, wsum, sums, freq } = this;
    const L = this.nLevelsTotal;
    count.fill(0);
    wsum.fill(0);
    sums.fill(0);
    freq.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      const w = weight ? weight[i]! : 1;
      count[c]!++;
      wsum[c]! += w;
      for (let j = 0, a = i * p, b = c * p; j < p; j++) sums[b + j]! += w * num[a + j]!;
      for (let j = 0, a = i * m, b = c * L; j < m; j++) freq[b + levelOffset[j]! + codes[a + j]!]! += w;
    }
    for (let c = 0; c < this.k; c++) {
      this.updateCentroid(c);
      for (let j = 0; j < m; j++) this.rescanMode(c, j);
    }
  }

  /** One pass over the rows in order; returns how many rows moved. */
  pass(): number {
    this.resync();
    const { n, p, m, num, codes } = this.data;
    const { labels, dist, k, gamma } = this;
    const { centroids, modes } = this.protos;
    let moves = 0;
    for (let i = 0; i < n; i++) {
      const cur = labels[i]!;
      const a = i * p;
      const am = i * m;
      for (let c = 0; c < k; c++) {
        // Inlined mixedDissimilarity (the hot loop of a pass).
        let d = 0;
        for (let j = 0, b = c * p; j < p; j++) {
          const t = num[a + j]! - centroids[b + j]!;
          d += t * t;
        }
        let mismatches = 0;
        for (let j = 0, b = c * m; j < m; j++) if (codes[am + j] !== modes[b + j]) mismatches++;
        dist[c] = d + gamma * mismatches;
      }
      let best = cur;
      let bestD = dist[cur]!;
      for (let c = 0; c < k; c++) {
        if (dist[c]! < bestD) {
          bestD = dist[c]!;
          best = c;
        }
      }
      if (best === cur) continue;
      this.move(i, cur, best);
      moves++;
      if (this.count[cur] === 0) this.repair(cur);
    }
    return moves;
  }

  /** Total weighted cost of the current membership. */
  cost(): number {
    const { n, weight } = this.data;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = mixedDissimilarity(this.data, i, this.protos.centroids, this.protos.modes, this.labels[i]!, this.gamma);
      total += weight ? weight[i]! * d : d;
    }
    return total;
  }

  /** Move row i from cluster a to b and update both prototypes. */
  private move(i: number, a: number, b: number): void {
    const { p, m, num, codes, levelOffset, weight } = this.data;
    const L = this.nLevelsTotal;
    const w = weight ? weight[i]! : 1;
    this.labels[i] = b;
    this.count[a]!--;
    this.count[b]!++;
    this.wsum[a]! -= w;
    this.wsum[b]! += w;
    for (let j = 0; j < p; j++) {
      const x = w * num[i * p + j]!;
      this.sums[a * p + j]! -= x;
      this.sums[b * p + j]! += x;
    }
    this.updateCentroid(a);
    this.updateCentroid(b);
    const modes = this.protos.modes;
    for (let j = 0; j < m; j++) {
      const code = codes[i * m + j]!;
      const off = levelOffset[j]! + code;
      this.freq[a * L + off]! -= w;
      this.freq[b * L + off]! += w;
      if (modes[a * m + j] === code) this.rescanMode(a, j);
      // Only the added level can overtake b's mode (equal counts: the lower code wins).
      const mode = modes[b * m + j]!;
      if (code !== mode) {
        const fc = this.freq[b * L + off]!;
        const fm = this.freq[b * L + levelOffset[j]! + mode]!;
        if (fc > fm || (fc === fm && code < mode)) modes[b * m + j] = code;
      }
    }
  }

  /** Fill empty cluster e with the row of the largest cluster that is farthest from its prototype. */
  private repair(e: number): void {
    const { n, p, m, num, codes } = this.data;
    let src = 0;
    for (let c = 1; c < this.k; c++) if (this.count[c]! > this.count[src]!) src = c;
    let far = -1;
    let farD = -1;
    for (let i = 0; i < n; i++) {
      if (this.labels[i] !== src) continue;
      const d = mixedDissimilarity(this.data, i, this.protos.centroids, this.protos.modes, src, this.gamma);
      if (d > farD) {
        farD = d;
        far = i;
      }
    }
    this.move(far, src, e);
    // A one-row cluster's prototype is that row (exactly, and even when its weight is 0).
    this.protos.centroids.set(num.subarray(far * p, far * p + p), e * p);
    this.protos.modes.set(codes.subarray(far * m, far * m + m), e * m);
  }

  private updateCentroid(c: number): void {
    const p = this.data.p;
    const w = this.wsum[c]!;
    if (!(w > this.tiny)) return;
    for (let j = 0; j < p; j++) this.protos.centroids[c * p + j] = this.sums[c * p + j]! / w;
  }

  /** Mode of column j in cluster c: the most frequent level, ties to the lowest code; unchanged when the cluster has no weight. */
  private rescanMode(c: number, j: number): void {
    const { m, levelOffset, nLevels } = this.data;
    const base = c * this.nLevelsTotal + levelOffset[j]!;
    let best = -1;
    let bestF = 0;
    for (let l = 0; l < nLevels[j]!; l++) {
      const f = this.freq[base + l]!;
      if (f > bestF) {
        bestF = f;
        best = l;
      }
    }
    if (best >= 0 && bestF > this.tiny) this.protos.modes[c * m + j] = best;
  }
}
