import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import { Matrix } from '../core/Matrix';
import { matchClusters, type ClusterMatching } from '../cluster/matching/matchClusters';
import { clusterCentroids, withinClusterSS } from '../cluster/metrics/clusterDispersion';
import type { ClusterResult } from './ClusterResult';
import type { PreparedClusterInput } from './prepareClusterInput';
import { readRunJson } from './RunFolder';

/** The setting a previous run came from, named in errors. */
export type PreviousRunField = 'cluster.previous' | 'report.previous' | '--previous';

/** A previous run's segments, their centres moved into this run's prepared space so distances compare. */
export interface PreviousRun {
  /** The run folder. */
  dir: string;
  /** Its cluster.json. */
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

/** The run folder a previous-run setting points to: the folder itself, or the folder of a file in it. */
export function previousRunDir(path: string): string {
  const p = resolve(path);
  return existsSync(p) && statSync(p).isDirectory() ? p : dirname(p);
}

/**
 * The cluster.json of the run a previous-run setting points to; an InputError with the reason when there is
 * none (checked before a run starts, so a wrong --previous costs no loading).
 */
export function previousClusterFile(path: string, field: PreviousRunField): string {
  const dir = previousRunDir(path);
  const clusterFile = join(dir, 'cluster.json');
  if (!existsSync(clusterFile)) {
    throw new InputError(`${field} does not point to a clustered run.`, [
      {
        severity: 'error',
        check: 'missing-previous',
        message: `no cluster.json in ${dir}`,
        location: { field, file: dir },
        hint: 'segments can only be compared once matched by their centres, which cluster.json holds: give the folder of an earlier run that ran the cluster stage (reports/<run-id>)',
      },
    ]);
  }
  return clusterFile;
}

/**
 * A previous run's cluster.json, checked to be clustered on this run's features, its centres (saved in
 * original units) moved into this run's prepared space. Segments can only be compared once matched, so a
 * run without cluster.json, or clustered on other features, is refused with the reason.
 */
export function readPreviousRun(path: string, prep: PreparedClusterInput, field: PreviousRunField): PreviousRun {
  const clusterFile = previousClusterFile(path, field);
  const dir = dirname(clusterFile);
  const previous = readRunJson<Partial<ClusterResult>>(clusterFile);
  const segments = Array.isArray(previous.segments) ? previous.segments : [];
  if (!segments.length) {
    throw new InputError(`${field}: the previous run has no segments.`, [{ severity: 'error', check: 'previous-features', message: 'cluster.json lists no segment', location: { field, file: clusterFile }, hint: 'give an earlier run whose cluster stage finished' }]);
  }
  const names = prep.raw.columns;
  const theirs = Array.isArray(previous.features) ? previous.features.map((f) => f.name) : Object.keys(segments[0]!.centroid ?? {});
  const onlyHere = names.filter((f) => !theirs.includes(f));
  const onlyThere = theirs.filter((f) => !names.includes(f));
  const catHere = prep.categorical?.columns ?? [];
  const catThere = previous.categorical ?? [];
  const catOnlyHere = catHere.filter((c) => !catThere.includes(c));
  const catOnlyThere = catThere.filter((c) => !catHere.includes(c));
  if (onlyHere.length || onlyThere.length || catOnlyHere.length || catOnlyThere.length) {
    const parts = [
      onlyHere.length ? `only in this run: ${onlyHere.join(', ')}` : '',
      onlyThere.length ? `only in the previous run: ${onlyThere.join(', ')}` : '',
      catOnlyHere.length ? `categorical only in this run: ${catOnlyHere.join(', ')}` : '',
      catOnlyThere.length ? `categorical only in the previous run: ${catOnlyThere.join(', ')}` : '',
    ].filter(Boolean);
    throw new InputError(`${field}: the previous run was clustered on other features, so its segments cannot be matched to this run's.`, [
      { severity: 'error', check: 'previous-features', message: parts.join('; '), location: { field, file: clusterFile }, hint: 'compare runs clustered on the same cluster.features (and cluster.categorical): re-run one of them with the other one\'s features' },
    ]);
  }
  const data = new Float64Array(segments.length * names.length);
  segments.forEach((seg, r) => {
    names.forEach((f, j) => {
      const v = seg.centroid?.[f];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InputError(`${field}: the previous run's cluster.json is damaged.`, [
          { severity: 'error', check: 'previous-centre', message: `segment ${String(seg.id)} has no finite centre for ${f} (got ${JSON.stringify(v)})`, location: { field, file: clusterFile }, hint: 'run the previous quarter again, or give another run' },
        ]);
      }
      data[r * names.length + j] = v;
    });
  });
  const centres = prep.toPrepared(new Matrix(data, segments.length, names.length, names));
  const sizes = Float64Array.from(segments, (s) => (typeof s.size === 'number' && s.size > 0 ? s.size : 0));
  return { dir, clusterFile, ids: segments.map((s) => s.id), centres, sizes };
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
