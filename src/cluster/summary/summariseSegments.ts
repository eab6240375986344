import type { Matrix } from '../../core/Matrix';
import type { SegmentSummary } from './ClusterResult';

/**
 * Size, share, centre, and the mean and median of every column per segment (cluster.json's `segments`),
 * sorted by segment id. `raw`: the clustering columns in original units, NaN where a customer has no value
 * (left out of that column's mean and median); `labels[i]`: the fitted model's cluster of row i (noise,
 * -1, belongs to no segment); `centres`: cluster c's centre in original units (row c); `ids[c]`: the segment
 * id cluster c is published under. Shares are of all rows, noise included.
 */
export function summariseSegments(raw: Matrix, labels: Int32Array, centres: Matrix, ids: readonly number[]): SegmentSummary[] {
  const n = raw.rows;
  const p = raw.cols;
  const k = ids.length;
  // Rows grouped by cluster (a counting sort, rows ascending within a cluster).
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (c >= 0 && c < k) start[c + 1]!++;
  }
  for (let c = 0; c < k; c++) start[c + 1]! += start[c]!;
  const rows = new Int32Array(start[k]!);
  const next = start.slice(0, k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (c >= 0 && c < k) rows[next[c]!++] = i;
  }
  let largest = 0;
  for (let c = 0; c < k; c++) largest = Math.max(largest, start[c + 1]! - start[c]!);
  const values = new Float64Array(largest);

  const out: SegmentSummary[] = [];
  for (let c = 0; c < k; c++) {
    const centroid: Record<string, number> = {};
    const mean: Record<string, number | null> = {};
    const median: Record<string, number | null> = {};
    for (let j = 0; j < p; j++) {
      const name = raw.columns[j]!;
      centroid[name] = centres.data[c * centres.cols + j]!;
      let m = 0;
      for (let r = start[c]!; r < start[c + 1]!; r++) {
        const v = raw.data[rows[r]! * p + j]!;
        if (v === v) values[m++] = v;
      }
      if (m === 0) {
        mean[name] = null;
        median[name] = null;
        continue;
      }
      // Summed in ascending order: the same bits whatever order the rows come in.
      const sorted = values.subarray(0, m).sort();
      let sum = 0;
      for (let r = 0; r < m; r++) sum += sorted[r]!;
      mean[name] = sum / m;
      median[name] = m % 2 ? sorted[m >> 1]! : (sorted[m / 2 - 1]! + sorted[m / 2]!) / 2;
    }
    const size = start[c + 1]! - start[c]!;
    out.push({ id: ids[c]!, size, share: size / n, centroid, mean, median });
  }
  return out.sort((a, b) => a.id - b.id);
}
