import { resolve } from 'node:path';
import { InputError, inputError } from '../../core/errors';
import { ASSIGNABLE_CLUSTERINGS } from '../../cluster/sql/clusterAssignSql';
import { ClickHouseEngine } from '../../engine/ClickHouseEngine';
import { clickHouseSettingsFromEnv } from '../../engine/ClickHouseSettings';
import { assignOnClickHouse } from '../assignOnClickHouse';
import { CategoricalMatrix, mixedMatrix } from '../../cluster/CategoricalMatrix';
import { NOISE } from '../../cluster/ClusterModel';
import { KPrototypes } from '../../cluster/kprototypes/KPrototypes';
import { KPrototypesModel } from '../../cluster/kprototypes/KPrototypesModel';
import { selectK } from '../../cluster/selection/selectK';
import { seededRowSample } from '../../core/seededRowSample';
import { bootstrapStability } from '../../cluster/selection/stability';
import { suggestEps } from '../../cluster/dbscan/suggestEps';
import { CLUSTER_RESULT_SCHEMA_VERSION, type ClusterResult, type ClusterSample, type EngineAssignmentSummary } from '../../cluster/summary/ClusterResult';
import { kprototypesSummary } from '../../cluster/summary/kprototypesSummary';
import { matchPreviousRun, segmentCentres } from '../../cluster/summary/matchPreviousRun';
import { summariseSegments } from '../../cluster/summary/summariseSegments';
import { prepareClusterInput } from '../../features/prepareClusterInput';
import { readFeatureTable } from '../../features/readFeatureTable';
import { clusterEstimator } from '../clusterEstimator';
import { readPreviousRun } from '../readPreviousRun';
import type { Stage } from '../RunContext';

/** gap: 'auto' computes the gap statistic up to this many customers (it costs 11 fits per k). */
export const GAP_AUTO_MAX_ROWS = 100_000;

/**
 * cluster.selectionSample's default: above this many customers, k is chosen and its stability measured on a
 * seeded sample of this many (the sweep's 11 k × nInit fits and 20 bootstrap refits took 51 of the 55 s of
 * the cluster stage at 200k customers); the final fit labels everyone.
 */
export const SELECTION_SAMPLE_DEFAULT = 50_000;

