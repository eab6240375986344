import { clusterAssignSql } from '../cluster/sql/clusterAssignSql';
import { inputError } from '../core/errors';
import type { ClickHouseEngine } from '../engine/ClickHouseEngine';
import { mergeByCustomerId } from '../features/computeClickHouseFeatures';
import type { ClickHouseFeaturePlan } from '../features/planClickHouseFeatures';

/** Every customer's segment as the cluster computed it. */
export interface EngineAssignment {
  /** customer_id of each row, in DuckDB's order (UTF-8 byte order). */
  ids: string[];
  /** The model's 0-based label (before the run's segment ids are applied), row for row with ids. */
  labels: Int32Array;
  /** The statement every shard ran (ClickHouse SQL). */
  sql: string;
}

/**
 * Assign every customer on a ClickHouse cluster: the fitted preparation steps and model compiled to SQL
 * (clusterAssignSql) around the plan's feature statement, run on every shard at once (each assigns its
 * own customers); only ids and labels come back. A customer the fitted steps cannot prepare (a missing
 * value in a column that had none where the model was fitted, or a value ≤ −1 where log1p was fitted) is
 * an InputError with the count and the first ids: predict would refuse such a row as well.
 */
export async function assignOnClickHouse(engine: ClickHouseEngine, plan: ClickHouseFeaturePlan, steps: readonly unknown[], model: unknown): Promise<EngineAssignment> {
  // The RFM scores are computed in Node from the gathered rows, so the shards' statement does not have them.
  const columns = plan.columns.map((c) => c.name).filter((n) => !plan.clickhouse.rfm.includes(n));
  const sql = `${clusterAssignSql(steps, model, 'clickhouse', { from: `(\n${plan.clickhouse.sql}\n)`, columns })} ORDER BY customer_id`;
  const rows = mergeByCustomerId(await engine.allOnShards(sql, { ...(await engine.spillSettings()), ...plan.clickhouse.settings }));
  const ids = new Array<string>(rows.length);
  const labels = new Int32Array(rows.length);
  const unassigned: string[] = [];
  rows.forEach((r, i) => {
    ids[i] = String(r.customer_id);
    if (r.segment === null || r.segment === undefined) unassigned.push(ids[i]!);
    labels[i] = Number(r.segment ?? -1);
  });
  if (unassigned.length) {
    throw inputError({
      check: 'engine-assignment',
      what: `${unassigned.length} customers have a value the fitted preparation cannot take (a missing value in a column without one in the fitted sample, or a value ≤ −1 where log1p was fitted), e.g. ${unassigned.slice(0, 5).join(', ')}`,
      where: { field: 'cluster.engineSample' },
      fix: 'raise cluster.engineSample so that the sample sees such values, or set cluster.impute / cluster.log1p for those columns',
      count: unassigned.length,
    });
  }
  return { ids, labels, sql };
}
