import { assertUnreachable } from '../core/assertUnreachable';
import { quoteIdent, quoteLiteral } from '../data/DuckSession';
import { CUSTOMERS_SCHEMA } from '../data/schema';
import type { AvailableColumn, AvailableData } from './AvailableData';
import { RFM_TX_AGGS, type Agg, type FeatureSpec, type SqlContext } from './assembleFeatureSql';
import { FEATURE_GROUPS, requestedGroups, type FeatureConfig, type FeatureGroup } from './FeatureConfig';
import type { SkippedFeature } from './FeatureDefinition';
import { rfmSegmentSql } from './rfmSegment';

const [FREQUENCY, MONETARY, LAST_ORDER] = RFM_TX_AGGS as [Agg, Agg, Agg];
const FIRST_ORDER: Agg = { alias: 'first_order_ts', fn: 'min', arg: 'ts', where: 'is_order' };
const NO_ORDER = 'the customer has no order before asOf';

/**
 * Feature specs for the available tables and the config (internal; planFeatures validates first).
 * Each group either adds its specs or records why it was skipped; nothing is silently dropped.
 */
export function buildFeatureSpecs(
  available: AvailableData,
  config: FeatureConfig,
  asOf: string,
): { specs: FeatureSpec[]; skipped: SkippedFeature[]; ctx: SqlContext } {
  const A = asOf;
  const since = (d: number) => `${A} - INTERVAL '${d}' DAY`;
  const ordersSince = (d: number): Agg => ({ alias: `orders_${d}d`, fn: 'count', where: `is_order AND ts >= ${since(d)}` });
  const spendSince = (d: number): Agg => ({ alias: `spend_${d}d`, fn: 'sum', arg: 'net_amount', where: `ts >= ${since(d)}` });
  const cols = (t: 'customers' | 'transactions' | 'events') => new Set((available[t] ?? []).map((c) => c.name));
  const customers = available.customers ? cols('customers') : undefined;
  const tx = available.transactions ? cols('transactions') : undefined;
  const events = available.events ? cols('events') : undefined;

  const ctx: SqlContext = {
    asOf: A,
    baseSource: customers ? 'customers' : 'transactions',
    signupDate: Boolean(customers?.has('signup_date')),
    orderId: Boolean(tx?.has('order_id')),
    isReturn: Boolean(tx?.has('is_return')),
    rfmBins: config.rfmBins,
  };

  const specs: FeatureSpec[] = [];
  const skipped: SkippedFeature[] = [];
  const skip = (group: FeatureGroup, reason: string, column?: string) =>
    skipped.push(column ? { group, reason, column } : { group, reason });
  const noTransactions = 'no transactions table';

  const wanted = new Set(requestedGroups(config));
  for (const group of FEATURE_GROUPS) {
    if (!wanted.has(group)) {
      skip(group, config.exclude.includes(group) ? 'excluded by features.exclude' : 'not listed in features.include');
      continue;
    }
    switch (group) {
      case 'rfm': {
        if (!tx) {
          skip(group, noTransactions);
          break;
        }
        specs.push(
          numeric('recency_days', group, 'days', 'Whole days from the last order to asOf (calendar-day boundaries crossed).', `date_diff('day', tx.last_order_ts, ${A})`, {
            tx: [LAST_ORDER],
            nullWhen: NO_ORDER,
          }),
          numeric('frequency', group, 'orders', 'Number of orders before asOf (returns and cancellations are not orders).', 'COALESCE(tx.frequency, 0)', { tx: [FREQUENCY] }),
          numeric('monetary_total', group, 'currency', 'Net spend before asOf: order amounts minus returns and cancellations.', 'COALESCE(tx.monetary_total, 0)', { tx: [MONETARY] }),
          numeric('monetary_avg', group, 'currency per order', 'Average order value: monetary_total / frequency (net of returns).', 'tx.monetary_total / NULLIF(tx.frequency, 0)', {
            tx: [MONETARY, FREQUENCY],
            nullWhen: NO_ORDER,
          }),
        );
        if (tx.has('items')) {
          specs.push(
            numeric('avg_items_per_order', group, 'items per order', 'Average number of items per order (basket size; return lines left out).', 'CAST(tx.items_total AS DOUBLE) / NULLIF(tx.frequency, 0)', {
              tx: [{ alias: 'items_total', fn: 'sum', arg: 'items', where: 'is_order' }, FREQUENCY],
              orderColumns: ['items'],
              nullWhen: NO_ORDER,
            }),
          );
        } else skip(group, 'transactions has no items column', 'avg_items_per_order');
        const n = config.rfmBins;
        const ties = `Ties share the lowest tile of their value. Computed over customers of the base with at least one order.`;
        specs.push(
          numeric('r_score', group, 'score', `Recency score 1..${n} (${n} = most recent last order): ntile(${n}) over recency_days descending. ${ties}`, 'rfm.r_score', { rfm: true, nullWhen: NO_ORDER }),
          numeric('f_score', group, 'score', `Frequency score 1..${n} (${n} = most orders): ntile(${n}) over frequency. ${ties}`, 'rfm.f_score', { rfm: true, nullWhen: NO_ORDER }),
          numeric('m_score', group, 'score', `Monetary score 1..${n} (${n} = highest net spend): ntile(${n}) over monetary_total. ${ties}`, 'rfm.m_score', { rfm: true, nullWhen: NO_ORDER }),
        );
        if (n === 5) {
          specs.push({
            name: 'rfm_segment',
            group,
            role: 'categorical',
            unit: 'label',
            description:
              "Named RFM segment from r_score and FM = (f_score + m_score) / 2 rounded half up (Putler's 11-segment R x FM map); 'No purchase' for customers without an order.",
            select: rfmSegmentSql('rfm.r_score', 'rfm.fm_score'),
            rfm: true,
          });
        } else skip(group, `the named segment map needs 5 bins, rfmBins is ${n}`, 'rfm_segment');
        break;
      }

      case 'windows': {
        const windows = [...config.windows].sort((a, b) => a - b);
        if (tx) {
          for (const d of windows) {
            specs.push(
              numeric(`orders_${d}d`, group, 'orders', `Orders in the last ${d} days before asOf ([asOf - ${d} days, asOf)).`, `COALESCE(tx.orders_${d}d, 0)`, {
                tx: [ordersSince(d)],
              }),
              numeric(`spend_${d}d`, group, 'currency', `Net spend in the last ${d} days before asOf (returns in the window subtract).`, `COALESCE(tx.spend_${d}d, 0)`, {
                tx: [spendSince(d)],
              }),
            );
          }
        } else skip(group, `${noTransactions}: orders_{d}d and spend_{d}d not computed`);
        if (events) {
          for (const d of windows) {
            specs.push(
              numeric(`sessions_${d}d`, group, 'sessions', `Sessions (event_type 'session') in the last ${d} days before asOf.`, `COALESCE(ev.sessions_${d}d, 0)`, {
                ev: [{ alias: `sessions_${d}d`, fn: 'count', where: `event_type = 'session' AND ts >= ${since(d)}` }],
              }),
            );
          }
        } else skip(group, 'no events table: sessions_{d}d not computed');
        break;
      }

      case 'trend': {
        if (!tx) {
          skip(group, noTransactions);
          break;
        }
        const T = config.trendDays;
        const prior = `ts >= ${since(2 * T)} AND ts < ${since(T)}`;
        // The last-period aggregates are the window columns of the same length (computed once when both exist).
        const ol = `orders_${T}d`, op = `orders_prior_${T}d`, sl = `spend_${T}d`, sp = `spend_prior_${T}d`;
        const why = `(last - prior) / (|last| + |prior|): bounded in [-1, 1], symmetric, defined for a prior of 0 (1 = all activity in the last ${T} days, -1 = none of it); 0 when both periods are empty.`;
        specs.push(
          numeric('orders_trend', group, 'ratio', `Orders in the last ${T} days vs the ${T} days before: ${why}`, [
            `CASE WHEN tx.${ol} + tx.${op} > 0`,
            `     THEN CAST(tx.${ol} - tx.${op} AS DOUBLE) / (tx.${ol} + tx.${op})`,
            '     ELSE 0 END',
          ].join('\n'), {
            tx: [
              ordersSince(T),
              { alias: op, fn: 'count', where: `is_order AND ${prior}` },
            ],
          }),
          numeric('spend_trend', group, 'ratio', `Net spend in the last ${T} days vs the ${T} days before: ${why}`, [
            `CASE WHEN abs(COALESCE(tx.${sl}, 0)) + abs(COALESCE(tx.${sp}, 0)) > 0`,
            `     THEN (COALESCE(tx.${sl}, 0) - COALESCE(tx.${sp}, 0)) / (abs(COALESCE(tx.${sl}, 0)) + abs(COALESCE(tx.${sp}, 0)))`,
            '     ELSE 0 END',
          ].join('\n'), {
            tx: [
              spendSince(T),
              { alias: sp, fn: 'sum', arg: 'net_amount', where: prior },
            ],
          }),
        );
        break;
      }

      case 'tenure': {
        const signup = Boolean(customers?.has('signup_date'));
        if (signup && tx) {
          specs.push(
            numeric('tenure_days', group, 'days', 'Whole days from signup_date (or, where it is missing, the first order) to asOf.', `date_diff('day', COALESCE(b.signup_date, tx.first_order_ts), ${A})`, {
              base: ['signup_date'],
              tx: [FIRST_ORDER],
              nullWhen: 'the customer has neither a signup date nor an order before asOf',
            }),
          );
        } else if (signup) {
          specs.push(
            numeric('tenure_days', group, 'days', 'Whole days from signup_date to asOf.', `date_diff('day', b.signup_date, ${A})`, {
              base: ['signup_date'],
              nullWhen: 'the customer has no signup date',
            }),
          );
        } else if (tx) {
          specs.push(
            numeric('tenure_days', group, 'days', 'Whole days from the first order to asOf (no signup_date column).', `date_diff('day', tx.first_order_ts, ${A})`, {
              tx: [FIRST_ORDER],
              nullWhen: NO_ORDER,
            }),
          );
        } else skip(group, 'needs customers.signup_date or a transactions table');
        break;
      }

      case 'interpurchase': {
        if (!tx) {
          skip(group, noTransactions);
          break;
        }
        specs.push(
          numeric('interpurchase_days', group, 'days', 'Mean days between orders: (last order - first order in whole days) / (frequency - 1).', [
            'CASE WHEN tx.frequency >= 2',
            "     THEN CAST(date_diff('day', tx.first_order_ts, tx.last_order_ts) AS DOUBLE) / (tx.frequency - 1)",
            '     END',
          ].join('\n'), {
            tx: [FIRST_ORDER, LAST_ORDER, FREQUENCY],
            nullWhen: 'the customer has fewer than 2 orders before asOf',
          }),
        );
        break;
      }

      case 'categoryShares': {
        if (!tx) {
          skip(group, noTransactions);
          break;
        }
        if (!tx.has('category')) {
          skip(group, 'transactions has no category column');
          break;
        }
        const levels = available.levels?.categories;
        if (!levels) {
          skip(group, 'category values not supplied (available.levels.categories; computeFeatures finds them)');
          break;
        }
        if (!levels.length) {
          skip(group, 'no category values before asOf');
          break;
        }
        const top = levels.slice(0, config.topCategories);
        const all: Agg = { alias: 'spend_all', fn: 'sum', arg: 'amount' };
        const share = (alias: string) => `CASE WHEN cat.spend_all > 0 THEN COALESCE(cat.${alias}, 0) / cat.spend_all END`;
        const nullWhen = 'the customer has no purchase spend (> 0) before asOf';
        slugs(top).forEach((slug, i) => {
          const value = top[i]!;
          specs.push(
            numeric(`cat_share_${slug}`, group, 'share', `Share of purchase spend before asOf in category ${quoteLiteral(value)}.`, share(`spend_${slug}`), {
              cat: [all, { alias: `spend_${slug}`, fn: 'sum', arg: 'amount', where: `category = ${quoteLiteral(value)}` }],
              nullWhen,
            }),
          );
        });
        specs.push(
          numeric('cat_share_other', group, 'share', `Share of purchase spend before asOf in any other category (outside the top ${top.length} by spend, or missing).`, share('spend_other'), {
            cat: [all, { alias: 'spend_other', fn: 'sum', arg: 'amount', where: `category IS NULL OR category NOT IN (${top.map(quoteLiteral).join(', ')})` }],
            nullWhen,
          }),
        );
        break;
      }

      case 'channelShares': {
        if (!tx) {
          skip(group, noTransactions);
          break;
        }
        if (!tx.has('channel')) {
          skip(group, 'transactions has no channel column');
          break;
        }
        const levels = available.levels?.channels;
        if (!levels) {
          skip(group, 'channel values not supplied (available.levels.channels; computeFeatures finds them)');
          break;
        }
        if (!levels.length) {
          skip(group, 'no channel values before asOf');
          break;
        }
        const top = levels.slice(0, config.topChannels);
        const share = (alias: string) => `CASE WHEN tx.frequency > 0 THEN CAST(tx.${alias} AS DOUBLE) / tx.frequency END`;
        const nullWhen = NO_ORDER;
        slugs(top).forEach((slug, i) => {
          const value = top[i]!;
          specs.push(
            numeric(`channel_share_${slug}`, group, 'share', `Share of orders before asOf placed through channel ${quoteLiteral(value)}.`, share(`orders_channel_${slug}`), {
              tx: [FREQUENCY, { alias: `orders_channel_${slug}`, fn: 'count', where: `is_order AND channel = ${quoteLiteral(value)}` }],
              orderColumns: ['channel'],
              nullWhen,
            }),
          );
        });
        specs.push(
          numeric('channel_share_other', group, 'share', `Share of orders before asOf through any other channel (outside the top ${top.length}, or missing).`, share('orders_channel_other'), {
            tx: [FREQUENCY, { alias: 'orders_channel_other', fn: 'count', where: `is_order AND (channel IS NULL OR channel NOT IN (${top.map(quoteLiteral).join(', ')}))` }],
            orderColumns: ['channel'],
            nullWhen,
          }),
        );
        break;
      }

      case 'discount': {
        if (!tx) {
          skip(group, noTransactions);
          break;
        }
        if (!tx.has('discount_used')) {
          skip(group, 'transactions has no discount_used column');
          break;
        }
        specs.push(
          numeric('discount_share', group, 'share', 'Share of orders before asOf with a discount on at least one line.', 'CASE WHEN tx.frequency > 0 THEN CAST(tx.discount_orders AS DOUBLE) / tx.frequency END', {
            tx: [FREQUENCY, { alias: 'discount_orders', fn: 'count', where: 'is_order AND discount_used' }],
            orderColumns: ['discount_used'],
            nullWhen: NO_ORDER,
          }),
        );
        break;
      }

      case 'engagement': {
        if (!events) {
          skip(group, 'no events table');
          break;
        }
        const E = config.engagementDays;
        const count = (type: string): Agg => ({ alias: `${type}_${E}d`, fn: 'count', where: `event_type = ${quoteLiteral(type)} AND ts >= ${since(E)}` });
        const rate = (num: string, den: string) => `CASE WHEN ev.${den}_${E}d > 0 THEN CAST(ev.${num}_${E}d AS DOUBLE) / ev.${den}_${E}d END`;
        specs.push(
          numeric(`product_views_${E}d`, group, 'events', `Product views in the last ${E} days before asOf.`, `COALESCE(ev.product_view_${E}d, 0)`, { ev: [count('product_view')] }),
          numeric('cart_abandonment_rate', group, 'ratio', `cart_abandoned / add_to_cart events in the last ${E} days (can exceed 1 only if the event log is inconsistent).`, rate('cart_abandoned', 'add_to_cart'), {
            ev: [count('cart_abandoned'), count('add_to_cart')],
            nullWhen: `no add_to_cart event in the last ${E} days`,
          }),
          numeric('email_open_rate', group, 'ratio', `email_open / email_sent events in the last ${E} days.`, rate('email_open', 'email_sent'), {
            ev: [count('email_open'), count('email_sent')],
            nullWhen: `no email_sent event in the last ${E} days`,
          }),
          numeric('email_click_rate', group, 'ratio', `email_click / email_sent events in the last ${E} days.`, rate('email_click', 'email_sent'), {
            ev: [count('email_click'), count('email_sent')],
            nullWhen: `no email_sent event in the last ${E} days`,
          }),
          numeric('days_since_last_session', group, 'days', 'Whole days from the last session event to asOf.', `date_diff('day', ev.last_session_ts, ${A})`, {
            ev: [{ alias: 'last_session_ts', fn: 'max', arg: 'ts', where: "event_type = 'session'" }],
            nullWhen: 'the customer has no session before asOf',
          }),
        );
        break;
      }

      case 'demographics': {
        if (!available.customers) {
          skip(group, 'no customers table');
          break;
        }
        const taken = new Set(specs.map((s) => s.name));
        let added = 0;
        for (const col of available.customers) {
          if (col.name === 'customer_id' || col.name === 'signup_date') continue;
          const spec = demographicSpec(col, taken);
          if ('reason' in spec) skip(group, spec.reason, col.name);
          else {
            specs.push(spec);
            taken.add(spec.name);
            added++;
          }
        }
        if (!added && !skipped.some((s) => s.group === group)) skip(group, 'customers has no attribute columns');
        break;
      }

      default:
        assertUnreachable(group, 'feature group');
    }
  }
  return { specs, skipped, ctx };
}

