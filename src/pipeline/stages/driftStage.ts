import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { readFeatureTable } from '../../features/readFeatureTable';
import { driftMarkdown } from '../../report/driftMarkdown';
import { compareDriftRuns, readDriftRun, type DriftRun } from '../compareRuns';
import { driftConfigSchema } from '../DriftConfig';
import type { PreviousRunField } from '../readPreviousRun';
import type { Stage } from '../RunContext';

/**
 * What changed since the reference run (config `drift:`; the reference is drift.previous, else report.previous,
 * else cluster.previous): drift.json and drift.md, and the DriftReport in the run context for the review's
 * "What changed" section. Without a reference run the stage is skipped with the reason.
 */
export const driftStage: Stage = {
  name: 'drift',
  description: 'What changed since a previous run: feature drift, segment size shift, KPI alerts, migration matrix, drift inside segments, rule and score drift (drift.json, drift.md).',
  async run(ctx) {
    const { config } = ctx;
    const field: PreviousRunField | null = config.drift?.previous !== undefined ? 'drift.previous' : config.report.previous !== undefined ? 'report.previous' : config.cluster.previous !== undefined ? 'cluster.previous' : null;
    const previous = config.drift?.previous ?? config.report.previous ?? config.cluster.previous;
    if (!field || previous === undefined) return ctx.skip('no previous run to compare with (set drift.previous, report.previous or cluster.previous, or seglab run --previous <run>)');
    const cluster = ctx.results.cluster;
    const features = ctx.results.features;
    if (!cluster || !features) throw new InputError('The drift stage needs the features and cluster stages: add them to stages.');
    const dir = resolve(ctx.baseDir, previous);
    // A previous run given for the cluster ids or the review may be only its cluster.json: then there is nothing to compare customers with.
    const lacking = ['manifest.json', 'features.parquet', 'features.json', 'cluster.json'].filter((f) => !existsSync(join(dir, f)));
    if (lacking.length && field !== 'drift.previous') return ctx.skip(`the previous run (${field}) has no ${lacking.join(', ')}: give a complete run folder to compare with`);
    const settings = driftConfigSchema.parse(config.drift ?? {});
    ctx.progress.start(`drift: compare with ${previous}`);
    const reference = await readDriftRun(dir);
    const current: DriftRun = {
      runId: ctx.runId,
      asOf: config.asOf.iso,
      config,
      table: ctx.results.featureTable ?? (await readFeatureTable(ctx.session)),
      featureColumns: features.columns,
      cluster,
      ...(ctx.results.models ? { prediction: ctx.results.models } : {}),
      ...(ctx.results.clv ? { clv: ctx.results.clv } : {}),
      pseudonymised: ctx.results.load?.pseudonymised ?? false,
      names: new Map(),
    };
    const report = compareDriftRuns(dir, reference, current, settings, field, ctx.results.clusterInput);
    ctx.results.drift = report;
    ctx.writer.writeJson('drift.json', report, `What changed since ${reference.runId}: feature drift, segment sizes, alerts, migration, rule and score drift.`);
    ctx.writer.writeText('drift.md', driftMarkdown(report), `What changed since ${reference.runId}, as Markdown tables.`);
    ctx.progress.end(`${report.alerts.length} alert(s), ${report.features.driftedColumns} drifted column(s)${report.migration ? `, ${report.migration.moved.toLocaleString('en-US')} customers moved` : ''}`);
  },
};
