import type { Figure } from './Figure';

/** Keys whose strings are plotly templates: seglab's own `<br>` and `<extra></extra>` must keep working there. */
const TEMPLATE_KEYS = new Set(['hovertemplate', 'texttemplate']);
const PLOTLY_TOKENS = /(<br>|<extra><\/extra>)/;

function inert(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function inertTemplate(text: string): string {
  // split with a capture group keeps the tokens at odd indices
  return text
    .split(PLOTLY_TOKENS)
    .map((part, i) => (i % 2 === 1 ? part : inert(part)))
    .join('');
}

function walk(value: unknown, template: boolean): unknown {
  if (typeof value === 'string') return template ? inertTemplate(value) : inert(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, template));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, TEMPLATE_KEYS.has(k));
    return out;
  }
  return value;
}

/**
 * A copy of the figure in which no string can act as markup. Plotly renders a subset of HTML in
 * titles, tick labels, legends, hover and cell text (<a href>, <b>, <span style>, …), so a segment
 * named `<a href=…>` would become a link. `<` and `>` become entities, which plotly shows as the
 * characters. In hovertemplate / texttemplate only the exact tokens `<br>` and `<extra></extra>` survive.
 */
export function inertFigure(figure: Figure): Figure {
  return walk(figure, false) as Figure;
}
