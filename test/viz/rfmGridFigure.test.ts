import { describe, expect, it } from 'vitest';
import { rfmGridFigure } from '../../src/viz/rfmGridFigure';

describe('rfmGridFigure', () => {
  const f = rfmGridFigure(
    { rScores: [1, 2], fScores: [1, 2], counts: [[100, null], [250, 300]], dominantNames: [['A', null], ['B', 'A']] },
    { title: 'RFM', xTitle: 'F', yTitle: 'R', customersLabel: 'customers', dominantLabel: 'Mostly', suppressedLabel: 'suppressed' },
  );
  const t = f.data[0]!;

  it('counts as a heatmap with suppressed cells left empty and labelled', () => {
    expect(t.z).toEqual([[100, null], [250, 300]]);
    expect(t.hoverongaps).toBe(false);
    expect(f.layout.annotations).toEqual([expect.objectContaining({ x: 2, y: 1, text: 'suppressed' })]);
    expect(f.layout.plot_bgcolor).toBe('#e6e6e6');
  });

  it('hover names the dominant segment', () => {
    expect(t.text).toEqual([['A', '–'], ['B', 'A']]);
    expect(t.hovertemplate).toContain('Mostly: %{text}');
  });
});
