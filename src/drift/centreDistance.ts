import { checkParam } from '../core/errors';
import type { Matrix } from '../core/Matrix';

/**
 * How far a segment's centre moved, in units of the segment's spread: the Euclidean distance between its
 * reference centre and its current centre (both in the current run's prepared space), divided by the root mean
 * square distance of its current members to their centre. Below ~0.5 the segment is the same kind of customer;
 * 1 means the old centre would not even be a typical member today. Not centred on the run's average customer
 * (the matching is): a shift of the whole base changes what each segment's customers are like, and that is
 * what this tells.
 */
export function centreDistance(X: Matrix, labels: ArrayLike<number>, segmentId: number, referenceCentre: Float64Array, currentCentre: Float64Array): number {
  const d = X.cols;
  checkParam(labels.length === X.rows, 'centreDistance labels', labels.length, `one label per row (${X.rows})`);
  checkParam(referenceCentre.length === d && currentCentre.length === d, 'centreDistance centres', [referenceCentre.length, currentCentre.length], `${d} coordinates each`);
  let ss = 0;
  let members = 0;
  const data = X.data;
  for (let i = 0; i < X.rows; i++) {
    if (labels[i] !== segmentId) continue;
    members++;
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const t = data[o + j]! - currentCentre[j]!;
      ss += t * t;
    }
  }
  checkParam(members > 0, 'centreDistance segmentId', segmentId, 'a segment with members in this run');
  let dist = 0;
  for (let j = 0; j < d; j++) dist += (referenceCentre[j]! - currentCentre[j]!) ** 2;
  const spread = Math.sqrt(ss / members);
  return spread > 0 ? Math.sqrt(dist) / spread : dist > 0 ? Infinity : 0;
}
