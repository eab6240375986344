import { assertUnreachable } from '../core/assertUnreachable';
import { quoteIdent } from '../data/DuckSession';
import { exactDecimal, exactSum } from './exactSum';
import type { FeatureDefinition } from './FeatureDefinition';

/**
 * One aggregate column of a per-customer CTE, kept as its parts so that each engine writes it in its
 * own SQL: DuckDB as `count(*) FILTER (WHERE …)`, ClickHouse as `countIf(…)` (see clickHouseFeatureSql).
 * `sum` is an exact decimal sum returned as DOUBLE (exactSum); every aggregate is NULL when no row
 * passes `where` (count: 0).
 */
export interface Agg {
  alias: string;
  fn: 'count' | 'sum' | 'min' | 'max';
  /** The column aggregated (not for count). */
  arg?: string;
  /** Only rows where this condition is true. */
  where?: string;
}

/** An aggregate in DuckDB's SQL. */
export function duckAgg(agg: Agg): string {
  const filter = agg.where ? ` FILTER (WHERE ${agg.where})` : '';
  switch (agg.fn) {
    case 'count':
      return `count(*)${filter}`;
    case 'sum':
      return exactSum(agg.arg!, agg.where);
    case 'min':
    case 'max':
      return `${agg.fn}(${agg.arg!})${filter}`;
    default:
      return assertUnreachable(agg.fn, 'aggregate');
  }
}

/** Order-level columns beyond the always-present ts / is_order / net_amount. */
export type OrderColumn = 'items' | 'discount_used' | 'channel';

/**
 * How one feature is built: the aggregates it needs in the shared per-customer CTEs and its
 * expression in the final SELECT. The assembler keeps only the CTEs and aggregates the chosen
 * features need, so the same code writes the full statement and each feature's standalone one.
 */
export interface FeatureSpec extends Omit<FeatureDefinition, 'expression' | 'sql'> {
  select: string;
  /** Columns of the customers table carried in `base` (quoted identifiers). */
  base?: readonly string[];
  /** Aggregates over `orders`, grouped by customer (CTE `tx`). */
  tx?: readonly Agg[];
  /** Aggregates over purchase lines (returns left out) before asOf, grouped by customer (CTE `cat`). */
  cat?: readonly Agg[];
  /** Aggregates over `events` before asOf, grouped by customer (CTE `ev`). */
  ev?: readonly Agg[];
  orderColumns?: readonly OrderColumn[];
  /** Needs the RFM score CTEs (`rfm`). */
  rfm?: boolean;
}

export interface SqlContext {
  /** TIMESTAMP literal of asOf. */
  asOf: string;
  /** Where the customer base comes from. */
  baseSource: 'customers' | 'transactions';
  /** customers.signup_date exists: customers who signed up on or after asOf are left out. */
  signupDate: boolean;
  /** transactions.order_id exists: lines are grouped into orders. */
  orderId: boolean;
  /** transactions.is_return exists (else a negative amount marks a return). */
  isReturn: boolean;
  rfmBins: number;
}

/** Aggregates the RFM scores are computed from. */
export const RFM_TX_AGGS: readonly Agg[] = [
  { alias: 'frequency', fn: 'count', where: 'is_order' },
  { alias: 'monetary_total', fn: 'sum', arg: 'net_amount' },
  { alias: 'last_order_ts', fn: 'max', arg: 'ts', where: 'is_order' },
];

