/** A table cell: HTML the caller has already escaped, and whether it holds a number (right-aligned). */
export interface HtmlCell {
  html: string;
  numeric?: boolean;
  /** Spans the rest of the row (a one-line statement instead of values). */
  span?: number;
}

/** An HTML table from escaped cells; numeric columns right-aligned with tabular figures. */
export function htmlTable(headers: readonly HtmlCell[], rows: readonly (readonly HtmlCell[])[], options: { className?: string; rowClass?: (i: number) => string | undefined } = {}): string {
  const cell = (tag: 'th' | 'td', c: HtmlCell) => {
    const attrs = [c.numeric ? ' class="num"' : '', c.span ? ` colspan="${c.span}"` : ''].join('');
    return `<${tag}${attrs}>${c.html}</${tag}>`;
  };
  const head = `<thead><tr>${headers.map((h) => cell('th', h)).join('')}</tr></thead>`;
  const body = rows
    .map((r, i) => {
      const cls = options.rowClass?.(i);
      return `<tr${cls ? ` class="${cls}"` : ''}>${r.map((c) => cell('td', c)).join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table class="${options.className ?? 'data'}">${head}<tbody>${body}</tbody></table></div>`;
}
