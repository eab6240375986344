import { assertUnreachable } from '../core/assertUnreachable';
import type { CalendarDate } from '../core/CalendarDate';
import { uniqueAggs, unique, RFM_TX_AGGS, type Agg, type FeatureSpec, type SqlContext } from './assembleFeatureSql';

/**
 * The feature statement in ClickHouse SQL (version 18.16 and later), for the same specs DuckDB runs.
 *
 * What differs from DuckDB's statement, and why:
 * - FILTERed aggregates become -If combinators. An -If aggregate over no row gives the type's default
 *   (0, 1970-01-01) where DuckDB gives NULL, so every sum / min / max is wrapped in
 *   `if(countIf(cond AND isNotNull(x)) > 0, …, NULL)`: the same NULL meaning.
 * - Sums stay exact: Decimal(18,4) values, a Decimal(38,4) sum, converted to Float64 once (as DuckDB's
 *   CAST(… AS DOUBLE) does). ClickHouse turns a Float64 into a decimal by truncation, not rounding, so
 *   amounts should be stored as Decimal(18,4) (the upload does).
 * - No CTEs and one JOIN per SELECT (18.16): the per-customer aggregates are subqueries, joined to the
 *   base one at a time with `ANY LEFT JOIN … USING customer_id` and `join_use_nulls = 1` (a customer
 *   without orders gets NULL aggregates, as in DuckDB's LEFT JOIN). Every joined column carries its
 *   source as a prefix (`tx__frequency`), since ClickHouse cannot qualify a column of a joined subquery.
 * - No window functions: the RFM scores (ntile over all customers) are not in the statement. It returns
 *   their inputs instead (`rfm__recency_days`, `rfm__frequency`, `rfm__monetary_total`, for customers
 *   with an order), and `rfmScores` computes the tiles on the gathered table, as DuckDB's ntile does.
 * - Column aliases in ClickHouse are visible in the whole SELECT (WHERE included), so a column is never
 *   aliased to its own name with another meaning (lines carry `line_ts`, orders `ts`).
 * The statement runs on every shard, over its local tables: the upload shards every table by customer_id,
 * so a customer's rows are all on one shard and each shard computes its own customers' rows completely
 * (no partial aggregates cross the network); the caller concatenates them (computeClickHouseFeatures).
 */
export interface ClickHouseFeatureSql {
  sql: string;
  /** Settings the statement needs. */
  settings: Record<string, number>;
  /** Names of the specs the statement computes, in order (after customer_id). */
  computed: string[];
  /** Specs left to rfmScores (r_score, f_score, m_score, rfm_segment). */
  rfm: string[];
  /** The statement's customers alone, one row each (the rows the feature table has): cheap to count. */
  customers: string;
}

/** The prefix of the RFM inputs the statement returns (`rfm__recency_days`, …). */
export const RFM_INPUTS = ['recency_days', 'frequency', 'monetary_total'] as const;

/** asOf as a ClickHouse DateTime literal (midnight UTC). */
export function clickHouseTimestamp(asOf: CalendarDate): string {
  return `toDateTime('${asOf.iso} 00:00:00', 'UTC')`;
}

/** The tables the statement reads: each shard's local tables (the upload's `<table>_local`). */
export const SHARD_TABLES = { customers: 'customers_local', transactions: 'transactions_local', events: 'events_local' } as const;

/**
 * Write the ClickHouse statement for the specs (internal: specs come from buildFeatureSpecs with a
 * ClickHouse asOf). It reads `tables` (default each shard's local tables): every table is sharded by
 * customer_id, so the whole statement is local to a shard and each shard returns its own customers.
 */
