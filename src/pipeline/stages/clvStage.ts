import { clvBySegment, highValueThreshold } from '../../clv/clvBySegment';
import { CLV_MODELS } from '../../clv/clvModels';
import { ConvergenceError } from '../../clv/ConvergenceError';
import { customerValue, type CustomerValue, type NoCustomerValue } from '../../clv/customerValue';
import { InputError, inputError } from '../../core/errors';
import { joinCustomerColumns } from '../../data/joinCustomerColumns';
import type { FeatureColumn } from '../../features/FeatureDefinition';
import { readFeatureTable } from '../../features/readFeatureTable';
import { CLV_FILE_SCHEMA_VERSION, type ClvFile } from '../ClvResult';
import type { ClvConfig } from '../ClvConfig';
import type { RunContext, Stage } from '../RunContext';
import { writeFeatureTable } from '../writeFeatureTable';

/** The per-customer columns the clv stage adds to the feature table (rules and reports read them by these names). */
export const CLV_COLUMNS = ['clv', 'p_alive', 'expected_purchases'] as const;

/**
 * Customer lifetime value (config `clv:`): the transaction summary as of asOf (calibration end = the day before),
 * the purchase model and Gamma-Gamma fitted on it, then per customer CLV over the horizon, P(alive) and the
 * expected purchases over the horizon: clv.csv, clv.json (fits and per-segment aggregates), and three columns
 * joined into the feature table (features.parquet / .csv / .json rewritten) for the review, rules and later stages.
 */
export const clvStage: Stage = {
  name: 'clv',
  description: 'Customer lifetime value: BG/NBD, MBG/NBD or Pareto/NBD with Gamma-Gamma on the transactions as of asOf; clv.csv, clv.json and clv, p_alive, expected_purchases in the feature table.',
  async run(ctx) {
    const cfg = ctx.config.clv;
    if (!cfg) throw new InputError('The clv stage needs a clv: section in the config (model, horizon, discount; every key has a default: `clv: {}`).');
    const features = ctx.results.features;
    if (!features) throw new InputError('The clv stage needs the features stage: add "features" to stages.');
    const clash = features.columns.find((c) => (CLV_COLUMNS as readonly string[]).includes(c.name));
    if (clash) {
      throw inputError({ check: 'clv-column', what: `the feature table already has a column ${clash.name}, which the clv stage writes`, where: { field: 'clv' }, fix: `rename the data's ${clash.name} column (data.<table>.columns), or leave the clv: section out` });
    }
    if (!(await ctx.session.tableExists('transactions'))) return ctx.skip('the data has no transactions table (CLV needs purchases with dates and amounts)');
    const asOf = ctx.config.asOf;
    const value = await fitValue(ctx, cfg);
    if (!value) return;
    if ('skipped' in value) return ctx.skip(value.skipped);
    const { summary, repeatBuyers, purchases, spend, spendRows, clv, pAlive, expected } = value;
    const n = summary.customerIds.length;

    ctx.writer.writeCsv(
      'clv.csv',
      ['customer_id', 'clv', 'expected_purchases', 'p_alive', 'frequency', 'recency', 'T', 'monetary_value'],
      summary.customerIds.map((id, i) => [id, finiteOrEmpty(clv[i]!), expected[i]!, pAlive[i]!, summary.frequency[i]!, summary.recency[i]!, summary.T[i]!, summary.monetaryValue[i]!]),
      `Per customer with a purchase before asOf: CLV over ${cfg.horizon} months (discount ${cfg.discount} a month; empty when the repeat purchases are worth 0 or less), expected purchases over that horizon, P(alive), and the summary the models were fitted on (recency and T in ${cfg.unit}).`,
      { formulaGuard: ctx.config.output.csvFormulaGuard },
    );

    // The three columns joined into the feature table (NULL for customers without a purchase before asOf).
    await joinCustomerColumns(ctx.session, 'features', summary.customerIds, { clv, p_alive: pAlive, expected_purchases: expected });
    const table = await readFeatureTable(ctx.session);
    ctx.results.featureTable = table;
    const columns: FeatureColumn[] = [
      ...features.columns,
      { name: 'clv', role: 'numeric', unit: 'currency', description: `Customer lifetime value over the next ${cfg.horizon} months, discounted ${cfg.discount} a month (${purchases.kind} × Gamma-Gamma, clv stage); NULL without a purchase before asOf or when the repeat purchases are worth 0 or less.` },
      { name: 'p_alive', role: 'numeric', unit: 'share', description: `Probability the customer is still active at asOf (${purchases.kind}, clv stage); NULL without a purchase before asOf.` },
      { name: 'expected_purchases', role: 'numeric', unit: 'orders', description: `Expected purchase days in the next ${cfg.horizon} months (${purchases.kind}, clv stage); NULL without a purchase before asOf.` },
    ];
    ctx.results.features = { ...features, columns };
    await writeFeatureTable(ctx.session, ctx.writer.path('features.parquet'), 'parquet', { formulaGuard: ctx.config.output.csvFormulaGuard });
    ctx.writer.record('features.parquet', 'Feature table: one row per customer, one column per feature (Parquet); with clv, p_alive and expected_purchases from the clv stage.');
    await writeFeatureTable(ctx.session, ctx.writer.path('features.csv'), 'csv', { formulaGuard: ctx.config.output.csvFormulaGuard });
    ctx.writer.record('features.csv', 'The same feature table as CSV, for spreadsheets.');
    const { sql: _sql, ...meta } = ctx.results.features;
    ctx.writer.writeJson('features.json', meta, 'Feature definitions, column roles, skipped groups and row count.');

    // Per segment, by the cluster labels of the feature table's rows.
    const tableClv = table.numeric.clv!;
    const threshold = highValueThreshold(tableClv, cfg.highValueShare);
    const band = { share: cfg.highValueShare, threshold, leavingBelow: cfg.leavingBelow };
    const cluster = ctx.results.cluster;
    const segments = cluster ? clvBySegment(cluster.labels, { clv: tableClv, pAlive: table.numeric.p_alive!, expectedPurchases: table.numeric.expected_purchases! }, band) : null;
    let inBand = 0;
    let leaving = 0;
    let total = 0;
    let withClv = 0;
    for (let i = 0; i < n; i++) {
      const c = clv[i]!;
      if (c !== c) continue;
      withClv++;
      total += c;
      if (threshold !== null && c >= threshold) {
        inBand++;
        if (pAlive[i]! < cfg.leavingBelow) leaving++;
      }
    }
    const correlation = spend.frequencyMonetaryCorrelation;
    const file: ClvFile = {
      schemaVersion: CLV_FILE_SCHEMA_VERSION,
      asOf: asOf.iso,
      calibrationEnd: summary.calibrationEnd.iso,
      unit: cfg.unit,
      model: cfg.model,
      horizon: cfg.horizon,
      discount: cfg.discount,
      customers: n,
      repeatBuyers,
      withoutPurchase: table.rowCount - countFinite(table.numeric.p_alive!),
      spendExcluded: n - spendRows.length,
      converged: purchases.starts.some((s) => s.converged),
      purchaseModel: purchases.toJSON(),
      spendModel: spend.toJSON(),
      frequencyMonetaryCorrelation: correlation,
      correlationWarning: spend.warnings.find((w) => w.includes('correlated')) ?? null,
      warnings: [...purchases.warnings, ...spend.warnings],
      totals: { clv: total, expectedPurchases: sum(expected), meanPAlive: sum(pAlive) / n, meanClv: withClv ? total / withClv : null },
      highValue: { ...band, customers: inBand, leaving },
      segments,
    };
    ctx.results.clv = file;
    ctx.writer.writeJson('clv.json', file, 'CLV: the purchase and spend models with standard errors and convergence, the frequency–monetary correlation, horizon and discount, totals, the top value band and per segment the value and P(alive) (aggregates only).');
    for (const w of file.warnings) ctx.progress.note(`clv: ${w}`);
    const p = Object.entries(purchases.params).map(([k, v]) => `${k} ${v.toPrecision(4)}`).join(', ');
    ctx.progress.note(`clv: ${purchases.kind} (${p}) and Gamma-Gamma on ${n.toLocaleString('en-US')} customers (${repeatBuyers.toLocaleString('en-US')} repeat buyers); ${cfg.horizon}-month CLV ${Math.round(total).toLocaleString('en-US')} in total, ${leaving.toLocaleString('en-US')} high-value customers probably leaving`);
  },
};

