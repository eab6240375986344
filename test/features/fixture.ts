import type { DuckSession } from '../../src/data/DuckSession';

/** asOf of the fixture: everything at or after it must be ignored. */
export const AS_OF = '2024-01-01';

/**
 * A tiny shop in canonical tables, built with SQL. Hand-computed features are in computeFeatures.test.ts.
 *   c1: 3 orders (o1 has two lines), one return, events of every type
 *   c2: 3 orders, one of them more than a year old
 *   c3: 2 orders plus one after asOf (ignored), no signup date, no events
 *   c4: signed up, never bought, a few events
 *   c5: signed up after asOf (not in the base) but bought before it (counts for category ranks only)
 */
export async function createFixture(session: DuckSession, tables: { customers?: boolean; transactions?: boolean; events?: boolean } = {}): Promise<void> {
  const { customers = true, transactions = true, events = true } = tables;
  if (customers) {
    await session.run(`
      CREATE OR REPLACE TABLE customers AS
      SELECT customer_id, CAST(signup_date AS TIMESTAMP) AS signup_date, CAST(age AS DOUBLE) AS age, gender, region, city,
             income_band, device, acquisition_channel, CAST(email_opt_in AS BOOLEAN) AS email_opt_in,
             loyalty_tier, CAST(credit_score AS DOUBLE) AS credit_score, CAST(churned AS BOOLEAN) AS churned
      FROM (VALUES
        ('c1', '2022-01-01', 34,   'F', 'North', 'Oslo', '50-75k',  'mobile',  'search',   true,  'gold',   720,  false),
        ('c2', '2023-06-15', 51,   'M', 'South', 'Rome', '75-100k', 'desktop', 'social',   false, 'silver', 650,  true),
        ('c3', NULL,         NULL, 'F', 'North', 'Oslo', NULL,      'tablet',  'search',   NULL,  NULL,     NULL, false),
        ('c4', '2023-10-01', 28,   'M', 'East',  'Kyiv', '30-50k',  'mobile',  'referral', true,  'bronze', 700,  false),
        ('c5', '2024-02-01', 40,   'F', 'West',  'Lima', '50-75k',  'mobile',  'search',   true,  'gold',   690,  false)
      ) t(customer_id, signup_date, age, gender, region, city, income_band, device, acquisition_channel, email_opt_in, loyalty_tier, credit_score, churned)`);
  }
  if (transactions) {
    await session.run(`
      CREATE OR REPLACE TABLE transactions AS
      SELECT order_id, customer_id, CAST(ts AS TIMESTAMP) AS ts, CAST(amount AS DOUBLE) AS amount, CAST(items AS DOUBLE) AS items,
             category, CAST(discount_used AS BOOLEAN) AS discount_used, channel, CAST(is_return AS BOOLEAN) AS is_return
      FROM (VALUES
        ('o1',  'c1', '2023-12-20 10:00:00',  30, 1, 'Books',       false, 'web',   false),
        ('o1',  'c1', '2023-12-20 10:00:00',  20, 2, 'Toys',        false, 'web',   false),
        ('o2',  'c1', '2023-11-15 09:00:00',  50, 1, 'Books',       true,  'app',   false),
        ('o3',  'c1', '2023-08-01 12:00:00', 100, 1, 'Electronics', false, 'web',   false),
        ('r1',  'c1', '2023-12-22 15:00:00', -20, 1, 'Toys',        false, 'web',   true),
        ('o4',  'c2', '2023-12-01 08:00:00', 200, 1, 'Electronics', true,  'store', false),
        ('o5',  'c2', '2023-06-20 18:00:00',  40, 2, 'Books',       false, 'web',   false),
        ('o6',  'c2', '2022-12-15 11:00:00',  60, 1, 'Garden',      false, 'store', false),
        ('o7',  'c3', '2023-09-30 20:00:00',  10, 1, 'Toys',        false, NULL,    NULL),
        ('o8',  'c3', '2024-01-05 10:00:00', 999, 5, 'Electronics', false, 'web',   false),
        ('o9',  'c3', '2023-12-31 23:00:00',  15, 1, 'Garden',      false, 'app',   NULL),
        ('o10', 'c5', '2023-12-30 12:00:00',  70, 1, 'Books',       false, 'web',   false),
        ('o11', NULL, '2023-12-10 12:00:00', 500, 1, 'Electronics', false, 'web',   false)
      ) t(order_id, customer_id, ts, amount, items, category, discount_used, channel, is_return)`);
  }
  if (events) {
    await session.run(`
      CREATE OR REPLACE TABLE events AS
      SELECT customer_id, CAST(ts AS TIMESTAMP) AS ts, event_type, session_id
      FROM (VALUES
        ('c1', '2023-12-28 14:00:00', 'session',        's1'),
        ('c1', '2023-11-20 10:00:00', 'session',        's2'),
        ('c1', '2023-06-01 10:00:00', 'session',        's3'),
        ('c1', '2022-11-01 10:00:00', 'session',        's4'),
        ('c1', '2024-01-02 10:00:00', 'session',        's5'),
        ('c1', '2023-12-28 14:01:00', 'product_view',   's1'),
        ('c1', '2023-12-28 14:02:00', 'product_view',   's1'),
        ('c1', '2022-11-01 10:01:00', 'product_view',   's4'),
        ('c1', '2023-12-28 14:03:00', 'add_to_cart',    's1'),
        ('c1', '2023-11-20 10:01:00', 'add_to_cart',    's2'),
        ('c1', '2023-11-20 11:00:00', 'cart_abandoned', 's2'),
        ('c1', '2023-09-01 08:00:00', 'email_sent',     NULL),
        ('c1', '2023-10-01 08:00:00', 'email_sent',     NULL),
        ('c1', '2023-11-01 08:00:00', 'email_sent',     NULL),
        ('c1', '2023-12-01 08:00:00', 'email_sent',     NULL),
        ('c1', '2023-10-02 09:00:00', 'email_open',     NULL),
        ('c1', '2023-12-02 09:00:00', 'email_open',     NULL),
        ('c1', '2023-12-02 09:01:00', 'email_click',    NULL),
        ('c2', '2023-11-01 08:00:00', 'email_sent',     NULL),
        ('c2', '2023-12-01 08:00:00', 'email_sent',     NULL),
        ('c2', '2023-12-15 19:00:00', 'session',        's6'),
        ('c4', '2023-12-31 12:00:00', 'session',        's7'),
        ('c4', '2023-12-31 12:01:00', 'product_view',   's7'),
        ('c4', '2023-12-31 12:02:00', 'add_to_cart',    's7'),
        ('c4', '2023-12-31 13:00:00', 'cart_abandoned', 's7'),
        (NULL, '2023-12-31 12:00:00', 'session',        's8')
      ) t(customer_id, ts, event_type, session_id)`);
  }
}