function numeric(
  name: string,
  group: FeatureGroup,
  unit: FeatureSpec['unit'],
  description: string,
  select: string,
  extra: Partial<FeatureSpec> = {},
): FeatureSpec {
  return { name, group, role: 'numeric', unit, description, select, ...extra };
}

function demographicSpec(col: AvailableColumn, taken: ReadonlySet<string>): FeatureSpec | { reason: string } {
  const canonical = CUSTOMERS_SCHEMA.columns.find((c) => c.name === col.name);
  const name = taken.has(col.name) ? `attr_${col.name}` : col.name;
  const q = `b.${quoteIdent(col.name)}`;
  const base = [quoteIdent(col.name)];
  const what = canonical
    ? `${canonical.description.replace(/\.$/, '')} (customers.${col.name}, passed through).`
    : `Customer attribute "${col.name}" from the customers table, passed through.`;
  switch (col.role) {
    case 'numeric':
      return { name, group: 'demographics', role: 'numeric', unit: col.name === 'age' ? 'years' : 'value', description: what, select: `CAST(${q} AS DOUBLE)`, base, nullWhen: 'the attribute is missing' };
    case 'categorical':
      return { name, group: 'demographics', role: 'categorical', unit: 'label', description: what, select: `CAST(${q} AS VARCHAR)`, base, nullWhen: 'the attribute is missing' };
    case 'boolean':
      return { name, group: 'demographics', role: 'numeric', unit: 'flag', description: `${what} 1 = true, 0 = false.`, select: `CAST(${q} AS INTEGER)`, base, nullWhen: 'the attribute is missing' };
    case 'target': {
      // Passed through as the outcome (booleans as 1/0): shown per segment, never an input of clustering or rules.
      const boolean = /^BOOL/i.test(col.type ?? '');
      const select = boolean ? `CAST(${q} AS INTEGER)` : /CHAR|TEXT|STRING/i.test(col.type ?? '') || !col.type ? `CAST(${q} AS VARCHAR)` : `CAST(${q} AS DOUBLE)`;
      return {
        name,
        group: 'demographics',
        role: 'outcome',
        unit: boolean ? 'flag' : 'label',
        description: `Outcome "${col.name}" from the customers table, passed through${boolean ? ' (1 = true, 0 = false)' : ''}: its rate per segment is reported; it is never a clustering input, a trait or a rule field.`,
        select,
        base,
        nullWhen: 'the outcome is missing',
      };
    }
    case 'id':
      return { reason: 'role id: identifiers carry no meaning as features' };
    case 'timestamp':
      return { reason: 'role timestamp: only signup_date is used (for tenure)' };
    default:
      return assertUnreachable(col.role, 'column role');
  }
}

/** Plain, unique column-name fragments for category / channel values ("Home & Garden" → home_garden). */
export function slugs(values: readonly string[]): string[] {
  const used = new Set(['other', 'all']);
  return values.map((v) => {
    const base =
      v
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .slice(0, 40) || 'value';
    let slug = base;
    for (let k = 2; used.has(slug); k++) slug = `${base}_${k}`;
    used.add(slug);
    return slug;
  });
}