export function assembleClickHouseFeatureSql(
  specs: readonly FeatureSpec[],
  ctx: SqlContext,
  tables: { customers: string; transactions: string; events: string } = SHARD_TABLES,
): ClickHouseFeatureSql {
  const rfmSpecs = specs.filter((s) => s.rfm);
  const plain = specs.filter((s) => !s.rfm);
  const baseCols = unique(specs.flatMap((s) => s.base ?? []));
  const needRfm = rfmSpecs.length > 0;
  const txAggs = uniqueAggs([...specs.flatMap((s) => s.tx ?? []), ...(needRfm ? RFM_TX_AGGS : [])]);
  const catAggs = uniqueAggs(specs.flatMap((s) => s.cat ?? []));
  const evAggs = uniqueAggs(specs.flatMap((s) => s.ev ?? []));
  const orderCols = new Set(specs.flatMap((s) => s.orderColumns ?? []));
  const A = ctx.asOf;
  const isReturn = ctx.isReturn ? 'coalesce(is_return, amount < 0)' : 'amount < 0';

  // base: customer_id plus the customers columns the specs read, as b__<name>.
  const baseNames = baseCols.map((q) => `b__${unquote(q)}`);
  let base: string;
  if (ctx.baseSource === 'customers') {
    const where = ['customer_id IS NOT NULL'];
    if (ctx.signupDate) where.push(`(signup_date IS NULL OR signup_date < ${A})`);
    base = [
      `SELECT ${['customer_id', ...baseCols.map((q, i) => `${chIdent(unquote(q))} AS ${chIdent(baseNames[i]!)}`)].join(', ')}`,
      `FROM ${tables.customers}`,
      `WHERE ${where.join(' AND ')}`,
    ].join('\n');
  } else {
    base = ['SELECT DISTINCT customer_id', `FROM ${tables.transactions}`, `WHERE customer_id IS NOT NULL AND ts < ${A}`].join('\n');
  }

  const parts: { sql: string; columns: string[] }[] = [];
  if (txAggs.length) {
    const lineCols = ['customer_id'];
    if (ctx.orderId) lineCols.push('order_id');
    lineCols.push('ts AS line_ts', 'CAST(amount AS Nullable(Decimal(18,4))) AS line_amount');
    if (orderCols.has('items')) lineCols.push('CAST(items AS Nullable(Decimal(18,4))) AS line_items');
    if (orderCols.has('discount_used')) lineCols.push('discount_used AS line_discount');
    if (orderCols.has('channel')) lineCols.push('channel AS line_channel');
    lineCols.push(`${isReturn} AS line_return`);
    const lines = [`SELECT ${lineCols.join(', ')}`, `FROM ${tables.transactions}`, `WHERE ts < ${A} AND customer_id IS NOT NULL`].join('\n');
    let orders: string;
    if (ctx.orderId) {
      const purchase = 'NOT line_return';
      const cols = [
        'customer_id',
        'min(line_ts) AS ts',
        `countIf(${purchase}) > 0 AS is_order`,
        'CAST(sum(line_amount) AS Nullable(Decimal(18,4))) AS net_amount',
      ];
      if (orderCols.has('items')) cols.push(`${orNull(purchase, 'line_items', `CAST(sumIf(line_items, ${guard(purchase, 'line_items')}) AS Nullable(Decimal(18,4)))`)} AS items`);
      if (orderCols.has('discount_used')) cols.push(`countIf(line_discount AND ${purchase}) > 0 AS discount_used`);
      if (orderCols.has('channel')) cols.push(`${orNull(purchase, 'line_channel', `minIf(line_channel, ${guard(purchase, 'line_channel')})`)} AS channel`);
      orders = [`SELECT ${cols.join(',\n       ')}`, `FROM (\n${indent(lines)}\n)`, 'GROUP BY customer_id, order_id'].join('\n');
    } else {
      const cols = ['customer_id', 'line_ts AS ts', 'NOT line_return AS is_order', 'line_amount AS net_amount'];
      if (orderCols.has('items')) cols.push('line_items AS items');
      if (orderCols.has('discount_used')) cols.push('line_discount AS discount_used');
      if (orderCols.has('channel')) cols.push('line_channel AS channel');
      orders = [`SELECT ${cols.join(', ')}`, `FROM (\n${indent(lines)}\n)`].join('\n');
    }
    parts.push(perCustomer('tx', txAggs, `(\n${indent(orders)}\n)`));
  }
  if (catAggs.length) {
    const purchases = [
      'SELECT customer_id, category, CAST(amount AS Nullable(Decimal(18,4))) AS purchase_amount',
      `FROM ${tables.transactions}`,
      `WHERE ts < ${A} AND customer_id IS NOT NULL AND NOT ${isReturn}`,
    ].join('\n');
    // The specs' aggregates read `amount`: here the purchase amount as a decimal.
    parts.push(perCustomer('cat', catAggs.map((a) => ({ ...a, arg: a.arg === 'amount' ? 'purchase_amount' : a.arg })), `(\n${indent(purchases)}\n)`));
  }
  if (evAggs.length) {
    const events = ['SELECT customer_id, event_type, ts', `FROM ${tables.events}`, `WHERE ts < ${A} AND customer_id IS NOT NULL`].join('\n');
    parts.push(perCustomer('ev', evAggs, `(\n${indent(events)}\n)`));
  }

  // Join the per-customer results onto the base, one JOIN per level.
  let joined = base;
  let columns = ['customer_id', ...baseNames];
  for (const part of parts) {
    const all = [...columns, ...part.columns];
    joined = [
      `SELECT ${all.map(chIdent).join(', ')}`,
      `FROM (\n${indent(joined)}\n)`,
      `ANY LEFT JOIN (\n${indent(part.sql)}\n) USING customer_id`,
    ].join('\n');
    columns = all;
  }

  const selects = ['customer_id', ...plain.map((s) => `${toClickHouseExpr(s.select)} AS ${chIdent(s.name)}`)];
  if (needRfm) {
    selects.push(
      `if(tx__frequency > 0, dateDiff('day', tx__last_order_ts, ${A}), NULL) AS rfm__recency_days`,
      'if(tx__frequency > 0, tx__frequency, NULL) AS rfm__frequency',
      'if(tx__frequency > 0, tx__monetary_total, NULL) AS rfm__monetary_total',
    );
  }
  const sql = [`SELECT\n  ${selects.map((s) => s.split('\n').join('\n  ')).join(',\n  ')}`, `FROM (\n${indent(joined)}\n)`, 'ORDER BY customer_id'].join('\n');
  return {
    sql,
    settings: { join_use_nulls: 1 },
    computed: plain.map((s) => s.name),
    rfm: rfmSpecs.map((s) => s.name),
    customers: base,
  };
}

