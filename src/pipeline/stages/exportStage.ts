import { join, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import type { Locale } from '../../core/Locale';
import { readFeatureTable } from '../../features/readFeatureTable';
import { assembleReport } from '../assembleReport';
import { exportRules, type RulesOutput } from '../exportRules';
import { reportConfigSchema } from '../ReportConfig';
import type { RunContext, Stage } from '../RunContext';
import { segmentNamesByLocale } from '../segmentNamesByLocale';

/**
 * Optional (listed in `stages` or `--stages`, never by default): the segments as production rules, what
 * `seglab export <run>` writes, from the run's own results: rules/segments.v1.json, its SQL per dialect and
 * its fidelity file, listed in the manifest. Settings in the config's `export:` section.
 */
export const exportStage: Stage = {
  name: 'export',
  description: 'Production rules from the segments (as seglab export): a JSON Logic bundle, SQL for six dialects and the fidelity file under rules/.',
  async run(ctx) {
    const { cluster, features, load } = ctx.results;
    if (!cluster || !features || !load) throw new InputError('The export stage needs the features and cluster stages: add them to stages.');
    const table = ctx.results.featureTable ?? (await readFeatureTable(ctx.session));
    const cfg = ctx.config.export ?? {};
    // Names as the review gives them in each language (the report's own assembly, without the projection).
    const personasIn = async (locale: Locale) => {
      const config = { ...ctx.config, report: reportConfigSchema.parse({ ...ctx.config.report, locale, projectionSample: 0 }) };
      return assembleReport({ config, runId: ctx.runId, table, featureColumns: features.columns, cluster, quality: ctx.results.profile ?? null, baseDir: ctx.baseDir, prepared: ctx.results.clusterInput }).personas;
    };
    ctx.results.export = await exportRules(
      {
        runId: ctx.runId,
        seed: ctx.config.seed,
        asOf: ctx.config.asOf.iso,
        dataFingerprints: load.tables.map((t) => t.sha256),
        outcome: ctx.config.outcome,
        cluster,
        features,
        table,
        segmentNames: () => segmentNamesByLocale(personasIn, ctx.progress),
      },
      writerOutput(ctx),
      {
        from: cfg.from === undefined ? undefined : resolve(ctx.baseDir, cfg.from),
        gate: {
          ...(cfg.minFidelity !== undefined ? { minFidelity: cfg.minFidelity } : {}),
          ...(cfg.minSegmentSize !== undefined ? { minSegmentSize: cfg.minSegmentSize } : {}),
          ...(cfg.minStability !== undefined ? { minStability: cfg.minStability } : {}),
          ...(cfg.minCoverage !== undefined ? { minCoverage: cfg.minCoverage } : {}),
        },
        maxDepth: cfg.maxDepth,
        distinctiveWithin: cfg.distinctiveWithin,
        progress: ctx.progress,
      },
    );
  },
};

/** rules/ of the run being written: through the run's writer, so the manifest lists each file; paths as in the finished folder. */
function writerOutput(ctx: RunContext): RulesOutput {
  return {
    existing: () => [], // a run folder starts empty
    write: (file, text, description) => {
      ctx.writer.writeText(`rules/${file}`, text, description);
      return join(ctx.runDir ?? ctx.writer.dir, 'rules', file);
    },
  };
}
