import { z } from 'zod';
import { inputError } from '../core/errors';
import { parseParams } from '../core/parseParams';
import { Rng } from '../core/rng';
import { seedParam } from '../core/seedParam';
import type { DriftColumnKind, DriftDistribution, DriftTestName, FeatureDrift, FeatureDriftResult } from './DriftResult';
import { checkDriftTable, type DriftCategoryColumn, type DriftNumberColumn, type DriftTable } from './DriftTable';
import { DISTANCE_MARGIN_Z, DRIFT_TESTS, isDrift, sampleLevelCounts, type DriftSample, type DriftTestEntry, type DriftTestOutcome } from './driftTests';
import { OTHER_LEVEL } from './chiSquareDrift';
import { quantileBins } from './quantileBins';

/** The settings of compareFeatures, each with its default. */
export const featureDriftSettingsSchema = z
  .object({
    // Test names are checked against the registry after parsing, so that a wrong one is named with its column.
    method: z.string().default('auto').describe(`"auto" (Evidently's choice by reference size and column kind) or a test for every column: ${DRIFT_TESTS.names.join(', ')}`),
    columns: z.record(z.string()).default({}).describe(`an object of column name → test (${DRIFT_TESTS.names.join(', ')}) overriding the method for that column`),
    thresholds: z.record(z.number().positive().finite()).default({}).describe('an object of column name or test name → threshold (a column\'s wins over its test\'s), each a positive number'),
    smallReferenceRows: z.number().int().min(1).default(1000).describe('a whole number >= 1: a reference with at most this many rows is "small" (p-value tests), a larger one gets distances'),
    datasetDriftShare: z.number().gt(0).max(1).default(0.5).describe('a share in (0, 1]: the data set drifts when at least this share of columns drift'),
    minEffectSize: z.number().min(0).finite().default(0.1).describe('a distance >= 0: on a large reference a p-value test drifts only when the effect size (normed Wasserstein or JS distance) also exceeds it'),
    bins: z.number().int().min(2).max(100).default(10).describe('a whole number from 2 to 100: reference-quantile bins of numeric distributions (and of PSI, JS on numbers)'),
    topLevels: z.number().int().min(1).max(100).default(10).describe('a whole number from 1 to 100: levels shown per categorical distribution, the rest pooled as "other"'),
    sampleRows: z.number().int().min(100).nullable().default(100000).describe('a whole number >= 100 of rows each period is sampled to (seeded, without replacement), or null for every row'),
    seed: seedParam,
  })
  .strict();

export type FeatureDriftSettings = Omit<z.input<typeof featureDriftSettingsSchema>, 'method' | 'columns'> & {
  method?: 'auto' | DriftTestName;
  columns?: Record<string, DriftTestName>;
};
type Settings = Omit<z.output<typeof featureDriftSettingsSchema>, 'method' | 'columns'> & { method: 'auto' | DriftTestName; columns: Record<string, DriftTestName> };

/** Values Evidently counts as "few": a numeric column with at most this many distinct reference values is tested as levels. */
const FEW_VALUES = 5;

/** `size` of `n` row indices drawn without replacement (partial Fisher–Yates on the seed's stream), ascending. */
function sampleRowIndices(n: number, size: number, seed: number, label: string): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = Rng.derive(seed, label);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(n - i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order.slice(0, size).sort();
}

interface Prepared {
  /** Non-missing values (sorted numbers, or levels) of the sampled rows. */
  sample: DriftSample;
  missing: number;
}

/** Missing share over every row; the non-missing values of the sampled rows (numbers sorted once). */
function prepare(col: DriftNumberColumn | DriftCategoryColumn, rows: Int32Array | null, kind: DriftColumnKind): Prepared {
  const n = col.values.length;
  if (col.type === 'number') {
    const v = col.values;
    let missing = 0;
    for (let i = 0; i < n; i++) if (v[i] !== v[i]) missing++;
    const m = rows ? rows.length : n;
    const out = new Float64Array(m);
    let k = 0;
    for (let r = 0; r < m; r++) {
      const x = v[rows ? rows[r]! : r]!;
      if (x === x) out[k++] = x;
    }
    return { sample: { kind: kind === 'binary' ? 'binary' : 'numeric', values: out.slice(0, k).sort() }, missing: missing / n };
  }
  const v = col.values;
  let missing = 0;
  for (let i = 0; i < n; i++) if (v[i] === null) missing++;
  const out: string[] = [];
  const m = rows ? rows.length : n;
  for (let r = 0; r < m; r++) {
    const x = v[rows ? rows[r]! : r];
    if (x !== null && x !== undefined) out.push(x);
  }
  return { sample: { kind: 'categorical', values: out }, missing: missing / n };
}

/** Distinct values of a sorted sample, counting stops past `cap`. */
function distinctSorted(v: Float64Array, cap: number): number {
  let d = 0;
  for (let i = 0; i < v.length && d <= cap; i++) if (i === 0 || v[i] !== v[i - 1]) d++;
  return d;
}

