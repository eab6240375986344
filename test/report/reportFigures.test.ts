import { describe, expect, it } from 'vitest';
import { reportFigures } from '../../src/report/reportFigures';
import { personaFigureId } from '../../src/report/sections/personasSection';
import { allStrings } from './helpers';
import { reportFixture, SECRET } from './fixtures';

describe('reportFigures', () => {
  const en = reportFigures(reportFixture('en'));

  it('one figure per chart, in reading order, with stable ids', () => {
    expect(en.map((f) => f.id)).toEqual([
      'fig-sizes',
      personaFigureId(0),
      personaFigureId(1),
      personaFigureId(2),
      'fig-lift',
      'fig-calibration',
      'fig-value',
      'fig-traits',
      'fig-rfm',
      'fig-projection',
      'fig-selection-silhouette',
      'fig-selection-ch',
      'fig-selection-db',
      'fig-selection-gap',
      'fig-stability',
      'fig-changes',
    ]);
    expect(en.find((f) => f.id === 'fig-rfm')!.section).toBe('rfm');
    expect(en.filter((f) => f.section === 'model')).toHaveLength(5);
  });

  it('nothing about the suppressed segment reaches a figure', () => {
    const json = JSON.stringify(en);
    for (const secret of [SECRET.name, String(SECRET.previousSize), String(SECRET.previousShare), '0.432', '7.777', '-8.888']) expect(json).not.toContain(secret);
    const projection = en.find((f) => f.id === 'fig-projection')!.figure;
    expect(projection.data.map((t) => t.name)).not.toContain('Segment 3');
    expect(projection.data.reduce((n, t) => n + t.x!.length, 0)).toBe(60);
    const rfm = en.find((f) => f.id === 'fig-rfm')!.figure;
    expect((rfm.data[0]!.text as unknown as string[][])[0]![4]).toBe('–');
    expect(en.find((f) => f.id === 'fig-stability')!.figure.data[0]!.x).toHaveLength(3);
  });

  it('titles in the locale and plotly separators for French', () => {
    const fr = reportFigures(reportFixture('fr'));
    expect(fr[0]!.figure.layout.title!.text).toBe('Part des clients par segment');
    expect(fr[0]!.figure.layout.separators).toBe(', ');
    expect(en[0]!.figure.layout.separators).toBe('.,');
    expect(allStrings(fr.find((f) => f.id === 'fig-rfm')!.figure)).toContain('masqué');
  });

  it('numbers stay short (at most 4 significant digits)', () => {
    const numbers = JSON.stringify(en).match(/-?\d+\.\d+(e-?\d+)?/g) ?? [];
    const significant = (n: string) => n.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length;
    expect(numbers.length).toBeGreaterThan(20);
    for (const n of numbers) expect(significant(n), n).toBeLessThanOrEqual(4);
  });

  it('sections without data have no figure', () => {
    const data = reportFixture('en');
    const bare = reportFigures({ ...data, prediction: undefined, value: undefined, projection: null, changes: null, clustering: { ...data.clustering, selection: null, stability: null }, personas: { ...data.personas, rfm: null } });
    expect(bare.map((f) => f.section)).toEqual(['sizes', 'personas', 'personas', 'personas', 'traits']);
  });
});
