import { typeName, UsageError, usageError } from '../../core/errors';
import { NOISE } from '../ClusterModel';

/** Labels as a caller may hold them: the Int32Array of a ClusterModel, or a plain array. */
export type LabelsInput = Int32Array | readonly number[];

/** Cluster labels re-coded to 0..k-1 (NOISE stays -1), with the original id of every code. */
export interface EncodedClusterLabels {
  /** Code per row: 0..k-1, or -1 for noise. */
  codes: Int32Array;
  /** Number of clusters (noise excluded). */
  k: number;
  /** Original label of code c, ascending. */
  ids: number[];
  /** Rows per code. */
  sizes: Int32Array;
  /** Rows labelled NOISE. */
  noise: number;
}

/**
 * Check a label vector: one integer per row, each >= 0 or NOISE (-1). Returns it as an Int32Array
 * (the caller's array when it already is one).
 */
export function checkClusterLabels(labels: LabelsInput, rows: number, who: string, name = 'labels'): Int32Array {
  if (!(labels instanceof Int32Array) && !Array.isArray(labels)) {
    throw usageError(who, `${name} must be an Int32Array or an array of integers (got ${typeName(labels)})`);
  }
  if (labels.length !== rows) throw usageError(who, `${name} has ${labels.length} values, expected one per row of X (${rows})`);
  if (labels instanceof Int32Array) {
    for (let i = 0; i < labels.length; i++) {
      if (labels[i]! < NOISE) throw usageError(who, `${name}[${i}] is ${labels[i]}; labels must be >= 0, or ${NOISE} for noise`);
    }
    return labels;
  }
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (!Number.isInteger(v) || v < NOISE || v > 0x7fffffff) {
      throw usageError(who, `${name}[${i}] is ${JSON.stringify(v)}; labels must be integers >= 0, or ${NOISE} for noise`);
    }
    out[i] = v;
  }
  return out;
}

/** Any integer labelling (for comparing two partitions, where -1 is just another class). */
export function checkAnyLabels(labels: LabelsInput, who: string, name: string): Int32Array {
  if (!(labels instanceof Int32Array) && !Array.isArray(labels)) {
    throw usageError(who, `${name} must be an Int32Array or an array of integers (got ${typeName(labels)})`);
  }
  if (labels instanceof Int32Array) return labels;
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) {
      throw usageError(who, `${name}[${i}] is ${JSON.stringify(v)}; labels must be 32-bit integers`);
    }
    out[i] = v;
  }
  return out;
}

/** Re-code checked cluster labels to 0..k-1 in ascending order of the original ids; noise stays -1. */
export function encodeClusterLabels(labels: Int32Array): EncodedClusterLabels {
  let max = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > max) max = labels[i]!;
  // Labels are usually 0..k-1: a dense lookup is fastest; fall back to a Map for sparse large ids.
  const dense = max < Math.max(1024, 2 * labels.length);
  const codeOf = dense ? new Int32Array(max + 1).fill(-1) : null;
  const seen = new Map<number, number>();
  const ids: number[] = [];
  let noise = 0;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (v === NOISE) {
      noise++;
      continue;
    }
    if (codeOf) {
      if (codeOf[v] === -1) {
        codeOf[v] = 0;
        ids.push(v);
      }
    } else if (!seen.has(v)) {
      seen.set(v, 0);
      ids.push(v);
    }
  }
  ids.sort((a, b) => a - b);
  ids.forEach((id, c) => (codeOf ? (codeOf[id] = c) : seen.set(id, c)));
  const k = ids.length;
  const codes = new Int32Array(labels.length);
  const sizes = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (v === NOISE) {
      codes[i] = NOISE;
      continue;
    }
    const c = codeOf ? codeOf[v]! : seen.get(v)!;
    codes[i] = c;
    sizes[c]!++;
  }
  return { codes, k, ids, sizes, noise };
}

/** The internal metrics need 2 <= clusters <= rows - 1 (scikit-learn's rule), noise excluded. */
export function checkClusterCount(k: number, rows: number, who: string, noise: number): void {
  if (k < 2 || k > rows - 1) {
    const noiseNote = noise > 0 ? ` after excluding ${noise} noise row${noise === 1 ? '' : 's'}` : '';
    throw new UsageError(
      `${who}: labels hold ${k} cluster${k === 1 ? '' : 's'} for ${rows} row${rows === 1 ? '' : 's'}${noiseNote}; the score needs between 2 and ${rows - 1} clusters (2 <= k <= rows - 1).`,
    );
  }
}