function isBinary(col: DriftNumberColumn, other: DriftNumberColumn): boolean {
  for (const v of [col.values, other.values]) for (let i = 0; i < v.length; i++) if (v[i] === v[i] && v[i] !== 0 && v[i] !== 1) return false;
  return true;
}

/** Shares of the top levels (by reference count, then current) and "other" for the rest. */
function levelDistribution(reference: DriftSample, current: DriftSample, top: number): DriftDistribution {
  const c = sampleLevelCounts(reference, current);
  const shown = Math.min(top, c.levels.length);
  // The most frequent levels; numbers (0/1 and few-valued columns) then in numeric order, as an axis reads them.
  const order = Array.from({ length: shown }, (_, i) => i);
  if (reference.kind !== 'categorical') order.sort((i, j) => Number(c.levels[i]) - Number(c.levels[j]));
  const bins = order.map((i) => c.levels[i]!);
  const ref = order.map((i) => c.reference[i]! / c.referenceTotal);
  const cur = order.map((i) => c.current[i]! / c.currentTotal);
  if (shown < c.levels.length) {
    let r = 0;
    let k = 0;
    for (let i = shown; i < c.levels.length; i++) {
      r += c.reference[i]!;
      k += c.current[i]!;
    }
    bins.push(c.levels.includes(OTHER_LEVEL) ? `${OTHER_LEVEL} (pooled)` : OTHER_LEVEL);
    ref.push(r / c.referenceTotal);
    cur.push(k / c.currentTotal);
  }
  return { bins, reference: ref, current: cur };
}

/**
 * Compare every column of the current period with the same column of the reference period (public entry:
 * tables and settings checked). Per column: the test chosen (Evidently's automatic choice, or the method /
 * per-column override), its statistic and p-value or distance, the effect size beside it, missing shares,
 * row counts and the before/after distribution; then the share of drifted columns and data-set drift.
 *
 * Automatic choice: a reference of at most `smallReferenceRows` rows gets p-value tests at 0.05 — KS for
 * numbers with more than 5 distinct values, z-test for 0/1 columns, chi-square for categories and few-valued
 * numbers; a larger one gets distances at 0.1 — normed Wasserstein for numbers, Jensen-Shannon for the rest.
 * A distance drifts only when it exceeds its threshold by 1.96 sampling errors (a 0.1 SD mean shift sits on
 * the 0.1 threshold and is not called drift; with 100,000 rows a side the margin is 0.009 SD). A p-value test on a large
 * reference drifts only when the effect size also exceeds `minEffectSize` by its sampling error: on
 * hundreds of thousands of rows every p-value is tiny.
 */
