import { describe, expect, it } from 'vitest';
import { countsFigure } from '../../src/viz/countsFigure';
import { histogram } from '../../src/viz/histogram';
import { missingValuesFigure } from '../../src/viz/missingValuesFigure';
import { figureHtml, tableHtml } from '../../src/notebook/display';
import type { QualityProfile } from '../../src/data/QualityProfile';

describe('figures', () => {
  it('countsFigure counts, orders known labels first and names missing values', () => {
    const f = countsFigure(['b', 'a', null, 'b', 'c', 'b', 'a'], { title: 't', order: ['c', 'a'] });
    expect(f.data[0]!.x).toEqual(['c', 'a', 'b', '(missing)']);
    expect(f.data[0]!.y).toEqual([1, 2, 3, 1]);
  });

  it('histogram drops non-finite values, says how many, and caps embedded points', () => {
    const values = new Float64Array([1, NaN, 3, Infinity, 9]);
    const f = histogram(values, { title: 'spend', log1p: true });
    expect(f.data[0]!.x).toEqual([Math.log10(2), Math.log10(4), 1]);
    expect(f.layout.title!.text).toBe('spend (2 missing)');
    const big = histogram(Float64Array.from({ length: 100_000 }, (_, i) => i), { title: 'x', maxPoints: 1000 });
    expect(big.data[0]!.x!.length).toBe(1000);
    expect(big.layout.title!.text).toContain('sample of 1,000');
  });

  it('missingValuesFigure lists only columns with missing values, worst last (top of a horizontal bar chart)', () => {
    const col = (name: string, missingShare: number) => ({ name, missingShare }) as QualityProfile['tables'][number]['columns'][number];
    const profile = { tables: [{ table: 'customers', columns: [col('age', 0.1), col('id', 0), col('city', 0.3)] }] } as unknown as QualityProfile;
    const f = missingValuesFigure(profile);
    expect(f.data[0]!.y).toEqual(['customers.age', 'customers.city']);
    expect(f.data[0]!.x).toEqual([0.1, 0.3]);
  });
});

describe('notebook display', () => {
  it('tableHtml escapes every cell and header and says how many rows are hidden', () => {
    const html = tableHtml({ '<b>name</b>': ['</script><img src=x onerror=alert(1)>', 'ok'], n: new Float64Array([1.23456, NaN]) }, { maxRows: 1 });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;name&lt;/b&gt;');
    expect(html).toContain('1.235');
    expect(html).toContain('1 more rows not shown (2 in all)');
  });

  it('figureHtml embeds plotly.js once and data cannot close the script element', () => {
    const fig = countsFigure(['</script><script>alert(1)</script>'], { title: 'x' });
    const first = figureHtml(fig);
    const second = figureHtml(fig);
    expect(first.length).toBeGreaterThan(1_000_000);
    expect(second.length).toBeLessThan(10_000);
    expect(second).not.toContain('</script><script>alert(1)');
    expect(second.match(/<\/script>/g)!.length).toBe(1);
  });
});
