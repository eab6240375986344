import { compareFeatures, type FeatureDriftSettings } from '../drift/compareFeatures';
import type { FeatureDriftResult, ScoreDrift } from '../drift/DriftResult';
import type { DriftTable } from '../drift/DriftTable';
import { psi } from '../drift/psi';
import type { DriftRun } from './compareRuns';
import type { DriftConfig } from './DriftConfig';

/** Feature columns both runs have, each with its kind (numbers or levels), in the current run's column order. */
function commonColumns(reference: DriftRun, current: DriftRun): { name: string; type: 'number' | 'category' }[] {
  const refKind = new Map(reference.featureColumns.map((c) => [c.name, c.role]));
  return current.featureColumns
    .filter((c) => (c.role === 'numeric' || c.role === 'categorical') && refKind.get(c.name) === c.role)
    .filter((c) => (c.role === 'numeric' ? c.name in current.table.numeric && c.name in reference.table.numeric : c.name in current.table.categorical && c.name in reference.table.categorical))
    .map((c) => ({ name: c.name, type: c.role === 'numeric' ? ('number' as const) : ('category' as const) }));
}

/** The columns of a run's feature table as a DriftTable, all rows or those in `rows` (ascending indices). */
function driftTable(run: DriftRun, columns: readonly { name: string; type: 'number' | 'category' }[], rows?: Int32Array): DriftTable {
  // Plain loops: Float64Array.from with a map function was most of this comparison's own time on 100,000 customers.
  const n = rows?.length ?? 0;
  return {
    columns: columns.map((c) => {
      if (c.type === 'number') {
        const all = run.table.numeric[c.name]!;
        if (!rows) return { name: c.name, type: 'number' as const, values: all };
        const values = new Float64Array(n);
        for (let k = 0; k < n; k++) values[k] = all[rows[k]!]!;
        return { name: c.name, type: 'number' as const, values };
      }
      const all = run.table.categorical[c.name]!;
      if (!rows) return { name: c.name, type: 'category' as const, values: all };
      const values = new Array<string | null>(n);
      for (let k = 0; k < n; k++) values[k] = all[rows[k]!] ?? null;
      return { name: c.name, type: 'category' as const, values };
    }),
  };
}

/** drift.features as compareFeatures takes it: the schema reads test names as text, compareFeatures checks them against its registry (an unknown one names its column). */
const featureSettings = (settings: DriftConfig): FeatureDriftSettings => settings.features as FeatureDriftSettings;

/** Every feature column both runs have (outcome and id columns left out), compared with the drift tests. */
export function featureDrift(reference: DriftRun, current: DriftRun, settings: DriftConfig): FeatureDriftResult {
  const columns = commonColumns(reference, current);
  return compareFeatures(driftTable(reference, columns), driftTable(current, columns), featureSettings(settings));
}

/**
 * A matched segment's members compared on every feature column both runs have: the clustering features say
 * whether it is still the same kind of customer, the others what changed about them (newcomers' devices).
 */
export function segmentFeatureDrift(reference: DriftRun, current: DriftRun, referenceRows: Int32Array, currentRows: Int32Array, settings: DriftConfig): FeatureDriftResult {
  const columns = commonColumns(reference, current);
  return compareFeatures(driftTable(reference, columns, referenceRows), driftTable(current, columns, currentRows), featureSettings(settings));
}

/** PSI of a score column on the reference's deciles (missing values left out). */
export function scorePsi(column: string, reference: Float64Array, current: Float64Array, threshold: number): ScoreDrift {
  const r = psi(reference.filter((v) => v === v), current.filter((v) => v === v));
  return { column, psi: r.psi, threshold, drifted: r.psi >= threshold, distribution: r.distribution };
}