export function compareFeatures(reference: DriftTable, current: DriftTable, settings: FeatureDriftSettings = {}): FeatureDriftResult {
  const parsed = parseParams(featureDriftSettingsSchema, settings, 'compareFeatures', 'settings');
  if (parsed.method !== 'auto') DRIFT_TESTS.lookup(parsed.method, 'compareFeatures settings.method');
  for (const [column, test] of Object.entries(parsed.columns)) DRIFT_TESTS.lookup(test, `compareFeatures settings.columns, column "${column}"`);
  const s = parsed as Settings;
  const refRows = checkDriftTable(reference, 'reference');
  const curRows = checkDriftTable(current, 'current');
  const curByName = new Map(current.columns.map((c) => [c.name, c]));
  const refNames = new Set(reference.columns.map((c) => c.name));
  for (const c of current.columns) {
    if (!refNames.has(c.name)) throw inputError({ check: 'missing-column', what: `column "${c.name}" is in the current table but not in the reference`, where: { column: c.name }, fix: 'compare the same columns in both periods (drop it from the current table)' });
  }
  for (const c of reference.columns) {
    const other = curByName.get(c.name);
    if (!other) throw inputError({ check: 'missing-column', what: `column "${c.name}" is in the reference table but not in the current`, where: { column: c.name }, fix: 'compare the same columns in both periods (drop it from the reference table)' });
    if (other.type !== c.type) throw inputError({ check: 'column-type-differs', what: `column "${c.name}" is ${c.type === 'number' ? 'numeric' : 'categorical'} in the reference and ${other.type === 'number' ? 'numeric' : 'categorical'} in the current`, where: { column: c.name }, fix: 'give the column one type in both periods' });
  }
  for (const [field, map] of [['columns', s.columns], ['thresholds', s.thresholds]] as const) {
    for (const key of Object.keys(map)) {
      if (!refNames.has(key) && !(field === 'thresholds' && DRIFT_TESTS.has(key))) {
        throw inputError({ check: 'unknown-column', what: `settings.${field} names "${key}", which is ${field === 'thresholds' ? 'neither a column nor a drift test' : 'not a column of the tables'}`, where: { field: `settings.${field}.${key}` }, fix: `use one of the columns: ${[...refNames].join(', ')}` });
      }
    }
  }

  const sampleRef = s.sampleRows !== null && refRows > s.sampleRows ? sampleRowIndices(refRows, s.sampleRows, s.seed, 'drift-reference-rows') : null;
  const sampleCur = s.sampleRows !== null && curRows > s.sampleRows ? sampleRowIndices(curRows, s.sampleRows, s.seed, 'drift-current-rows') : null;
  const small = refRows <= s.smallReferenceRows;

  const features: FeatureDrift[] = [];
  for (const refCol of reference.columns) {
    const curCol = curByName.get(refCol.name)!;
    const name = refCol.name;
    const kind: DriftColumnKind = refCol.type === 'category' ? 'categorical' : isBinary(refCol, curCol as DriftNumberColumn) ? 'binary' : 'numeric';
    const a = prepare(refCol, sampleRef, kind);
    const b = prepare(curCol, sampleCur, kind);
    for (const [which, p] of [['reference', a], ['current', b]] as const) {
      if (p.sample.values.length === 0) throw inputError({ check: 'empty-column', what: `column "${name}" has no values in the ${which} period${p.missing === 1 ? ' (all missing)' : ' (none in the sampled rows)'}`, where: { column: name }, fix: 'drop the column from both tables, or compare periods in which it is filled' });
    }
    const fewValues = kind === 'numeric' && distinctSorted(a.sample.values as Float64Array, FEW_VALUES) <= FEW_VALUES;

    let test: DriftTestName;
    let chosenBy: FeatureDrift['chosenBy'];
    const override = s.columns[name] ?? (s.method === 'auto' ? undefined : s.method);
    if (override !== undefined) {
      test = override;
      chosenBy = 'override';
    } else if (small) {
      test = kind === 'binary' ? 'z-test' : kind === 'categorical' || fewValues ? 'chi-square' : 'ks';
      chosenBy = 'auto-small';
    } else {
      test = kind === 'numeric' && !fewValues ? 'wasserstein' : 'jensen-shannon';
      chosenBy = 'auto-large';
    }
    const entry = DRIFT_TESTS.lookup(test) as DriftTestEntry;
    if (!entry.kinds.includes(kind)) {
      throw inputError({ check: 'test-does-not-accept-column', what: `drift test "${test}" does not take column "${name}", which is ${kind}`, where: { column: name, field: s.columns[name] ? `settings.columns.${name}` : 'settings.method' }, fix: `choose a test that takes ${kind} columns: ${DRIFT_TESTS.list().filter((e) => (e as DriftTestEntry).kinds.includes(kind)).map((e) => e.name).join(', ')}` });
    }
    const threshold = s.thresholds[name] ?? s.thresholds[test] ?? entry.defaultThreshold;
    if (entry.statisticKind === 'p-value' && threshold >= 1) throw inputError({ check: 'bad-threshold', what: `the threshold ${threshold} of column "${name}" is not a p-value threshold`, where: { column: name, field: `settings.thresholds.${s.thresholds[name] !== undefined ? name : test}` }, fix: `use a p-value threshold below 1 for ${test} (default ${entry.defaultThreshold})` });
    const params = entry.name === 'psi' || entry.name === 'jensen-shannon' ? { bins: s.bins } : {};
    const outcome = entry.run(a.sample, b.sample, params);

    // The effect size beside every test: normed Wasserstein for numbers and flags, JS distance for categories.
    const effectEntry = DRIFT_TESTS.lookup(kind === 'categorical' ? 'jensen-shannon' : 'wasserstein') as DriftTestEntry;
    const effect: DriftTestOutcome = effectEntry.name === test ? outcome : effectEntry.run(a.sample, b.sample, effectEntry.name === 'jensen-shannon' ? { bins: s.bins } : {});
    let drifted = isDrift(entry, outcome, threshold);
    if (drifted && entry.statisticKind === 'p-value' && !small) drifted = effect.statistic - DISTANCE_MARGIN_Z * (effect.samplingError ?? 0) > s.minEffectSize;

    const distribution: DriftDistribution =
      kind === 'numeric' && !fewValues
        ? (() => {
            const q = quantileBins(a.sample.values as Float64Array, b.sample.values as Float64Array, s.bins);
            return { bins: q.labels, reference: [...q.reference], current: [...q.current] };
          })()
        : levelDistribution(a.sample, b.sample, s.topLevels);

    features.push({
      column: name,
      kind,
      test,
      statisticKind: entry.statisticKind,
      statistic: outcome.statistic,
      pValue: outcome.pValue,
      threshold,
      drifted,
      referenceRows: a.sample.values.length,
      currentRows: b.sample.values.length,
      referenceMissing: a.missing,
      currentMissing: b.missing,
      effectSize: effect.statistic,
      chosenBy,
      distribution,
      ...(outcome.samplingError !== null && { samplingError: outcome.samplingError }),
    });
  }
  const driftedColumns = features.filter((f) => f.drifted).length;
  const driftedShare = features.length ? driftedColumns / features.length : 0;
  return {
    features,
    driftedColumns,
    driftedShare,
    datasetDriftShare: s.datasetDriftShare,
    datasetDrift: driftedShare >= s.datasetDriftShare,
    sample: sampleRef || sampleCur ? { rows: s.sampleRows!, seed: s.seed } : null,
  };
}
