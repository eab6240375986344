import { escapeHtml } from '../../core/escapeHtml';
import { defineSection } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { htmlTable } from '../htmlTable';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';

const TEXTS = localTexts(
  {
    title: 'Data quality',
    tableHeader: 'Table',
    rowsHeader: 'Rows',
    columnsHeader: 'Columns',
    duplicatesHeader: 'Duplicate rows',
    missingHeader: 'Most missing values',
    noMissing: 'none',
    notChecked: 'not checked',
    warnings: 'Warnings',
    noWarnings: 'No warning while loading the data.',
    noQuality: 'No data-quality profile in this run.',
  },
  {
    title: 'Qualité des données',
    tableHeader: 'Table',
    rowsHeader: 'Lignes',
    columnsHeader: 'Colonnes',
    duplicatesHeader: 'Lignes en double',
    missingHeader: 'Valeurs manquantes (principales)',
    noMissing: 'aucune',
    notChecked: 'non vérifié',
    warnings: 'Avertissements',
    noWarnings: 'Aucun avertissement au chargement des données.',
    noQuality: 'Pas de profil de qualité des données pour cette analyse.',
  },
);

/** Columns with missing values listed per table, largest share first. */
const MISSING_COLUMNS = 5;

const e = escapeHtml;
const m = escapeMarkdown;

/** Per table: rows, columns, duplicates and the columns most often missing; the warnings raised while loading. */
export const qualitySection = defineSection({
  id: 'quality',
  texts: TEXTS,

  html(ctx) {
    const { data, t, fmt } = ctx;
    const q = data.quality;
    if (!q) return `<p class="note">${e(t.noQuality)}</p>`;
    const table = htmlTable(
      [{ html: e(t.tableHeader) }, { html: e(t.rowsHeader), numeric: true }, { html: e(t.columnsHeader), numeric: true }, { html: e(t.duplicatesHeader), numeric: true }, { html: e(t.missingHeader) }],
      q.tables.map((tb) => [
        { html: e(tb.table) },
        { html: e(fmt.integer(tb.rows)), numeric: true },
        { html: e(fmt.integer(tb.columns)), numeric: true },
        { html: e(tb.duplicateRows === null ? t.notChecked : fmt.integer(tb.duplicateRows)), numeric: true },
        { html: tb.missing.length ? tb.missing.slice(0, MISSING_COLUMNS).map((x) => `${e(x.column)} (${e(fmt.percent(x.share))})`).join(', ') : e(t.noMissing) },
      ]),
    );
    const warnings = q.warnings.length ? `<h4>${e(t.warnings)}</h4><ul>${q.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>` : `<p class="note">${e(t.noWarnings)}</p>`;
    return table + warnings;
  },

  markdown(ctx) {
    const { data, t, fmt } = ctx;
    const q = data.quality;
    if (!q) return m(t.noQuality);
    const table = markdownTable(
      [t.tableHeader, t.rowsHeader, t.columnsHeader, t.duplicatesHeader, t.missingHeader].map(m),
      q.tables.map((tb) => [
        m(tb.table),
        m(fmt.integer(tb.rows)),
        m(fmt.integer(tb.columns)),
        m(tb.duplicateRows === null ? t.notChecked : fmt.integer(tb.duplicateRows)),
        tb.missing.length ? tb.missing.slice(0, MISSING_COLUMNS).map((x) => `${m(x.column)} (${m(fmt.percent(x.share))})`).join(', ') : m(t.noMissing),
      ]),
      [false, true, true, true, false],
    );
    const warnings = q.warnings.length ? `**${m(t.warnings)}**\n\n${q.warnings.map((w) => `- ${m(w)}`).join('\n')}` : m(t.noWarnings);
    return `${table}\n\n${warnings}`;
  },
});
