import type { CalendarDate } from '../../core/CalendarDate';
import { assertUnreachable } from '../../core/assertUnreachable';
import { quoteIdent, quoteLiteral } from '../../data/DuckSession';
import type { ModelTarget, PropensityEvent } from '../ModelsConfig';

/** What the label SQL needs to know about the loaded tables. */
export interface LabelSqlContext {
  /** transactions.is_return exists (else a negative amount marks a return, as in the features). */
  isReturn: boolean;
}

/** Purchase lines: the transactions the features count as orders (returns and lines without a customer left out). */
export function purchasesSql(ctx: LabelSqlContext): string {
  const isReturn = ctx.isReturn ? 'COALESCE(is_return, amount < 0)' : 'amount < 0';
  return `SELECT * FROM transactions WHERE customer_id IS NOT NULL AND NOT ${isReturn}`;
}

/**
 * One row per labelled customer of the feature table `features` as of `snapshot`: customer_id and label
 * (0/1). The window is [snapshot 00:00, windowEnd 00:00): exactly what the features of the snapshot do not
 * see (they count ts < snapshot) up to the next snapshot. Churn keeps only customers with an order before
 * the snapshot; propensity keeps the whole feature base.
 */
export function labelSql(target: Exclude<ModelTarget, { kind: 'column' }>, features: string, snapshot: CalendarDate, windowEnd: CalendarDate, ctx: LabelSqlContext): string {
  const f = quoteIdent(features);
  const from = snapshot.sqlTimestamp;
  const to = windowEnd.sqlTimestamp;
  switch (target.kind) {
    case 'churn':
      return `WITH purchases AS (${purchasesSql(ctx)}),
before AS (SELECT DISTINCT customer_id FROM purchases WHERE ts < ${from}),
win AS (SELECT DISTINCT customer_id FROM purchases WHERE ts >= ${from} AND ts < ${to})
SELECT f.customer_id, CAST(win.customer_id IS NULL AS INTEGER) AS label
FROM ${f} f JOIN before USING (customer_id) LEFT JOIN win USING (customer_id)`;
    case 'propensity':
      return `WITH win AS (${eventSql(target.event, ctx)} AND ts >= ${from} AND ts < ${to})
SELECT f.customer_id, CAST(win.customer_id IS NOT NULL AS INTEGER) AS label
FROM ${f} f LEFT JOIN (SELECT DISTINCT customer_id FROM win) win USING (customer_id)`;
    default:
      return assertUnreachable(target, 'target kind');
  }
}

/** Rows of the event (customer_id, ts), open-ended so a time condition can follow `AND`. */
export function eventSql(event: PropensityEvent, ctx: LabelSqlContext): string {
  if ('category' in event) return `SELECT customer_id, ts FROM (${purchasesSql(ctx)}) WHERE category = ${quoteLiteral(event.category)}`;
  if ('channel' in event) return `SELECT customer_id, ts FROM (${purchasesSql(ctx)}) WHERE channel = ${quoteLiteral(event.channel)}`;
  return `SELECT customer_id, ts FROM events WHERE customer_id IS NOT NULL AND event_type = ${quoteLiteral(event.eventType)}`;
}

/** The event in words: "an order in category Books". */
export function describeEvent(event: PropensityEvent): string {
  if ('category' in event) return `an order (returns do not count) in the category "${event.category}"`;
  if ('channel' in event) return `an order (returns do not count) on the channel "${event.channel}"`;
  return `an event of type "${event.eventType}" in the events table`;
}
