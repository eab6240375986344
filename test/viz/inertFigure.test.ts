import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/viz/Figure';
import { inertFigure } from '../../src/viz/inertFigure';

const P = '</script><img src=x onerror=alert(1)>';
const INERT = '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;';

describe('inertFigure', () => {
  const fig: Figure = {
    data: [
      {
        type: 'bar',
        name: P,
        x: [P, 1],
        y: [2, 3],
        text: [[P]] as unknown as string[],
        customdata: [[P, 5]],
        hovertemplate: `${P}<br>%{x}<extra></extra>`,
        marker: { color: '#2f6690' },
      },
    ],
    layout: {
      title: { text: `Title <b>${P}</b>` },
      xaxis: { ticktext: [P], title: { text: P } },
      annotations: [{ text: '<a href="javascript:alert(1)">x</a>' }],
      height: 300,
    },
  };
  const out = inertFigure(fig);
  const json = JSON.stringify(out);

  it('escapes < and > in every string of data and layout', () => {
    expect(json).not.toMatch(/<(?!br>|extra>|\/extra>)/);
    expect(out.data[0]!.name).toBe(INERT);
    expect(out.data[0]!.x).toEqual([INERT, 1]);
    expect(out.data[0]!.text).toEqual([[INERT]]);
    expect(out.data[0]!.customdata).toEqual([[INERT, 5]]);
    expect(out.layout.title!.text).toBe(`Title &lt;b&gt;${INERT}&lt;/b&gt;`);
    expect((out.layout.xaxis as { ticktext: string[] }).ticktext).toEqual([INERT]);
    expect((out.layout.annotations as { text: string }[])[0]!.text).toBe('&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;');
  });

  it("keeps exactly seglab's <br> and <extra></extra> in templates, and only there", () => {
    expect(out.data[0]!.hovertemplate).toBe(`${INERT}<br>%{x}<extra></extra>`);
    const other = inertFigure({ data: [{ type: 'bar', name: 'a<br>b', hovertemplate: '<extra>x</extra><br/>' }], layout: {} });
    expect(other.data[0]!.name).toBe('a&lt;br&gt;b');
    expect(other.data[0]!.hovertemplate).toBe('&lt;extra&gt;x&lt;/extra&gt;&lt;br/&gt;');
  });

  it('leaves numbers, colours and the input untouched', () => {
    expect(out.data[0]!.y).toEqual([2, 3]);
    expect(out.data[0]!.marker).toEqual({ color: '#2f6690' });
    expect(out.layout.height).toBe(300);
    expect(fig.data[0]!.name).toBe(P);
  });
});
