import { InputError } from '../../core/errors';
import type { FeatureLabel } from '../../models/evaluation/topReasons';
import { savedModelToJSON } from '../../models/SavedModel';
import { modelScoreSql } from '../../models/sql/modelScoreSql';
import { trainAndScore } from '../../models/trainAndScore';
import { modelCardMarkdown } from '../../report/modelCardMarkdown';
import { SQL_DIALECTS } from '../../rules/sql/SqlDialect';
import type { Stage } from '../RunContext';
import { segmentDrivers } from '../segmentDrivers';

export const modelsStage: Stage = {
  name: 'models',
  description: 'Churn / propensity model (models: section): training examples without leakage, held-out evaluation, the chosen model, every customer scored with reasons, a model card and SQL.',
  async run(ctx) {
    const cfg = ctx.config.models;
    if (!cfg) throw new InputError('The models stage needs a models: section in the config (target, and optionally family, snapshots, params).');
    if (!ctx.results.features) throw new InputError('The models stage needs the features stage: add "features" to stages.');
    const labels: Record<string, FeatureLabel> = Object.fromEntries(Object.entries(ctx.config.report.labels).map(([column, l]) => [column, { label: typeof l === 'string' ? l : l.en }]));
    // With segments (the cluster stage ran), a sample of every segment is explained for the review's drivers per segment.
    const cluster = ctx.results.cluster;
    const table = ctx.results.featureTable;
    const segmentOf = cluster && table ? new Map(table.ids.map((id, i) => [id, cluster.labels[i]!])) : undefined;
    // With the clv stage's result, CLV is an input too, fitted again at every training snapshot (never as of asOf for them).
    const c = ctx.config.clv;
    const clv = c && ctx.results.clv ? { model: c.model, unit: c.unit, penalizer: c.penalizer, horizon: c.horizon, discount: c.discount, seed: ctx.config.seed } : undefined;
    const t0 = performance.now();
    const trained = await trainAndScore(ctx.session, ctx.config.features, ctx.config.asOf, cfg, { available: ctx.results.load, progress: ctx.progress, labels, keepTables: false, ...(segmentOf ? { segmentOf } : {}), ...(clv ? { clv } : {}) });
    ctx.timePart('train', performance.now() - t0);
    const { card, model, encoder, calibrator, scores, segmentSample } = trained;
    // The review's drivers per segment, as aggregates `seglab report` reads back (the rows' contributions stay in memory).
    const drivers = segmentOf ? segmentDrivers(card.inputs.map((c) => c.name), scores.ids, segmentSample?.rows ?? new Int32Array(0), segmentSample?.contributions ?? null, segmentOf) : undefined;
    ctx.results.models = { card, ids: scores.ids, probability: scores.probability, explained: scores.explained, contributions: scores.contributions, ...(drivers ? { segmentDrivers: drivers } : {}) };

    ctx.writer.writeJson('model.json', savedModelToJSON({ asOf: card.asOf, target: card.target, family: card.family, encoder, model, calibrator }), 'The fitted churn / propensity model with its input encoder (seglab score --model reads it).');
    ctx.writer.writeJson('model-card.json', card, 'Model card: label definition, data, every family tried, metrics with 95% intervals, calibration, lift, contact budget, drivers.');
    ctx.writer.writeText('model-card.md', modelCardMarkdown(card), 'The model card as text, for people.');
    ctx.writer.writeCsv(
      'scores.csv',
      ['customer_id', 'probability', 'reason_1', 'reason_2', 'reason_3'],
      scores.ids.map((id, i) => [id, scores.probability[i]!, scores.reasons[i]?.[0] ?? '', scores.reasons[i]?.[1] ?? '', scores.reasons[i]?.[2] ?? '']),
      'Per customer as of asOf: the probability of the target, and for the highest-scored customers (the contact budget) up to three reasons in words.',
      { formulaGuard: ctx.config.output.csvFormulaGuard },
    );
    if (drivers) ctx.writer.writeJson('model-segments.json', drivers, "Per segment: the customers explained (a seeded sample of up to 50) and their mean contribution per model input, the review's drivers per segment (aggregates only).");
    if (model.kind !== 'mlp') {
      for (const dialect of SQL_DIALECTS) {
        const sql = modelScoreSql(model, encoder, dialect, { calibrator });
        // ClickHouse refuses a statement past max_query_size (262144 bytes) or max_ast_elements (50000) by default: say what to raise.
        const bytes = Buffer.byteLength(sql);
        const settings = dialect === 'clickhouse' ? `-- ClickHouse: the statement is ${bytes} bytes; run it with max_query_size, max_ast_elements and max_expanded_ast_elements of at least that (e.g. clickhouse-client --max_query_size=${bytes} --max_ast_elements=${bytes} --max_expanded_ast_elements=${bytes}).\n` : '';
        ctx.writer.writeText(
          `model.${dialect}.sql`,
          `-- seglab ${card.family} model${calibrator ? ` (${card.calibrator.method} calibration)` : ''}, target ${JSON.stringify(card.target)}, as of ${card.asOf} (${dialect}).\n-- Runs over a table "features" with the model's input columns (${card.inputs.map((c) => c.name).join(', ')}), as features.sql computes them.\n${settings}${sql};\n`,
          `The model's score as ${dialect} SQL over the feature table (equal to scores.csv to 1e-9).`,
        );
      }
    }
    ctx.progress.note(`models: ${card.family} (${card.chosenBy}), held-out ROC AUC ${card.metrics.rocAuc.estimate.toFixed(3)} [${card.metrics.rocAuc.low.toFixed(3)}, ${card.metrics.rocAuc.high.toFixed(3)}], ${card.scored.customers.toLocaleString('en-US')} customers scored`);
  },
};
