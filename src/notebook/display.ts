import { readFileSync } from 'node:fs';
import { escapeHtml, jsonForScript, scriptSource } from '../core/escapeHtml';
import { inertFigure } from '../viz/inertFigure';
import type { Figure } from '../viz/Figure';

/**
 * HTML for notebook cells (tslab: `tslab.display.html(figureHtml(fig))`). Kept free of tslab itself so
 * the same helpers serve any front end; the notebook only calls them.
 */

let plotlyEmbedded = false;
let figureCount = 0;

/** plotly.js, inlined once per kernel session so rendered notebooks work offline (no CDN). */
export function plotlyScriptHtml(): string {
  const src = readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');
  // `</script` cannot occur in the minified bundle's strings unescaped, but guard anyway.
  return `<script>${scriptSource(src)}</script>`;
}

/**
 * A plotly figure as an HTML fragment; the first call in a session also embeds plotly.js. Strings are
 * made inert (inertFigure) as in the report: data-derived names cannot become plotly markup.
 */
export function figureHtml(figure: Figure): string {
  const loader = plotlyEmbedded ? '' : plotlyScriptHtml();
  plotlyEmbedded = true;
  const id = `seglab-fig-${process.pid}-${++figureCount}`;
  return `${loader}<div id="${id}" class="seglab-figure" style="width:100%;min-height:${figure.layout.height ?? 380}px"></div>
<script>(function draw(){var P=window.Plotly;if(!P){return setTimeout(draw,50);}var f=${jsonForScript(inertFigure(figure))};P.newPlot(${JSON.stringify(id)},f.data,f.layout,{responsive:true,displaylogo:false});})();</script>`;
}

/**
 * A whole HTML document (e.g. persona cards with the report's styles) in an iframe, so its page
 * styles stay inside the frame instead of restyling the notebook.
 */
export function frameHtml(documentHtml: string, options: { height?: number } = {}): string {
  return `<iframe srcdoc="${escapeHtml(documentHtml)}" style="width:100%;height:${options.height ?? 900}px;border:1px solid #ddd;border-radius:6px" sandbox></iframe>`;
}

/** Anything with named columns: a plain object of arrays, or a danfojs DataFrame. */
export type TableLike = Record<string, ArrayLike<unknown>> | { columns: string[]; values: unknown[][] };

/** An HTML table of the first `maxRows` rows; every cell escaped; numbers right-aligned and rounded. */
export function tableHtml(table: TableLike, options: { maxRows?: number; caption?: string; digits?: number } = {}): string {
  const { names, rowCount, cell } = access(table);
  const maxRows = options.maxRows ?? 20;
  const digits = options.digits ?? 3;
  const fmt = (v: unknown): string => {
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '<td class="na">–</td>';
    if (typeof v === 'number') {
      const s = Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: digits });
      return `<td style="text-align:right">${escapeHtml(s)}</td>`;
    }
    return `<td style="text-align:left">${escapeHtml(v)}</td>`;
  };
  const head = names.map((n) => `<th style="text-align:left">${escapeHtml(n)}</th>`).join('');
  const rows: string[] = [];
  for (let i = 0; i < Math.min(rowCount, maxRows); i++) rows.push(`<tr>${names.map((_, j) => fmt(cell(i, j))).join('')}</tr>`);
  const more = rowCount > maxRows ? `<p style="color:#666">${(rowCount - maxRows).toLocaleString('en-US')} more rows not shown (${rowCount.toLocaleString('en-US')} in all).</p>` : '';
  const caption = options.caption ? `<caption style="caption-side:top;text-align:left;font-weight:bold">${escapeHtml(options.caption)}</caption>` : '';
  return `<div style="overflow-x:auto"><table class="seglab-table">${caption}<thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>${more}</div>`;
}

function access(table: TableLike): { names: string[]; rowCount: number; cell: (i: number, j: number) => unknown } {
  if (Array.isArray((table as { columns?: unknown }).columns) && Array.isArray((table as { values?: unknown }).values)) {
    const df = table as { columns: string[]; values: unknown[][] };
    return { names: df.columns, rowCount: df.values.length, cell: (i, j) => df.values[i]?.[j] };
  }
  const cols = table as Record<string, ArrayLike<unknown>>;
  const names = Object.keys(cols);
  const rowCount = names.length ? cols[names[0]!]!.length : 0;
  return { names, rowCount, cell: (i, j) => cols[names[j]!]![i] };
}

/** The minimal danfojs DataFrame surface seglab relies on (danfojs ships no top-level types for tslab). */
export interface DataFrameLike {
  columns: string[];
  values: unknown[][];
  shape: number[];
  head(rows?: number): DataFrameLike;
  describe(): DataFrameLike;
}

/**
 * A danfojs DataFrame of the given columns, for exploring in a notebook. danfojs is for showing
 * tables, not for numeric work: a groupby on 100k rows took 151 s here, DuckDB does it in milliseconds.
 */
export function toDataFrame(columns: Record<string, ArrayLike<unknown>>): DataFrameLike {
  // Loaded lazily: danfojs pulls in TensorFlow.js and takes ~1 s to import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require('danfojs') as { DataFrame: new (data: Record<string, unknown[]>) => DataFrameLike };
  const plain: Record<string, unknown[]> = {};
  for (const [name, values] of Object.entries(columns)) plain[name] = Array.from(values as ArrayLike<unknown>);
  return new dfd.DataFrame(plain);
}
