import { InputError } from '../../core/errors';
import { readFeatureTable } from '../../features/readFeatureTable';
import { assembleReport } from '../assembleReport';
import type { Stage } from '../RunContext';
import { writeReport } from '../writeReport';

export const reportStage: Stage = {
  name: 'report',
  description: 'Personas and the quarterly segment review (report.html, report.md, personas.json, report.pdf; report.fr.html … in French).',
  async run(ctx) {
    const cluster = ctx.results.cluster;
    const features = ctx.results.features;
    if (!cluster || !features) throw new InputError('The report stage needs the features and cluster stages: add them to stages.');
    ctx.progress.start('report: personas and review');
    const table = ctx.results.featureTable ?? (await readFeatureTable(ctx.session));
    const { personas, data } = assembleReport({
      config: ctx.config,
      runId: ctx.runId,
      table,
      featureColumns: features.columns,
      cluster,
      quality: ctx.results.profile ?? null,
      baseDir: ctx.baseDir,
      prepared: ctx.results.clusterInput,
      ...(ctx.results.models ? { prediction: ctx.results.models } : {}),
      ...(ctx.results.clv ? { clv: ctx.results.clv } : {}),
      ...(ctx.results.drift ? { drift: ctx.results.drift } : {}),
    });
    ctx.progress.end(personas.segments.map((s) => (s.suppressed ? `segment ${s.id}: suppressed` : `${s.id} ${s.name}`)).join(', '));
    await writeReport(ctx.writer, personas, data, ctx.config.report.pdf, ctx.progress);
  },
};
