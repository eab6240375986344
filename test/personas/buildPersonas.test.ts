import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/core/errors';
import { buildPersonas } from '../../src/personas/buildPersonas';
import type { SegmentPersona } from '../../src/personas/PersonaResult';
import { Rng } from '../../src/core/rng';
import { personaFixture, XSS } from './fixtures';

const input = personaFixture();
const en = buildPersonas(input, { currency: 'EUR' });
const shown = (id: number): SegmentPersona => en.segments.find((s) => s.id === id && !s.suppressed) as SegmentPersona;

describe('buildPersonas: segments, names and cards', () => {
  it('recognises the archetypes the fixture was built with', () => {
    expect(shown(0).archetype).toBe('champions');
    expect(shown(1).archetype).toBe('promoDriven');
    expect(shown(2).archetype).toBe('lapsedOneTimers');
    expect(new Set([0, 1, 2].map((id) => shown(id).name)).size).toBe(3);
  });

  it('ranks distinctive numeric traits by |standardised difference| and computes them as defined', () => {
    const disc = shown(1).traits.numeric.find((t) => t.feature === 'discount_share')!;
    const values = Array.from(input.numeric.discount_share!);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    const segMean = values.slice(200, 400).reduce((s, v) => s + v, 0) / 200;
    expect(disc.stdDiff).toBeCloseTo((segMean - mean) / sd, 10);
    expect(disc.lift).toBeCloseTo(segMean / mean, 10);
    const abs = shown(1).traits.numeric.map((t) => Math.abs(t.stdDiff));
    expect(abs).toEqual([...abs].sort((a, b) => b - a));
    // Score columns are not traits.
    expect(shown(0).traits.numeric.map((t) => t.feature)).not.toContain('r_score');
  });

  it('finds over-represented categorical values with lift and a chi-square test', () => {
    const paris = shown(0).traits.categorical.find((t) => t.value === 'Paris')!;
    // Paris: 150 of segment 0's 200 known cities; known in all: 200 + 200 + 133 + 20 + 40 = 593
    // (segments 2, 3 and 4 miss every third city: 67, 10 and 20 missing).
    expect(paris.segmentShare).toBeCloseTo(150 / 200, 12);
    expect(paris.baseShare).toBeCloseTo(150 / 593, 12);
    expect(paris.lift).toBeCloseTo(150 / 200 / (150 / 593), 12);
    expect(paris.pAdjusted).toBeLessThan(0.05);
    expect(paris.count).toBe(150);
  });

  it('writes a card with every part and actions with reasons', () => {
    const card = shown(0).card;
    for (const part of [card.tagline, card.who, card.behaviour, card.values, card.channel, card.timing]) expect(part.length).toBeGreaterThan(5);
    expect(card.who).toContain('200 customers');
    expect(card.behaviour).toMatch(/€/);
    expect(card.actions.map((a) => a.id)).toContain('vipEarlyAccess');
    expect(shown(1).card.actions.map((a) => a.id)).toContain('valueMessaging');
    expect(shown(2).card.actions[0]!.id).toBe('winBack');
    for (const a of card.actions) expect(a.reason).toMatch(/\d/);
  });

  it('lets the team name segments; names stay unique', () => {
    const named = buildPersonas(input, { names: { '1': 'Bargain hunters' } });
    const s1 = named.segments.find((s) => s.id === 1) as SegmentPersona;
    expect(s1).toMatchObject({ name: 'Bargain hunters', customName: true });
  });
});

describe('buildPersonas: privacy', () => {
  const json = JSON.stringify(en);

  it('suppresses a segment below minGroupSize: only its id and a reason remain', () => {
    const s3 = en.segments.find((s) => s.id === 3)!;
    expect(s3).toEqual({ id: 3, suppressed: true, why: 'small', reason: 'Fewer than 50 customers: not shown (privacy).' });
  });

  it('hides one more segment so that the small one cannot be recovered by subtraction (complementary suppression)', () => {
    // With only segment 3 hidden, its 30 customers would be 690 − 200 − 200 − 200 − 60; its KPIs likewise
    // from the base KPIs. Segment 4 (60, the smallest shown) is hidden too: only their sum (90) can be derived.
    const s4 = en.segments.find((s) => s.id === 4)!;
    expect(s4).toEqual({ id: 4, suppressed: true, why: 'complementary', reason: 'Not shown, so that the figures of a segment with fewer than 50 customers cannot be derived from the totals (privacy).' });
    expect(en.base).toMatchObject({ customers: 690, segmentsShown: 3, segmentsSuppressed: 2, suppressedCustomers: 90 });
    const published = (en.segments as SegmentPersona[]).filter((s) => !s.suppressed).reduce((sum, s) => sum + s.size, 0);
    expect(en.base.customers - published).toBe(90);
    expect(JSON.stringify(en)).not.toMatch(/"size":(30|60)\b/);
    expect(en.notes.some((n) => n.startsWith('One more segment is hidden'))).toBe(true);
    // Two small segments need no complementary one: their sum alone is derivable.
    const labels = Array.from(input.labels as number[]);
    const twoSmall = buildPersonas({ ...input, labels: labels.map((l, i) => (l === 4 && i % 2 ? 5 : l)) });
    expect(twoSmall.segments.filter((s) => s.suppressed).map((s) => s.id)).toEqual([3, 4, 5]);
    expect(twoSmall.segments.filter((s) => s.suppressed && s.why === 'complementary')).toEqual([]);
  });

  it('never publishes a categorical value held by fewer than minGroupSize customers', () => {
    expect(json).not.toContain('Smallville');
    // The payload city has 120 customers: it is data like any other (the report escapes it).
    expect(shown(1).traits.categorical.map((t) => t.value)).toContain(XSS);
  });

  it('blanks RFM cells below minGroupSize, one more when a single small cell could be derived, and keeps suppressed segments out of them', () => {
    const rfm = en.rfm!;
    // Segment 3 (30 customers) sits alone in cell R=3, F=3 (rows r−1, f−1).
    expect(rfm.counts[2]![2]).toBeNull();
    // Segment 4's cell (R=2, F=4, 60 customers) is the smallest shown: hidden too, as the cells add up to a total.
    expect(rfm.counts[1]![3]).toBeNull();
    expect(rfm.counts[4]![4]).toBe(200); // segment 0: R=5, F=5
    expect(rfm.dominantSegment[4]![4]).toBe(0);
    expect(rfm.counts[0]![0]).toBe(100); // segment 2 alternates F=1 and F=2
  });

  it('with minGroupSize 20 the small segment is shown', () => {
    const loose = buildPersonas(input, { minGroupSize: 20 });
    expect(loose.segments.find((s) => s.id === 3)!.suppressed).toBe(false);
    expect(loose.segments.every((s) => !s.suppressed)).toBe(true);
  });
});