/** Write one statement (CTEs + final SELECT, one row per customer of the base) for the given features. */
export function assembleFeatureSql(specs: readonly FeatureSpec[], ctx: SqlContext): string {
  const baseCols = unique(specs.flatMap((s) => s.base ?? []));
  const needRfm = specs.some((s) => s.rfm);
  const txAggs = uniqueAggs([...specs.flatMap((s) => s.tx ?? []), ...(needRfm ? RFM_TX_AGGS : [])]);
  const catAggs = uniqueAggs(specs.flatMap((s) => s.cat ?? []));
  const evAggs = uniqueAggs(specs.flatMap((s) => s.ev ?? []));
  const orderCols = new Set(specs.flatMap((s) => s.orderColumns ?? []));
  const A = ctx.asOf;
  const ctes: string[] = [];

  if (ctx.baseSource === 'customers') {
    const where = ['customer_id IS NOT NULL'];
    if (ctx.signupDate) where.push(`(signup_date IS NULL OR signup_date < ${A})`);
    ctes.push(
      cte(
        'base',
        ctx.signupDate
          ? 'Customer base: customers that signed up before asOf (or have no signup date).'
          : 'Customer base: every customer of the customers table.',
        [`SELECT ${['customer_id', ...baseCols].join(', ')}`, 'FROM customers', `WHERE ${where.join(' AND ')}`],
      ),
    );
  } else {
    ctes.push(
      cte('base', 'Customer base (no customers table): everyone with a transaction before asOf.', [
        'SELECT DISTINCT customer_id',
        'FROM transactions',
        `WHERE customer_id IS NOT NULL AND ts < ${A}`,
      ]),
    );
  }

  const isReturn = ctx.isReturn ? 'COALESCE(is_return, amount < 0)' : 'amount < 0';
  if (txAggs.length) {
    const cols = ['customer_id'];
    if (ctx.orderId) cols.push('order_id');
    cols.push('ts', `${exactDecimal('amount')} AS amount`);
    if (orderCols.has('items')) cols.push(`${exactDecimal('items')} AS items`);
    for (const c of ['discount_used', 'channel'] as const) if (orderCols.has(c)) cols.push(c);
    cols.push(`${isReturn} AS is_return`);
    ctes.push(
      cte(
        'lines',
        ctx.isReturn
          ? 'Transaction lines before asOf; a line is a return when flagged, or when the flag is missing and the amount is negative.'
          : 'Transaction lines before asOf; without an is_return column a negative amount marks a return.',
        [`SELECT ${cols.join(', ')}`, 'FROM transactions', `WHERE ts < ${A} AND customer_id IS NOT NULL`],
      ),
    );
    if (ctx.orderId) {
      const cols = [
        'customer_id',
        'order_id',
        'min(ts) AS ts',
        'count(*) FILTER (WHERE NOT is_return) > 0 AS is_order',
        `${exactDecimal('sum(amount)')} AS net_amount`,
      ];
      if (orderCols.has('items')) cols.push(`${exactDecimal('sum(items) FILTER (WHERE NOT is_return)')} AS items`);
      if (orderCols.has('discount_used')) cols.push('count(*) FILTER (WHERE discount_used AND NOT is_return) > 0 AS discount_used');
      if (orderCols.has('channel')) cols.push('min(channel) FILTER (WHERE NOT is_return) AS channel');
      ctes.push(
        cte(
          'orders',
          'One row per order (an order may span several lines). It counts as an order when at least one line is not a return; net_amount includes return lines, so returns and cancellations reduce spend.',
          [`SELECT ${cols.join(',\n       ')}`, 'FROM lines', 'GROUP BY customer_id, order_id'],
        ),
      );
    } else {
      const cols = ['customer_id', 'ts', 'NOT is_return AS is_order', 'amount AS net_amount'];
      for (const c of ['items', 'discount_used', 'channel'] as const) if (orderCols.has(c)) cols.push(c);
      ctes.push(
        cte('orders', 'No order_id: every purchase line is an order; return lines are not orders but reduce spend.', [
          `SELECT ${cols.join(', ')}`,
          'FROM lines',
        ]),
      );
    }
    ctes.push(
      cte('tx', 'Per customer, from orders: one pass with FILTER clauses for every count, sum and window.', [
        `SELECT customer_id,\n${aggLines(txAggs)}`,
        'FROM orders',
        'GROUP BY customer_id',
      ]),
    );
  }

  if (catAggs.length) {
    // Reads transactions again rather than `lines`: a CTE used twice is materialised (10M rows held in memory).
    ctes.push(
      cte('cat', 'Per customer purchase spend by category before asOf (return lines left out, so shares stay within 0..1).', [
        `SELECT customer_id,\n${aggLines(catAggs)}`,
        `FROM (SELECT customer_id, category, ${exactDecimal('amount')} AS amount FROM transactions`,
        `      WHERE ts < ${A} AND customer_id IS NOT NULL AND NOT ${isReturn})`,
        'GROUP BY customer_id',
      ]),
    );
  }

  if (evAggs.length) {
    ctes.push(
      cte('ev', 'Per customer event counts before asOf.', [
        `SELECT customer_id,\n${aggLines(evAggs)}`,
        'FROM events',
        `WHERE ts < ${A} AND customer_id IS NOT NULL`,
        'GROUP BY customer_id',
      ]),
    );
  }

  if (needRfm) {
    const n = ctx.rfmBins;
    ctes.push(
      cte('rfm_tiles', `Quantile tiles (${n} = best) over the customers of the base with at least one order.`, [
        'SELECT tx.customer_id,',
        `       date_diff('day', tx.last_order_ts, ${A}) AS recency_days,`,
        '       tx.frequency,',
        '       tx.monetary_total,',
        `       ntile(${n}) OVER (ORDER BY date_diff('day', tx.last_order_ts, ${A}) DESC) AS r_tile,`,
        `       ntile(${n}) OVER (ORDER BY tx.frequency) AS f_tile,`,
        `       ntile(${n}) OVER (ORDER BY tx.monetary_total) AS m_tile`,
        'FROM tx',
        'JOIN base ON base.customer_id = tx.customer_id',
        'WHERE tx.frequency > 0',
      ]),
      cte(
        'rfm_scores',
        'Ties share a score: each customer gets the lowest tile of all customers with the same value, so equal values never get different scores.',
        [
          'SELECT customer_id,',
          '       min(r_tile) OVER (PARTITION BY recency_days) AS r_score,',
          '       min(f_tile) OVER (PARTITION BY frequency) AS f_score,',
          '       min(m_tile) OVER (PARTITION BY monetary_total) AS m_score',
          'FROM rfm_tiles',
        ],
      ),
      cte('rfm', 'Combined FM score for the segment map: (F + M) / 2 rounded half up.', [
        'SELECT customer_id, r_score, f_score, m_score,',
        '       CAST(floor((f_score + m_score + 1) / 2.0) AS INTEGER) AS fm_score',
        'FROM rfm_scores',
      ]),
    );
  }

  const selects = ['b.customer_id', ...specs.map((s) => `${indentTail(s.select, '  ')} AS ${ident(s.name)}`)];
  const joins: string[] = [];
  if (txAggs.length) joins.push('LEFT JOIN tx ON tx.customer_id = b.customer_id');
  if (catAggs.length) joins.push('LEFT JOIN cat ON cat.customer_id = b.customer_id');
  if (evAggs.length) joins.push('LEFT JOIN ev ON ev.customer_id = b.customer_id');
  if (needRfm) joins.push('LEFT JOIN rfm ON rfm.customer_id = b.customer_id');
  return [
    `WITH\n${ctes.join(',\n')}`,
    `SELECT\n  ${selects.join(',\n  ')}`,
    'FROM base b',
    ...joins,
    'ORDER BY b.customer_id',
  ].join('\n');
}

/** Quote a generated name only when it is not a plain lower-case identifier. */
export function ident(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : quoteIdent(name);
}

function cte(name: string, comment: string, body: readonly string[]): string {
  const lines = body.join('\n').split('\n');
  return `${name} AS (\n  -- ${comment}\n${lines.map((l) => `  ${l}`).join('\n')}\n)`;
}

function aggLines(aggs: readonly Agg[]): string {
  return aggs.map((a) => `       ${duckAgg(a)} AS ${ident(a.alias)}`).join(',\n');
}

function indentTail(text: string, pad: string): string {
  return text.split('\n').join(`\n${pad}`);
}

export function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

export function uniqueAggs(aggs: readonly Agg[]): Agg[] {
  const seen = new Map<string, Agg>();
  for (const a of aggs) if (!seen.has(a.alias)) seen.set(a.alias, a);
  return [...seen.values()];
}
