import { Rng } from '../../src/core/rng';
import type { PersonaInput } from '../../src/personas/PersonaInput';

export const XSS = '</script><img src=x onerror=alert(1)>';

/**
 * Four segments built to be recognisable: 0 spends a lot, often and recently (champions, Paris);
 * 1 buys mostly with discounts (promo-driven; its city is an XSS payload); 2 ordered once, long ago
 * (lapsed one-timers); 3 has 30 customers (below minGroupSize 50: suppressed); 4 has 60 ordinary
 * customers, the smallest shown otherwise, so it is hidden as well: with 3 alone suppressed, its size
 * would be the total minus the others. A city held by 10 customers ("Smallville") must never be published.
 */
export function personaFixture(): PersonaInput {
  const rng = new Rng(7);
  const sizes = [200, 200, 200, 30, 60];
  const labels: number[] = [];
  const cols: Record<string, number[]> = {
    monetary_total: [], frequency: [], recency_days: [], discount_share: [], tenure_days: [], orders_365d: [], spend_365d: [],
    r_score: [], f_score: [], interpurchase_days: [],
  };
  const city: (string | null)[] = [];
  sizes.forEach((n, seg) => {
    for (let i = 0; i < n; i++) {
      labels.push(seg);
      const u = rng.next();
      const orders = seg === 0 ? 20 + Math.round(10 * u) : seg === 1 ? 6 + Math.round(4 * u) : seg === 2 ? 1 : seg === 3 ? 3 : 4;
      const aov = seg === 0 ? 150 : seg === 1 ? 40 : 60;
      cols.frequency!.push(orders);
      cols.orders_365d!.push(seg === 2 ? 0 : orders / 2);
      cols.monetary_total!.push(orders * aov * (0.9 + 0.2 * rng.next()));
      cols.spend_365d!.push(seg === 2 ? 0 : (orders / 2) * aov);
      cols.recency_days!.push(seg === 0 ? 5 + Math.round(10 * u) : seg === 1 ? 30 + Math.round(20 * u) : seg === 2 ? 400 + Math.round(100 * u) : seg === 3 ? 90 : 60);
      cols.discount_share!.push(seg === 1 ? 0.8 + 0.2 * rng.next() : 0.1 * rng.next());
      cols.tenure_days!.push(700 + Math.round(300 * rng.next()));
      cols.interpurchase_days!.push(orders > 1 ? 20 + 20 * rng.next() : NaN);
      cols.r_score!.push(seg === 0 ? 5 : seg === 1 ? 4 : seg === 2 ? 1 : seg === 3 ? 3 : 2);
      cols.f_score!.push(seg === 0 ? 5 : seg === 1 ? 3 : seg === 3 ? 3 : seg === 4 ? 4 : 1 + (i % 2));
      city.push(seg === 0 ? (i < 150 ? 'Paris' : 'Lyon') : seg === 1 ? (i < 120 ? XSS : i < 130 ? 'Smallville' : 'Lyon') : i % 3 === 0 ? null : 'Lyon');
    }
  });
  const numeric: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(cols)) numeric[k] = Float64Array.from(v);
  return {
    labels,
    numeric,
    categorical: { city },
    columns: [
      { name: 'r_score', kind: 'numeric', unit: 'score' },
      { name: 'f_score', kind: 'numeric', unit: 'score' },
      { name: 'city', kind: 'categorical', unit: 'label' },
    ],
  };
}
