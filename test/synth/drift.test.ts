import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_DRIFT, DEFAULT_DRIFT } from '../../src/synth/synthParams';
import { cleanup, generate, type Generated } from './helpers';

/** The second quarter drifts (more mobile, more promo hunters, at-risk customers lapsing); drift: false does not. */
let drifted: Generated;
let steady: Generated;
beforeAll(async () => {
  [drifted, steady] = await Promise.all([
    generate({ customers: 3000, seed: 8, events: false }),
    generate({ customers: 3000, seed: 8, events: false, drift: false }),
  ]);
});
afterAll(cleanup);

const share = (g: Generated, k: number, segment: 'promo_hunter' | 'lapsed') => g.summary.quarters[k]!.segmentCounts[segment] / g.summary.quarters[k]!.customers;

describe('quarter drift', () => {
  it('records the drift in synth.json', () => {
    expect(drifted.summary.drift).toMatchObject({ enabled: true, quarters: ['2026-Q2'], baseline: BASELINE_DRIFT, applied: DEFAULT_DRIFT });
    expect(steady.summary.drift).toMatchObject({ enabled: false, applied: BASELINE_DRIFT });
    expect(drifted.summary.drift.transitions.applied.at_risk!.lapsed).toBe(DEFAULT_DRIFT.atRiskToLapsed);
  });

  it('shifts new customers and orders to mobile', () => {
    const [q1, q2] = drifted.summary.quarters;
    expect(q2!.newCustomerMobileShare!).toBeGreaterThan(q1!.newCustomerMobileShare!);
    expect(q2!.newCustomerMobileShare!).toBeGreaterThan(steady.summary.quarters[1]!.newCustomerMobileShare! + 0.1);
    expect(q2!.appOrderShare!).toBeGreaterThan(q1!.appOrderShare! + 0.05);
    expect(q2!.appOrderShare!).toBeGreaterThan(steady.summary.quarters[1]!.appOrderShare! + 0.05);
    // The customers file agrees with the summary.
    const C = drifted.customers;
    const newQ2 = C.rows.filter((r) => r[C.col('signup_date')]! >= '2026-04-01');
    const mobile = newQ2.filter((r) => r[C.col('device')] === 'mobile').length / newQ2.length;
    expect(mobile).toBeCloseTo(q2!.newCustomerMobileShare!, 3);
  });

  it('grows the promo hunters', () => {
    expect(share(drifted, 1, 'promo_hunter')).toBeGreaterThan(share(drifted, 0, 'promo_hunter') + 0.01);
    expect(share(drifted, 1, 'promo_hunter')).toBeGreaterThan(share(steady, 1, 'promo_hunter') + 0.02);
    const m = drifted.summary.quarters[1]!.migration!;
    expect(m.loyal_regular.promo_hunter).toBeGreaterThan(steady.summary.quarters[1]!.migration!.loyal_regular.promo_hunter);
  });

  it('makes more at-risk customers lapse', () => {
    const rate = (g: Generated) => {
      const row = g.summary.quarters[1]!.migration!.at_risk;
      return row.lapsed / Object.values(row).reduce((a, b) => a + b, 0);
    };
    expect(rate(drifted)).toBeGreaterThan(0.2);
    expect(rate(drifted)).toBeGreaterThan(rate(steady) + 0.08);
    expect(share(drifted, 1, 'lapsed')).toBeGreaterThan(share(steady, 1, 'lapsed'));
    // Those who lapsed at the quarter start are churned at its end.
    const q1 = new Map(drifted.truth.rows.filter((r) => r[1] === '2026-Q1').map((r) => [r[0], r[2]]));
    const lapsers = drifted.truth.rows.filter((r) => r[1] === '2026-Q2' && r[2] === 'lapsed' && q1.get(r[0]) === 'at_risk');
    expect(lapsers.length).toBeGreaterThan(50);
    for (const r of lapsers) expect(r[3]).toBe('true');
  });

  it('leaves the first quarter untouched', () => {
    expect(drifted.summary.quarters[0]!.segmentCounts).toEqual(steady.summary.quarters[0]!.segmentCounts);
  });
});
