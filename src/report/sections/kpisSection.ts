import { escapeHtml } from '../../core/escapeHtml';
import { defineSection } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { formatKpi } from '../formatKpi';
import { htmlTable, type HtmlCell } from '../htmlTable';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';

/** The KPI table's words; kpiTable (for notebooks) uses them too. */
export const KPI_TEXTS = localTexts(
  {
    title: 'Key figures by segment',
    kpisIntro: 'One row per segment; the last row is the whole customer base. Definitions follow the table.',
    kpisIntroByKpi: 'One column per segment; the last column is the whole customer base. Definitions follow the table.',
    kpiHeader: 'Key figure',
    baseRow: 'All customers',
    definitions: 'Definitions',
    noKpis: 'No key figure could be computed from the data.',
  },
  {
    title: 'Indicateurs clés par segment',
    kpisIntro: 'Une ligne par segment ; la dernière ligne porte sur l’ensemble des clients. Les définitions suivent le tableau.',
    kpisIntroByKpi: 'Une colonne par segment ; la dernière colonne porte sur l’ensemble des clients. Les définitions suivent le tableau.',
    kpiHeader: 'Indicateur',
    baseRow: 'Ensemble des clients',
    definitions: 'Définitions',
    noKpis: 'Aucun indicateur n’a pu être calculé à partir des données.',
  },
);

/** Segments per KPI table: more go to a second table, split evenly (12 → 6 + 6). */
const KPI_COLUMNS = 7;

const e = escapeHtml;
const m = escapeMarkdown;

/** Every KPI of every shown segment and of the whole base, with the definitions. */
export const kpisSection = defineSection({
  id: 'kpis',
  texts: KPI_TEXTS,

  html(ctx) {
    const { data, t, fmt, seg } = ctx;
    const defs = data.personas.kpiDefinitions;
    if (!defs.length) return `<p class="note">${e(t.noKpis)}</p>`;
    // One row per KPI, one column per segment, at most KPI_COLUMNS segments per table (then a second table):
    // up to 16 KPIs and 12 segments fit a 1,400-pixel screen (a segment per row put four KPI columns off-screen).
    const tables: string[] = [];
    const parts = Math.max(1, Math.ceil(seg.shown.length / KPI_COLUMNS));
    const per = Math.ceil(seg.shown.length / parts);
    for (let p = 0; p < parts; p++) {
      const part = seg.shown.slice(p * per, (p + 1) * per);
      const headers: HtmlCell[] = [{ html: e(t.kpiHeader) }, ...part.map((s) => ({ html: ctx.segmentName(s.id), numeric: true })), { html: e(t.baseRow), numeric: true }];
      const rows: HtmlCell[][] = defs.map((d) => [
        { html: e(d.label) },
        ...part.map((s) => ({ html: e(formatKpi(fmt, d.unit, s.kpis[d.key] ?? null)), numeric: true })),
        { html: `<strong>${e(formatKpi(fmt, d.unit, data.personas.base.kpis[d.key] ?? null))}</strong>`, numeric: true },
      ]);
      tables.push(htmlTable(headers, rows, { className: 'data kpis' }));
    }
    const definitions = defs.map((d) => `<dt>${e(d.label)}</dt><dd>${e(d.description)}</dd>`).join('');
    return `<p class="lead">${e(t.kpisIntroByKpi)}</p>
${tables.join('\n')}
${ctx.suppressed()}
<h3>${e(t.definitions)}</h3><dl class="defs">${definitions}</dl>`;
  },

  // Markdown keeps one row per segment, one column per KPI, in one table.
  markdown(ctx) {
    const { data, t, common, fmt, seg } = ctx;
    const defs = data.personas.kpiDefinitions;
    if (!defs.length) return m(t.noKpis);
    const rows = seg.shown.map((s) => [m(s.name), ...defs.map((d) => m(formatKpi(fmt, d.unit, s.kpis[d.key] ?? null)))]);
    rows.push([`**${m(t.baseRow)}**`, ...defs.map((d) => `**${m(formatKpi(fmt, d.unit, data.personas.base.kpis[d.key] ?? null))}**`)]);
    const table = markdownTable([common.segmentHeader, ...defs.map((d) => d.label)].map(m), rows, [false, ...defs.map(() => true)]);
    const definitions = defs.map((d) => `- **${m(d.label)}** ${m(d.description)}`).join('\n');
    return `${m(t.kpisIntro)}\n\n${table}${ctx.suppressed()}\n\n### ${m(t.definitions)}\n\n${definitions}`;
  },
});
