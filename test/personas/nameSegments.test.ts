import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors';
import { buildPersonas } from '../../src/personas/buildPersonas';
import { carriedName } from '../../src/personas/nameSegments';
import type { PersonaResult, SegmentPersona } from '../../src/personas/PersonaResult';
import { personaFixture } from './fixtures';

// The fixture: 0 champions, 1 promo-driven, 2 lapsed one-timers, 3 suppressed (30 customers).
const input = personaFixture();
const seg = (r: PersonaResult, id: number): SegmentPersona => r.segments.find((s) => s.id === id && !s.suppressed) as SegmentPersona;
const names = (r: PersonaResult): string[] => r.segments.filter((s): s is SegmentPersona => !s.suppressed).map((s) => s.name);

describe('names persist with the segments matched to a previous run', () => {
  it('a matched segment whose archetype did not change keeps its previous name', () => {
    const r = buildPersonas(input, { previous: [{ id: 0, name: 'Best of the best', archetype: 'champions' }] });
    expect(seg(r, 0).name).toBe('Best of the best');
    expect(seg(r, 0).renamedFrom).toBeUndefined();
    expect(seg(r, 0).customName).toBe(false);
  });

  it('a matched segment whose archetype changed gets a new name and says what it was called', () => {
    const r = buildPersonas(input, { previous: [{ id: 1, name: 'Loyal regulars', archetype: 'loyalRegulars' }] });
    expect(seg(r, 1)).toMatchObject({ name: 'Promo-driven', archetype: 'promoDriven', renamedFrom: 'Loyal regulars' });
  });

  it('never gives a segment the name another segment had in the previous run (issue 19: two "Champions" rows)', () => {
    // Last quarter "Champions" was a segment that is gone now; this quarter's champions are another segment.
    const gone = buildPersonas(input, { previous: [{ id: null, name: 'Champions', archetype: 'champions' }] });
    expect(names(gone)).not.toContain('Champions');
    expect(seg(gone, 0).name).toMatch(/^Champions · ./);
    // Last quarter's "Champions" is now segment 2 (lapsed): segment 0 may not take the name either.
    const moved = buildPersonas(input, { previous: [{ id: 2, name: 'Champions', archetype: 'champions' }] });
    expect(seg(moved, 2)).toMatchObject({ name: 'Lapsed one-timers', renamedFrom: 'Champions' });
    expect(seg(moved, 0).name).not.toBe('Champions');
    expect(new Set(names(moved)).size).toBe(3);
  });

  it('a suppressed segment keeps its previous name out of everyone else’s reach', () => {
    const r = buildPersonas(input, { previous: [{ id: 3, name: 'Promo-driven', archetype: 'promoDriven' }] });
    expect(seg(r, 1).name).not.toBe('Promo-driven');
    expect(seg(r, 1).name).toMatch(/^Promo-driven · /);
  });

  it('the team’s names still come first', () => {
    const r = buildPersonas(input, { names: { '0': 'VIP club' }, previous: [{ id: 0, name: 'Best of the best', archetype: 'champions' }] });
    expect(seg(r, 0)).toMatchObject({ name: 'VIP club', customName: true });
  });

  it('in French: kept names, renamed segments and reserved names alike', () => {
    const r = buildPersonas(input, {
      locale: 'fr',
      previous: [
        { id: 1, name: 'Habitués fidèles', archetype: 'loyalRegulars' },
        { id: null, name: 'Champions', archetype: 'champions' },
      ],
    });
    expect(seg(r, 1)).toMatchObject({ name: 'Chasseurs de promotions', renamedFrom: 'Habitués fidèles' });
    expect(seg(r, 0).name).toMatch(/^Champions · ./);
  });

  it('a generated name of a run in another language is carried over in this run’s language', () => {
    expect(carriedName({ name: 'Promo-driven', archetype: 'promoDriven', customName: false }, 'en', 'fr')).toBe('Chasseurs de promotions');
    expect(carriedName({ name: 'Chasseurs de promotions', archetype: 'promoDriven', customName: false }, 'fr', 'en')).toBe('Promo-driven');
    // A name the team chose, or one qualified by a trait, is the segment's name as published.
    expect(carriedName({ name: 'Promo-driven', archetype: 'promoDriven', customName: true }, 'en', 'fr')).toBe('Promo-driven');
    expect(carriedName({ name: 'Lapsed one-timers · big baskets', archetype: 'lapsedOneTimers', customName: false }, 'en', 'fr')).toBe('Lapsed one-timers · big baskets');
    expect(carriedName({ name: 'Promo-driven', archetype: 'promoDriven', customName: false }, 'en', 'en')).toBe('Promo-driven');
  });

  it('refuses a previous list that cannot be one run’s segments, naming the entry', () => {
    expect(() => buildPersonas(input, { previous: [{ id: 9, name: 'X', archetype: 'champions' }] })).toThrow(UsageError);
    expect(() => buildPersonas(input, { previous: [{ id: 9, name: 'X', archetype: 'champions' }] })).toThrow(/previous\[0\]\.id.*a segment id of this run \(0, 1, 2, 3, 4\)/);
    expect(() => buildPersonas(input, { previous: [{ id: 0, name: 'X', archetype: 'champions' }, { id: 0, name: 'Y', archetype: null }] })).toThrow(/previous\[1\]\.id/);
    expect(() => buildPersonas(input, { previous: [{ id: 0, name: 'X', archetype: 'champions' }, { id: 1, name: 'X', archetype: null }] })).toThrow(/previous\[1\]\.name/);
    expect(() => buildPersonas(input, { previous: [{ id: 0, name: ' ', archetype: 'champions' }] })).toThrow(/previous\[0\]\.name/);
    expect(() => buildPersonas(input, { previous: [{ id: 0, name: 'X', archetype: 'wizards' as 'champions' }] })).toThrow(/previous\[0\]\.archetype/);
  });
});