describe('buildPersonas: languages', () => {
  const fr = buildPersonas(input, { locale: 'fr', currency: 'EUR' });
  const frShown = (id: number): SegmentPersona => fr.segments.find((s) => s.id === id) as SegmentPersona;

  it('writes names, cards, actions and notes in French with French number formats', () => {
    expect(frShown(1).name).toBe('Chasseurs de promotions');
    expect(frShown(2).name).toBe('Acheteurs uniques inactifs');
    expect(frShown(0).card.who).toContain('200 clients');
    expect(frShown(0).card.who).toMatch(/\d+\u00a0%/u); // "32 %" with a no-break space, as Intl writes it
    expect(frShown(0).card.behaviour).toMatch(/\d+(,\d+)?\s€/u);
    expect(fr.kpiDefinitions.find((d) => d.key === 'aov')!.label).toBe('Panier moyen');
    expect(fr.segments.find((s) => s.id === 3)).toMatchObject({ reason: 'Moins de 50 clients : non affiché (confidentialité).' });
  });

  it('keeps the numbers identical across languages', () => {
    expect(frShown(0).kpis).toEqual(shown(0).kpis);
    expect(frShown(0).archetype).toBe(shown(0).archetype);
  });
});

describe('buildPersonas: bad input', () => {
  it('names the parameter and the expected value', () => {
    expect(() => buildPersonas(input, { locale: 'de' as 'en' })).toThrow(UsageError);
    expect(() => buildPersonas(input, { locale: 'de' as 'en' })).toThrow(/locale.*en, fr/);
    expect(() => buildPersonas(input, { minGroupSize: 0 })).toThrow(/minGroupSize/);
    expect(() => buildPersonas(input, { currency: 'euro' })).toThrow(/ISO 4217/);
    expect(() => buildPersonas(input, { kpiColumns: { clv: 'nope' } })).toThrow(/kpiColumns.clv/);
  });

  it('refuses columns of another length, with the column named', () => {
    const bad = { ...input, numeric: { ...input.numeric, frequency: new Float64Array(3) } };
    expect(() => buildPersonas(bad)).toThrow(InputError);
    expect(() => buildPersonas(bad)).toThrow(/column "frequency" has 3 rows, labels have 690/);
  });
});

describe('buildPersonas: segments of the same kind', () => {
  it('qualifies a repeated archetype by the strongest trait, so every name is distinct', () => {
    // Three segments with the same behaviour: only "Steady mid-value" fits them all. Segment 1 lives in Nice.
    const rng = new Rng(3);
    const n = 300;
    const labels = Array.from({ length: n }, (_, i) => Math.floor(i / 100));
    const numeric = {
      monetary_total: Float64Array.from({ length: n }, () => 100 + rng.next()),
      frequency: Float64Array.from({ length: n }, () => 3 + Math.round(rng.next())),
      recency_days: Float64Array.from({ length: n }, () => 20 + Math.round(10 * rng.next())),
    };
    const city = labels.map((l, i) => (l === 1 ? (i % 5 === 0 ? 'Lyon' : 'Nice') : i % 10 === 0 ? 'Nice' : 'Lyon'));
    const result = buildPersonas({ labels, numeric, categorical: { city } });
    const names = result.segments.map((s) => (s.suppressed ? '' : s.name));
    expect(result.segments.every((s) => !s.suppressed && s.archetype === 'steadyMidValue' && s.activity === 'active')).toBe(true);
    expect(names[0]).toBe('Steady mid-value');
    // Segment 1 differs from segment 0 by its city (80% Nice against 10%), not by its numbers.
    expect(names[1]).toBe('Steady mid-value · city: Nice');
    expect(new Set(names).size).toBe(3);
  });
});