/** customerValue as of asOf; null when a fit did not converge and clv.onNotConverged is skip (the stage is then marked skipped). */
async function fitValue(ctx: RunContext, cfg: ClvConfig): Promise<CustomerValue | NoCustomerValue | null> {
  try {
    return await customerValue(ctx.session, ctx.config.asOf, { model: cfg.model, unit: cfg.unit, penalizer: cfg.penalizer, horizon: cfg.horizon, discount: cfg.discount, seed: ctx.config.seed, onPart: (part, ms) => ctx.timePart(part, ms) });
  } catch (err) {
    if (!(err instanceof ConvergenceError)) throw err;
    const which = err.model ?? cfg.model;
    const reason = `the ${which} fit did not converge: ${err.message.split('\n')[0]}`;
    if (cfg.onNotConverged === 'skip') {
      ctx.skip(reason);
      return null;
    }
    throw inputError({
      summary: `CLV: ${reason}`,
      check: 'clv-convergence',
      what: `the ${which} fit found no optimum it can vouch for`,
      where: { field: which === 'Gamma-Gamma' ? 'clv.penalizer' : 'clv.model' },
      fix: `set clv.penalizer (e.g. 0.001) to pull the parameters towards 0, try another clv.model (${CLV_MODELS.names.filter((m) => m !== 'gamma-gamma' && m !== cfg.model).join(', ')}) or clv.unit, or set clv.onNotConverged: skip to run without CLV`,
    });
  }
}

function finiteOrEmpty(v: number): number | string {
  return Number.isFinite(v) ? v : '';
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

function countFinite(a: Float64Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === a[i]) c++;
  return c;
}