/** One aggregate in ClickHouse SQL, NULL where DuckDB's FILTERed aggregate is NULL. */
export function clickHouseAgg(agg: Agg): string {
  const where = agg.where ? `(${agg.where})` : undefined;
  switch (agg.fn) {
    case 'count':
      return where ? `countIf(${where})` : 'count()';
    case 'sum': {
      const cond = guard(where, agg.arg!);
      return orNull(where, agg.arg!, `toFloat64(sumIf(${agg.arg!}, ${cond}))`);
    }
    case 'min':
    case 'max':
      return orNull(where, agg.arg!, `${agg.fn}If(${agg.arg!}, ${guard(where, agg.arg!)})`);
    default:
      return assertUnreachable(agg.fn, 'aggregate');
  }
}

function guard(where: string | undefined, arg: string): string {
  return where ? `${where} AND isNotNull(${arg})` : `isNotNull(${arg})`;
}

function orNull(where: string | undefined, arg: string, value: string): string {
  return `if(countIf(${guard(where, arg)}) > 0, ${value}, NULL)`;
}

function perCustomer(source: 'tx' | 'cat' | 'ev', aggs: readonly Agg[], from: string): { sql: string; columns: string[] } {
  const columns = aggs.map((a) => `${source}__${a.alias}`);
  const lines = aggs.map((a, i) => `       ${toClickHouseExpr(clickHouseAgg(a))} AS ${chIdent(columns[i]!)}`);
  return { sql: [`SELECT customer_id,\n${lines.join(',\n')}`, `FROM ${from}`, 'GROUP BY customer_id'].join('\n'), columns };
}

/** A generated name as a ClickHouse identifier (backquoted unless plain). */
export function chIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/** A string as a ClickHouse literal (ClickHouse reads backslash escapes; DuckDB does not). */
export function chLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const SOURCES = new Set(['b', 'tx', 'cat', 'ev']);
const CASTS: Record<string, string> = { DOUBLE: 'Nullable(Float64)', VARCHAR: 'Nullable(String)', INTEGER: 'Nullable(Int32)' };

/**
 * A spec's DuckDB expression (as buildFeatureSpecs writes it) in ClickHouse SQL: `tx.x` → `tx__x`,
 * `b."col"` → `` b__col ``, date_diff → dateDiff, CAST to the Nullable ClickHouse type (a NULL cannot
 * be cast to a plain type), string literals and quoted names re-quoted for ClickHouse. Works token by
 * token, so text inside literals is never rewritten.
 */
export function toClickHouseExpr(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const { text, end } = readQuoted(sql, i, c);
      out += c === "'" ? chLiteral(text) : chIdent(text);
      i = end;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i));
    if (word && (i === 0 || !/[A-Za-z0-9_.]/.test(sql[i - 1]!))) {
      const w = word[0];
      const after = i + w.length;
      if (SOURCES.has(w) && sql[after] === '.') {
        const next = sql[after + 1];
        if (next === '"') {
          const { text, end } = readQuoted(sql, after + 1, '"');
          out += chIdent(`${w}__${text}`);
          i = end;
          continue;
        }
        const col = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(after + 1));
        if (col) {
          out += chIdent(`${w}__${col[0]}`);
          i = after + 1 + col[0].length;
          continue;
        }
      }
      if (w === 'date_diff') out += 'dateDiff';
      else if (w === 'AS' && CASTS[/^\s+([A-Z]+)\)/.exec(sql.slice(after))?.[1] ?? '']) {
        const m = /^(\s+)([A-Z]+)\)/.exec(sql.slice(after))!;
        out += `AS${m[1]}${CASTS[m[2]!]})`;
        i = after + m[0].length;
        continue;
      } else out += w;
      i = after;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Read a DuckDB-quoted token ('…' or "…", the quote doubled inside) starting at `start`. */
function readQuoted(sql: string, start: number, q: string): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  for (;;) {
    if (i >= sql.length) throw new Error(`unterminated ${q} in generated SQL: ${sql}`);
    if (sql[i] === q) {
      if (sql[i + 1] === q) {
        text += q;
        i += 2;
        continue;
      }
      return { text, end: i + 1 };
    }
    text += sql[i];
    i++;
  }
}

/** A DuckDB identifier as buildFeatureSpecs writes it ("name" or name) without its quotes. */
function unquote(q: string): string {
  return q.startsWith('"') ? readQuoted(q, 0, '"').text : q;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
