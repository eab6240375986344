import { Matrix } from '../../core/Matrix';
import { matchClusters, type ClusterMatching } from '../matching/matchClusters';
import { clusterCentroids, withinClusterSS } from '../metrics/clusterDispersion';

/**
 * A previous run's segments, their centres moved into this run's prepared space so distances compare
 * (the pipeline's readPreviousRun reads them from the earlier run folder).
 */
export interface PreviousRun {
  /** The run folder. */
  dir: string;
  /** Its cluster.json (named in the matching). */
  clusterFile: string;
  /** Segment id of each row of `centres`, and its customers. */
  ids: number[];
  centres: Matrix;
  sizes: Float64Array;
}

/** A run's segments in its prepared space. */
export interface SegmentCentres {
  /** Segment id (or model cluster) of each row of `centres`, ascending. */
  ids: number[];
  centres: Matrix;
  sizes: Float64Array;
  /** Root mean square distance of a customer to its segment's centre (noise left out): the unit of matchMaxDistance. */
  spread: number;
}

/**
 * How this run's segments match a previous run's. `matches[].current` and `newClusters[].current` are values of
 * the current SegmentCentres' ids; `matches[].previous` and `disappeared` are the previous run's segment ids;
 * mapping[row] is the id the current row keeps (a previous id) or gets (a new one). `matches[].distance` is
 * between the two centres taken relative to their run's average customer, in this run's prepared units.
 */
export interface RunMatching extends ClusterMatching {
  /** The previous run's cluster.json. */
  previousRun: string;
  spread: number;
  /** The cutoff in spreads (cluster.matchMaxDistance) and in prepared units (× spread). */
  maxDistanceSpreads: number;
  maxDistance: number;
}

/**
 * Centres of a run's segments in its prepared space (the mean of their customers' prepared rows) and the
 * spread. `ids`: the segment ids (or model clusters) to take, ascending; labels outside them (noise) are left out.
 */
export function segmentCentres(X: Matrix, labels: ArrayLike<number>, ids: readonly number[]): SegmentCentres {
  const row = new Map(ids.map((id, r) => [id, r]));
  const codes = new Int32Array(X.rows);
  let assigned = 0;
  for (let i = 0; i < X.rows; i++) {
    const r = row.get(labels[i]!);
    codes[i] = r ?? -1;
    if (r !== undefined) assigned++;
  }
  const { centroids, sizes } = clusterCentroids(X.data, X.rows, X.cols, codes, ids.length);
  const wss = withinClusterSS(X.data, X.rows, X.cols, codes, centroids);
  return { ids: [...ids], centres: new Matrix(centroids, ids.length, X.cols, X.columns), sizes, spread: assigned > 0 ? Math.sqrt(wss / assigned) : 0 };
}

/**
 * Match this run's segments to a previous run's one to one (Hungarian, minimum total distance between
 * centres); a pair farther apart than maxDistanceSpreads × spread is no match. Each centre is taken relative
 * to its run's average customer (the size-weighted mean of its centres): a shift of the whole base — every
 * customer of a closed cohort three months older — moves no segment. New segments get ids from nextId on
 * (default: above every previous id, so a retired id is never reused).
 */
export function matchPreviousRun(current: SegmentCentres, previous: PreviousRun, maxDistanceSpreads: number, nextId = Math.max(...previous.ids) + 1): RunMatching {
  const maxDistance = maxDistanceSpreads * current.spread;
  const m = matchClusters(centred(previous.centres, previous.sizes), centred(current.centres, current.sizes), { maxDistance, nextId });
  const mapping = new Array<number>(current.ids.length);
  for (const x of m.matches) mapping[x.current] = previous.ids[x.previous]!;
  for (const x of m.newClusters) mapping[x.current] = x.id;
  return {
    mapping,
    matches: m.matches.map((x) => ({ current: current.ids[x.current]!, previous: previous.ids[x.previous]!, distance: x.distance })),
    newClusters: m.newClusters.map((x) => ({ current: current.ids[x.current]!, id: x.id })),
    disappeared: m.disappeared.map((p) => previous.ids[p]!),
    totalDistance: m.totalDistance,
    previousRun: previous.clusterFile,
    spread: current.spread,
    maxDistanceSpreads,
    maxDistance,
  };
}

/** Rows minus their size-weighted mean (the run's average customer, noise left out). */
function centred(M: Matrix, sizes: Float64Array): Matrix {
  const mean = new Float64Array(M.cols);
  let total = 0;
  for (let r = 0; r < M.rows; r++) {
    total += sizes[r]!;
    for (let j = 0; j < M.cols; j++) mean[j]! += sizes[r]! * M.data[r * M.cols + j]!;
  }
  const out = new Float64Array(M.data.length);
  for (let r = 0; r < M.rows; r++) for (let j = 0; j < M.cols; j++) out[r * M.cols + j] = M.data[r * M.cols + j]! - (total > 0 ? mean[j]! / total : 0);
  return new Matrix(out, M.rows, M.cols, M.columns);
}
