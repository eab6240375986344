import { describe, expect, it } from 'vitest';
import { buildPersonas } from '../../src/personas/buildPersonas';
import type { PersonaInput } from '../../src/personas/PersonaInput';
import type { PersonaResult, SegmentPersona } from '../../src/personas/PersonaResult';
import { kpiTable } from '../../src/report/kpiTable';

/**
 * 1,000 customers in three segments of 255, 300 and 445 (shares 25.5%, 30%, 44.5%), orders per customer
 * about 8.27, 4 and 1.99 over the last 12 months: numbers whose decimals a rounding rule shows or hides.
 */
function input(): PersonaInput {
  const sizes = [255, 300, 445];
  const labels: number[] = [];
  const orders: number[] = [];
  const spend: number[] = [];
  const recency: number[] = [];
  sizes.forEach((n, seg) => {
    for (let i = 0; i < n; i++) {
      labels.push(seg);
      // 69 of segment 0's 255 customers have one order more: 8.2706 orders per customer.
      const o = seg === 0 ? 8 + (i < 69 ? 1 : 0) : seg === 1 ? 4 : i < 441 ? 2 : 1;
      orders.push(o);
      spend.push(o * (seg === 0 ? 120 : 45.5));
      recency.push(seg === 0 ? 10 + (i % 7) : seg === 1 ? 40 + (i % 11) : 200 + (i % 50));
    }
  });
  return {
    labels,
    numeric: {
      orders_365d: Float64Array.from(orders),
      frequency: Float64Array.from(orders.map((o) => 2 * o)),
      spend_365d: Float64Array.from(spend),
      monetary_total: Float64Array.from(spend.map((s) => 2 * s)),
      recency_days: Float64Array.from(recency),
    },
    categorical: {},
  };
}

/** The KPI table's cell of a segment (or of the base, id null) for a KPI key, as the review prints it. */
function cell(personas: PersonaResult, key: string, id: number | null): string {
  const table = kpiTable(personas);
  const label = personas.kpiDefinitions.find((d) => d.key === key)!.label;
  const shown = personas.segments.filter((s) => !s.suppressed);
  const row = id === null ? shown.length : shown.findIndex((s) => s.id === id);
  return table[label]![row]!;
}

describe('persona cards print a number as the KPI table does (one locale formatter)', () => {
  for (const locale of ['en', 'fr'] as const) {
    it(`share of customers and orders per customer, ${locale}`, () => {
      const personas = buildPersonas(input(), { locale, currency: 'EUR', minGroupSize: 50 });
      const shown = personas.segments.filter((s): s is SegmentPersona => !s.suppressed);
      expect(shown).toHaveLength(3);
      let checked = 0;
      for (const s of shown) {
        // "255 customers, 25.5% of the base." — the KPI table's share column says 25.5% too.
        expect(s.card.who, `${locale} segment ${s.id}`).toContain(cell(personas, 'share', s.id));
        // "8.27 orders per customer (base: …)." — as the KPI table's orders per customer, segment and base.
        expect(s.card.behaviour, `${locale} segment ${s.id}`).toContain(cell(personas, 'frequency', s.id));
        expect(s.card.behaviour, `${locale} segment ${s.id}`).toContain(cell(personas, 'frequency', null));
        checked++;
      }
      expect(checked).toBe(3);
      // The numbers that tell the rule apart are really there.
      expect(cell(personas, 'share', 0).replace(/[\u00a0\u202f]/g, ' ')).toBe(locale === 'en' ? '25.5%' : '25,5 %');
      expect(cell(personas, 'frequency', 0)).toBe(locale === 'en' ? '8.27' : '8,27');
    });
  }
});
