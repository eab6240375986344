import { assertUnreachable } from '../../core/assertUnreachable';
import { checkParam } from '../../core/errors';
import type { LabelsInput } from './clusterLabels';
import { sparseContingency } from './contingency';

/** How the two entropies are averaged to normalise the mutual information. */
export type NmiAverage = 'arithmetic' | 'geometric' | 'min' | 'max';
const AVERAGES: readonly NmiAverage[] = ['arithmetic', 'geometric', 'min', 'max'];

/** Entropy (natural log) of a label distribution given its counts. */
function entropy(counts: Float64Array, n: number): number {
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0) h -= (c / n) * Math.log(c / n);
  }
  return h;
}

/**
 * Normalised mutual information of two labellings of the same rows: MI / average(H(A), H(B)), in [0, 1].
 * Default average 'arithmetic' (scikit-learn's default since 0.22). Every integer is a class (-1 too).
 * Like scikit-learn: 1 when both labellings are a single class, 0 when the mutual information is 0.
 */
export function normalizedMutualInfo(labelsA: LabelsInput, labelsB: LabelsInput, options: { average?: NmiAverage } = {}): number {
  const who = 'normalizedMutualInfo';
  const { average = 'arithmetic' } = options;
  checkParam(AVERAGES.includes(average), `${who} average`, average, AVERAGES.map((a) => `'${a}'`).join(', '));
  const t = sparseContingency(labelsA, labelsB, who);
  const r = t.rowSums.length;
  const c = t.colSums.length;
  if ((r === 1 && c === 1) || (r === 0 && c === 0)) return 1;
  const { n } = t;
  let mi = 0;
  for (let i = 0; i < t.cells.length; i++) {
    const nij = t.cells[i]!;
    const term = (nij / n) * Math.log((n * nij) / (t.rowSums[t.cellRows[i]!]! * t.colSums[t.cellCols[i]!]!));
    // scikit-learn zeroes terms below machine epsilon so that exact independence gives exactly 0.
    if (Math.abs(term) >= Number.EPSILON) mi += term;
  }
  if (mi <= 0) return 0;
  const ha = entropy(t.rowSums, n);
  const hb = entropy(t.colSums, n);
  let norm: number;
  switch (average) {
    case 'arithmetic':
      norm = (ha + hb) / 2;
      break;
    case 'geometric':
      norm = Math.sqrt(ha * hb);
      break;
    case 'min':
      norm = Math.min(ha, hb);
      break;
    case 'max':
      norm = Math.max(ha, hb);
      break;
    default:
      return assertUnreachable(average, 'NMI average');
  }
  return Math.min(1, mi / Math.max(norm, Number.EPSILON));
}