export const clusterStage: Stage = {
  name: 'cluster',
  description: 'Segments from the feature table: choice of k, final fit, bootstrap stability, ids matched to a previous run.',
  async run(ctx) {
    const cfg = ctx.config.cluster;
    const features = ctx.results.features;
    if (!features) throw new InputError('The cluster stage needs the features stage: add "features" to stages.');
    const table = await readFeatureTable(ctx.session, undefined, { progress: ctx.progress });
    ctx.progress.start('prepare the cluster input');
    const prep = prepareClusterInput(table, features.columns, cfg);
    const { X } = prep;
    ctx.progress.end(`${X.rows.toLocaleString('en-US')} customers × ${X.cols} features`);
    for (const note of prep.notes) ctx.progress.note(`cluster: ${note}`);
    const engineSample = ctx.results.engineSample;
    if (engineSample && !(ASSIGNABLE_CLUSTERINGS as readonly string[]).includes(cfg.algorithm)) {
      throw inputError({
        summary: `The ${cfg.algorithm} clustering cannot assign the cluster's customers in SQL.`,
        check: 'engine-assignment',
        what: `${engineSample.customers.toLocaleString('en-US')} customers are above cluster.engineSample, so the model is fitted on a sample and every customer is assigned on the cluster, which needs one of ${ASSIGNABLE_CLUSTERINGS.join(', ')}`,
        where: { field: 'cluster.algorithm' },
        fix: `choose one of ${ASSIGNABLE_CLUSTERINGS.join(', ')}, or set cluster.engineSample to 0 (every customer comes back to Node)`,
      });
    }
    // k-prototypes: the text columns as category codes, a missing value its own level.
    const categorical = prep.categorical ? CategoricalMatrix.fromColumns(prep.categorical, { missing: 'level' }) : null;
    const seed = ctx.config.seed;
    // The sweep and the bootstrap on a seeded sample of a large base (not for k-prototypes or DBSCAN, which have neither).
    const sampleSize = cfg.selectionSample ?? SELECTION_SAMPLE_DEFAULT;
    const drawn = sampleSize > 0 && X.rows > sampleSize && cfg.algorithm !== 'kprototypes' && cfg.algorithm !== 'dbscan' ? seededRowSample(X, sampleSize, seed) : null;
    const S = drawn?.X ?? X;
    if (drawn) ctx.progress.note(`cluster: every k fitted (and stability refitted) on a seeded sample of ${sampleSize.toLocaleString('en-US')} of the ${X.rows.toLocaleString('en-US')} customers, scored on all; the final fit uses all`);

    // k: from the config, or the sweep's recommendation within the business limits.
    const t0 = performance.now();
    let k = typeof cfg.k === 'number' ? cfg.k : 0;
    let kSource: ClusterResult['kSource'] = 'config';
    let selection: ClusterResult['selection'] = null;
    let eps: number | null = null;
    if (cfg.algorithm === 'dbscan') {
      eps = cfg.eps === 'auto' ? suggestEps(X, cfg.minSamples).eps : cfg.eps;
      kSource = 'algorithm';
      if (cfg.eps === 'auto') ctx.progress.note(`cluster: eps ${eps.toPrecision(3)} from the knee of the ${cfg.minSamples}-distance curve`);
    } else if (cfg.k === 'auto') {
      if (cfg.algorithm === 'kprototypes') {
        throw new InputError('k-prototypes needs a number of segments.', [
          { severity: 'error', check: 'k-auto', message: "cluster.k 'auto' is not available for kprototypes", location: { field: 'cluster.k' }, hint: 'set cluster.k (4–6 is a good start), or sweep k with algorithm kmeans first' },
        ]);
      }
      const [minK, maxK] = cfg.kRange;
      const ks = range(Math.max(2, minK), Math.min(maxK, cfg.maxSegments, S.rows - 1));
      // Fitted on the sample, scored on every customer (the silhouette on its usual seeded 10,000).
      selection = selectK(X, (kk) => clusterEstimator(cfg, kk, seed), {
        ...(drawn ? { fitOn: S } : {}),
        ks,
        minShare: cfg.minShare,
        maxShare: cfg.maxShare,
        maxSegments: cfg.maxSegments,
        preferredK: cfg.preferredK,
        silhouette: { sampleSize: cfg.silhouetteSample, seed },
        gap: cfg.gap === true || (cfg.gap === 'auto' && X.rows <= GAP_AUTO_MAX_ROWS) ? { seed } : false,
        // Confirming natural groups needs a bootstrap even when the final one is switched off.
        stability: { B: cfg.stabilityResamples > 0 ? cfg.stabilityResamples : 10, seed },
        rule: cfg.rule,
        progress: ctx.progress,
      });
      if (selection.recommendedK === null) {
        throw new InputError('No number of segments satisfies the business limits.', [
          { severity: 'error', check: 'no-k', message: selection.reasons.join(' '), location: { field: 'cluster.minShare' }, hint: 'lower cluster.minShare, raise cluster.maxShare, widen cluster.kRange, or set cluster.k' },
        ]);
      }
      k = selection.recommendedK;
      kSource = 'auto';
      if (selection.structure) ctx.progress.note(`cluster: ${selection.structure.text}`);
    }
    ctx.timePart('selection', performance.now() - t0);

    ctx.progress.note(`cluster: final fit, ${cfg.algorithm}${cfg.algorithm === 'dbscan' ? '' : ` with k = ${k} (${kSource === 'auto' ? 'recommended by the sweep' : 'from the config'})`}`);
    const t1 = performance.now();
    const extra = { eps: eps ?? undefined, categorical };
    const model = clusterEstimator(cfg, k, seed, extra).fit(X, { progress: ctx.progress });
    ctx.timePart('fit', performance.now() - t1);

    // k-prototypes: the fitted model itself (gamma, cost parts, modes), through its saved form.
    const kp = model.kind === 'kprototypes' ? KPrototypesModel.fromJSON(model.toJSON()) : null;
    const notes = [...prep.notes];
    if (kp && kp.movedByCategorical === 0 && kp.k > 1) {
      // The fit has said so on stderr; cluster.json keeps it for the review.
      notes.push(
        `k-prototypes: the categorical columns (${kp.categoricalColumns.join(', ')}) moved no customer at gamma ${kp.gamma.toPrecision(3)}: every segment is the one nearest on the numeric features alone, as with k-means; raise cluster.gamma or leave cluster.categorical out`,
      );
    }

    const t2 = performance.now();
    let stability: ClusterResult['stability'] = null;
    // The sweep's bootstrap of this k (rule structure-first) is the same computation: same estimator, seed and rows.
    const swept = selection?.stability[k];
    const sameFit = swept !== undefined && swept.B === cfg.stabilityResamples && sameSizes(swept.clusters.map((c) => c.size), model.labels, model.k);
    if (cfg.stabilityResamples > 0 && kp) {
      // Resample customers with their categories, refit with the same mismatch cost (gamma) as the final fit.
      const mixed = mixedMatrix(X, categorical!);
      stability = bootstrapStability(mixed, (kk) => new KPrototypes({ ...kp.params, k: kk, gamma: kp.gamma }), { B: cfg.stabilityResamples, seed, original: kp, progress: ctx.progress });
    } else if (cfg.stabilityResamples > 0 && sameFit) {
      stability = swept;
      ctx.progress.note(`cluster: bootstrap stability of k = ${k} reused from the choice of k (mean Jaccard ${swept.meanJaccard.toFixed(2)})`);
    } else if (cfg.stabilityResamples > 0 && drawn) {
      // The final model's own clusters, followed on the sample: its labels there are the original clustering.
      const sampled = new Int32Array(drawn.rows.length);
      for (let r = 0; r < sampled.length; r++) sampled[r] = model.labels[drawn.rows[r]!]!;
      const original = { kind: model.kind, k: model.k, columns: X.columns, labels: sampled, predict: () => sampled, toJSON: () => model.toJSON() };
      stability = bootstrapStability(S, () => clusterEstimator(cfg, k, seed, extra), { B: cfg.stabilityResamples, seed, original, progress: ctx.progress });
    } else if (cfg.stabilityResamples > 0) {
      stability = bootstrapStability(X, () => clusterEstimator(cfg, k, seed, extra), { B: cfg.stabilityResamples, seed, original: model, progress: ctx.progress });
    }
    ctx.timePart('stability', performance.now() - t2);

    // Segment ids: matched to the previous run's segments, else ordered by size (0 = largest).
    const current = segmentCentres(X, model.labels, range(0, model.k - 1));
    const { centres, sizes } = current;
    let ids: number[];
    let matching: ClusterResult['matching'] = null;
    if (cfg.previous) {
      const previous = readPreviousRun(resolve(ctx.baseDir, cfg.previous), prep, 'cluster.previous');
      const m = matchPreviousRun(current, previous, cfg.matchMaxDistance);
      ids = m.mapping;
      // cluster.json names segments by their published ids (mapping keeps model cluster → id for predict).
      matching = { ...m, matches: m.matches.map((x) => ({ ...x, current: ids[x.current]! })), newClusters: m.newClusters.map((x) => ({ current: x.id, id: x.id })) };
      ctx.progress.note(
        `cluster: segment ids matched to ${previous.clusterFile} (${m.matches.length} kept, ${m.newClusters.length} new, ${m.disappeared.length} gone; pairs at most ${cfg.matchMaxDistance} × spread ${m.spread.toPrecision(3)} apart)`,
      );
    } else {
      const order = range(0, model.k - 1).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
      ids = new Array<number>(model.k);
      order.forEach((c, rank) => (ids[c] = rank));
    }
    const labels = Array.from(model.labels, (l) => (l === NOISE ? NOISE : ids[l]!));
    // Stability is reported per segment id, like everything else in cluster.json.
    if (stability) stability = { ...stability, clusters: stability.clusters.map((c) => ({ ...c, label: ids[c.label]!, description: c.description.replace(/^cluster \d+/, `segment ${ids[c.label]}`) })) };
    const segments = summariseSegments(prep.raw, model.labels, prep.toOriginal(centres), ids);
    const noiseCount = labels.filter((l) => l === NOISE).length;

    // A sample from the cluster: every customer assigned there with the fitted model compiled to SQL.
    let engineAssignment: EngineAssignmentSummary | null = null;
    let everyone: (string | number)[][] | null = null;
    if (engineSample) {
      const t3 = performance.now();
      const engine = await ClickHouseEngine.connect(clickHouseSettingsFromEnv(ctx.env));
      let assigned: Awaited<ReturnType<typeof assignOnClickHouse>>;
      try {
        assigned = await assignOnClickHouse(engine, engineSample.plan, prep.steps, model.toJSON());
      } finally {
        await engine.close();
      }
      ctx.timePart('engine assignment', performance.now() - t3);
      // The sample's customers got their fitted labels back (a difference is only possible at a near tie).
      const inSample = new Map(prep.ids.map((id, i) => [id, i]));
      let disagreements = prep.ids.length;
      const counts = new Array<number>(model.k).fill(0);
      assigned.ids.forEach((id, i) => {
        const l = assigned.labels[i]!;
        counts[l]!++;
        const j = inSample.get(id);
        if (j !== undefined && model.labels[j] === l) disagreements--;
      });
      const customers = assigned.ids.length;
      const file = 'assign.clickhouse.sql';
      ctx.writer.writeText(file, assigned.sql + '\n', 'The statement that assigned every customer on the ClickHouse cluster (run on every shard): the fitted preparation and model of cluster.json as SQL.');
      engineAssignment = {
        engine: 'clickhouse',
        customers,
        sampleSize: X.rows,
        seed,
        sizes: segments.map((s) => {
          const c = ids.indexOf(s.id);
          return { segment: s.id, size: counts[c]!, share: counts[c]! / customers };
        }),
        sampleDisagreements: disagreements,
        file,
        text: `The model was fitted on a seeded sample of ${X.rows.toLocaleString('en-US')} of the ${customers.toLocaleString('en-US')} customers on the ClickHouse cluster (above cluster.engineSample; hash of customer_id and seed ${seed}), which the segment summaries, labels and later stages of this run describe; every customer was assigned on the cluster (${file}; assignments.csv).`,
      };
      everyone = assigned.ids.map((id, i) => [id, ids[assigned.labels[i]!]!]);
      ctx.progress.note(`cluster: every one of the ${customers.toLocaleString('en-US')} customers assigned on the ClickHouse cluster (${disagreements} of the sample's ${X.rows.toLocaleString('en-US')} differ from the fitted labels)`);
    }

    const result: ClusterResult = {
      schemaVersion: CLUSTER_RESULT_SCHEMA_VERSION,
      algorithm: cfg.algorithm,
      k: model.k,
      kSource,
      rows: X.rows,
      features: prep.columns,
      categorical: cfg.categorical,
      notes,
      segments,
      noise: { count: noiseCount, share: noiseCount / X.rows },
      selection,
      stability,
      sample: drawn ? clusterSample(X.rows, sampleSize, seed, selection !== null, stability !== null) : null,
      ...(engineAssignment ? { engineAssignment } : {}),
      kprototypes: kp ? kprototypesSummary(kp, ids) : null,
      absent: {
        projection: kp
          ? `the segments also depend on the categorical columns ${kp.categoricalColumns.join(', ')}, which a map of the numeric features cannot show`
          : X.cols < 2
            ? `a map needs at least 2 clustering features; this run used ${X.cols} (${X.columns.join(', ')})`
            : null,
        stability: stability ? null : 'cluster.stabilityResamples is 0: the bootstrap was skipped',
      },
      matching,
      eps,
      preprocessing: prep.steps,
      model: model.toJSON(),
      labels,
    };
    ctx.results.cluster = result;
    ctx.results.featureTable = table;
    ctx.results.clusterInput = prep;
    ctx.writer.writeJson('cluster.json', result, 'Segments: sizes, centres in original units, choice of k (metrics per k), bootstrap stability, preprocessing, the fitted model and every label.');
    ctx.writer.writeCsv(
      'assignments.csv',
      ['customer_id', 'segment'],
      everyone ?? prep.ids.map((id, i) => [id, labels[i]!]),
      engineSample ? 'Segment of every customer, assigned on the ClickHouse cluster.' : 'Segment of every customer (-1 = noise, DBSCAN only).',
      { formulaGuard: ctx.config.output.csvFormulaGuard },
    );
    ctx.progress.note(`cluster: ${segments.map((s) => `segment ${s.id}: ${(s.share * 100).toFixed(1)}%`).join(', ')}`);
  },
};

function clusterSample(rows: number, size: number, seed: number, selection: boolean, stability: boolean): ClusterSample {
  const usedFor: ClusterSample['usedFor'] = [...(selection ? ['selection' as const] : []), ...(stability ? ['stability' as const] : [])];
  const shareMargin95 = 1.96 * Math.sqrt(0.25 / size);
  return {
    rows,
    size,
    seed,
    usedFor,
    shareMargin95,
    text: `Every k of the sweep was fitted on a seeded sample of ${size.toLocaleString('en-US')} of the ${rows.toLocaleString('en-US')} customers and scored on all of them; the bootstrap stability refitted on that sample (a segment's share on it is within ±${(shareMargin95 * 100).toFixed(2)} percentage points of the full data's, 95%); the final fit, the segments and every label use all ${rows.toLocaleString('en-US')}.`,
  };
}

/** Whether a clustering's cluster sizes (by label) are these. */
function sameSizes(sizes: readonly number[], labels: Int32Array, k: number): boolean {
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0) counts[labels[i]!]!++;
  return sizes.length === k && sizes.every((s, c) => s === counts[c]);
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i);
}
