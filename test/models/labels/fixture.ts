import type { DuckSession } from '../../../src/data/DuckSession';

/**
 * asOf of the label fixture. With a 30-day horizon and 2 snapshots: s2 = 2024-01-01 (window [01-01, 01-31)),
 * s1 = 2024-01-31 (window [01-31, 03-01)).
 */
export const LABEL_AS_OF = '2024-03-01';

/**
 * A tiny shop for labels, every label worked out by hand in buildTrainingSet.test.ts:
 *   a: orders 2023-06-01 (Books), 2024-01-10 (Toys, s2 window), 2024-02-10 (Books, s1 window)
 *   b: one order 2023-12-01; one at asOf 00:00 exactly (never read)
 *   c: orders 2023-12-15 and 2024-02-20 (s1 window)
 *   d: never ordered; an email_click on 2024-02-05 (s1 window)
 *   e: signed up 2024-01-15 (after s2), order 2024-01-20
 *   f: orders 2023-11-01 and 2024-01-31 00:00:00 exactly (the first instant of s1's window)
 *   g: order 2023-10-01 and only a return (2024-01-10) after it
 */
export async function createLabelFixture(session: DuckSession): Promise<void> {
  await session.run(`
    CREATE OR REPLACE TABLE customers AS
    SELECT customer_id, CAST(signup_date AS TIMESTAMP) AS signup_date, CAST(age AS DOUBLE) AS age, region, CAST(churned AS BOOLEAN) AS churned
    FROM (VALUES
      ('a', '2023-01-01', 30, 'North', false),
      ('b', '2023-01-01', 40, 'South', true),
      ('c', '2023-01-01', 50, 'North', false),
      ('d', '2023-01-01', NULL, 'East', true),
      ('e', '2024-01-15', 25, 'North', false),
      ('f', '2023-01-01', 35, NULL, false),
      ('g', '2023-01-01', 45, 'South', true)
    ) t(customer_id, signup_date, age, region, churned)`);
  await session.run(`
    CREATE OR REPLACE TABLE transactions AS
    SELECT order_id, customer_id, CAST(ts AS TIMESTAMP) AS ts, CAST(amount AS DOUBLE) AS amount, CAST(items AS DOUBLE) AS items,
           category, channel, CAST(is_return AS BOOLEAN) AS is_return
    FROM (VALUES
      ('o1',  'a', '2023-06-01 10:00:00', 100, 1, 'Books', 'web',   false),
      ('o2',  'a', '2024-01-10 10:00:00',  20, 1, 'Toys',  'app',   false),
      ('o3',  'a', '2024-02-10 10:00:00',  30, 1, 'Books', 'web',   false),
      ('o4',  'b', '2023-12-01 10:00:00',  50, 2, 'Garden','store', false),
      ('o5',  'b', '2024-03-01 00:00:00', 999, 9, 'Books', 'web',   false),
      ('o6',  'c', '2023-12-15 10:00:00',  40, 1, 'Toys',  'web',   false),
      ('o7',  'c', '2024-02-20 10:00:00',  60, 1, 'Toys',  'app',   false),
      ('o8',  'e', '2024-01-20 10:00:00',  70, 1, 'Books', 'web',   false),
      ('o9',  'f', '2023-11-01 10:00:00',  80, 1, 'Garden','store', false),
      ('o10', 'f', '2024-01-31 00:00:00',  90, 1, 'Toys',  'web',   false),
      ('o11', 'g', '2023-10-01 10:00:00',  10, 1, 'Books', 'web',   false),
      ('r1',  'g', '2024-01-10 10:00:00', -10, 1, 'Books', 'web',   true)
    ) t(order_id, customer_id, ts, amount, items, category, channel, is_return)`);
  await session.run(`
    CREATE OR REPLACE TABLE events AS
    SELECT customer_id, CAST(ts AS TIMESTAMP) AS ts, event_type, session_id
    FROM (VALUES
      ('d', '2023-12-01 10:00:00', 'session',     's1'),
      ('d', '2024-02-05 10:00:00', 'email_click', NULL),
      ('a', '2023-12-20 10:00:00', 'session',     's2')
    ) t(customer_id, ts, event_type, session_id)`);
}

/** The loader's roles: churned is the data's outcome, never a feature. */
export const LABEL_ROLES = { customers: [{ name: 'churned', role: 'target' as const }] };
