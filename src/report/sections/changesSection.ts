import { escapeHtml } from '../../core/escapeHtml';
import type { SizeChange } from '../../personas/PersonaResult';
import { sizeComparisonFigure } from '../../viz/sizeComparisonFigure';
import { changeIds, changeName } from '../changeLabels';
import { defineSection, type SectionContext } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { htmlTable, type HtmlCell } from '../htmlTable';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';
import { SIZE_ALERT_TEXTS } from '../sizeAlerts';

const TEXTS = localTexts(
  {
    title: 'Changes since the previous run',
    changesIntro: (runId: string, asOf: string | null, idsKept: boolean) =>
      `Compared with run ${runId}${asOf ? ` (data as of ${asOf})` : ''}. Segments are matched across runs by their centres${
        idsKept
          ? ', so a segment keeps its number.'
          : '. This run was not clustered with this previous run (cluster.previous), so its segment numbers are its own: the table gives both.'
      }`,
    matchRule: (spreads: string) =>
      `Two segments are a match only when their centres are at most ${spreads} × the typical distance of a customer from its segment’s centre apart (cluster.matchMaxDistance); otherwise the earlier segment counts as gone and the current one as new.`,
    idHeader: 'Number (before → now)',
    previousCustomers: 'Customers before',
    currentCustomers: 'Customers now',
    previousShare: 'Share before',
    currentShare: 'Share now',
    relativeChange: 'Relative change',
    statusHeader: 'Status',
    statusKept: 'kept',
    statusNew: 'new',
    statusGone: 'gone',
    alertBadge: 'alert',
    changesFigure: 'Share of customers, previous and current run',
    previousRun: 'Previous run',
    currentRun: 'This run',
    driftLater: 'This section compares segment sizes only; tests of drift in customer behaviour (features, moves between segments, rules and scores) appear in “What changed” when the run includes the drift stage (a previous run configured, or seglab drift).',
    driftAbove: 'Tests of drift in customer behaviour are in “What changed”, at the top of this review.',
  },
  {
    title: 'Évolution depuis l’analyse précédente',
    changesIntro: (runId, asOf, idsKept) =>
      `Comparaison avec l’analyse ${runId}${asOf ? ` (données arrêtées au ${asOf})` : ''}. Les segments sont appariés d’une analyse à l’autre par leurs centres${
        idsKept
          ? ' : un segment garde son numéro.'
          : '. Cette analyse n’a pas été segmentée avec l’analyse précédente (cluster.previous) : ses numéros de segment lui sont propres, le tableau donne les deux.'
      }`,
    matchRule: (spreads) =>
      `Deux segments ne sont appariés que si leurs centres sont distants d’au plus ${spreads} × la distance typique d’un client au centre de son segment (cluster.matchMaxDistance) ; sinon, le segment précédent compte comme disparu et l’actuel comme nouveau.`,
    idHeader: 'Numéro (avant → maintenant)',
    previousCustomers: 'Clients avant',
    currentCustomers: 'Clients maintenant',
    previousShare: 'Part avant',
    currentShare: 'Part maintenant',
    relativeChange: 'Variation relative',
    statusHeader: 'Statut',
    statusKept: 'conservé',
    statusNew: 'nouveau',
    statusGone: 'disparu',
    alertBadge: 'alerte',
    changesFigure: 'Part des clients, analyse précédente et actuelle',
    previousRun: 'Analyse précédente',
    currentRun: 'Cette analyse',
    driftLater:
      'Cette section ne compare que la taille des segments ; les tests de dérive du comportement des clients (variables, passages entre segments, règles et scores) figurent dans « Ce qui a changé » quand l’analyse comprend l’étape de dérive (une analyse précédente configurée, ou seglab drift).',
    driftAbove: 'Les tests de dérive du comportement des clients figurent dans « Ce qui a changé », en tête de cette revue.',
  },
);
type Ctx = SectionContext<(typeof TEXTS)['en']>;

const e = escapeHtml;
const m = escapeMarkdown;

/** A change row about a suppressed segment: it shows the id and why, never a number. */
function hidden(c: SizeChange, { seg }: Ctx): boolean {
  return c.currentId !== null && seg.suppressedIds.includes(c.currentId);
}

function statusWord(status: SizeChange['status'], { t }: Ctx): string {
  return status === 'kept' ? t.statusKept : status === 'new' ? t.statusNew : t.statusGone;
}

/** With a drift report that compares sizes, its "What changed" section holds the size table and chart: this one steps aside. */
function foldedIntoDrift({ data }: Ctx): boolean {
  return data.drift?.sizeShift != null;
}

/** The pointer to the drift tests: where they are, or how to get them. */
function driftNote(ctx: Ctx): string {
  return ctx.data.drift ? ctx.t.driftAbove : ctx.t.driftLater;
}

/**
 * Sizes side by side with a previous run, segments compared as matched pairs (never by raw id), with the
 * matching's cutoff and the alert rule. Present only when the review has a previous run and no drift report
 * with a size shift (driftSection then shows sizes with their intervals, so the review has one size table).
 */
export const changesSection = defineSection({
  id: 'changes',
  texts: TEXTS,

  figures(ctx) {
    const { data, t, common, seg } = ctx;
    const ch = data.changes;
    if (!ch || foldedIntoDrift(ctx)) return [];
    const rows = ch.segments.filter((c) => !hidden(c, ctx));
    if (!rows.length) return [];
    return [
      {
        id: 'fig-changes',
        figure: sizeComparisonFigure(
          rows.map((c) => ({ name: c.currentId !== null && seg.isShown(c.currentId) ? seg.name(c.currentId) : changeName(c, common), previousShare: c.previousShare, currentShare: c.currentShare })),
          { title: t.changesFigure, previousName: t.previousRun, currentName: t.currentRun, yTitle: common.shareHeader },
        ),
      },
    ];
  },

  html(ctx) {
    const { data, t, common, fmt, seg } = ctx;
    const changes = data.changes;
    if (!changes || foldedIntoDrift(ctx)) return null;
    const min = fmt.integer(data.personas.minGroupSize);
    const status = (c: SizeChange): string => {
      const word = statusWord(c.status, ctx);
      const cls = c.status === 'kept' ? '' : ` ${c.status}`;
      const badge = c.alert ? ` <span class="badge alert">${e(t.alertBadge)}</span>` : '';
      return `${cls ? `<span class="badge${cls}">${e(word)}</span>` : e(word)}${badge}`;
    };
    const name = (c: SizeChange): string => {
      const shown = c.currentId !== null && seg.isShown(c.currentId) ? ctx.segmentName(c.currentId) : e(changeName(c, common));
      return c.renamedFrom ? `${shown} <span class="note renamed">${e(common.renamedFrom(c.renamedFrom))}</span>` : shown;
    };
    const rows: HtmlCell[][] = changes.segments.map((c) =>
      hidden(c, ctx)
        ? [{ html: `<span class="suppressed">${e(common.suppressedSegment(c.currentId!, min, seg.whySuppressed(c.currentId!)))}</span>`, span: 8 }]
        : [
            { html: name(c) },
            { html: e(changeIds(c)) },
            { html: e(fmt.integer(c.previousSize)), numeric: true },
            { html: e(fmt.integer(c.currentSize)), numeric: true },
            { html: e(fmt.percent(c.previousShare)), numeric: true },
            { html: e(fmt.percent(c.currentShare)), numeric: true },
            { html: e(fmt.signedPercent(c.relativeChange)), numeric: true },
            { html: status(c) },
          ],
    );
    const table = htmlTable(
      [
        { html: e(common.segmentHeader) },
        { html: e(t.idHeader) },
        { html: e(t.previousCustomers), numeric: true },
        { html: e(t.currentCustomers), numeric: true },
        { html: e(t.previousShare), numeric: true },
        { html: e(t.currentShare), numeric: true },
        { html: e(t.relativeChange), numeric: true },
        { html: e(t.statusHeader) },
      ],
      rows,
    );
    const asOf = changes.previousAsOf ? e(fmt.date(changes.previousAsOf)) : null;
    return `<p class="lead">${t.changesIntro(`<code>${e(changes.previousRunId)}</code>`, asOf, changes.idsKept)}</p>
${table}
${ctx.figure('fig-changes')}
<p class="note">${e(t.matchRule(fmt.number(changes.matchMaxDistance)))}</p>
<p class="note">${e(SIZE_ALERT_TEXTS[data.locale].alertRule(fmt.percent(changes.alertThreshold, 0)))}</p>
<p class="note">${e(driftNote(ctx))}</p>`;
  },

  markdown(ctx) {
    const { data, t, common, fmt, seg } = ctx;
    const changes = data.changes;
    if (!changes || foldedIntoDrift(ctx)) return null;
    const min = fmt.integer(data.personas.minGroupSize);
    const name = (c: SizeChange): string => {
      const own = c.currentId !== null && seg.isShown(c.currentId) ? seg.name(c.currentId) : changeName(c, common);
      return m(c.renamedFrom ? common.renamedName(own, c.renamedFrom) : own);
    };
    const table = markdownTable(
      [common.segmentHeader, t.idHeader, t.previousCustomers, t.currentCustomers, t.previousShare, t.currentShare, t.relativeChange, t.statusHeader].map(m),
      changes.segments
        .filter((c) => !hidden(c, ctx))
        .map((c) => [
          name(c),
          m(changeIds(c)),
          m(fmt.integer(c.previousSize)),
          m(fmt.integer(c.currentSize)),
          m(fmt.percent(c.previousShare)),
          m(fmt.percent(c.currentShare)),
          m(fmt.signedPercent(c.relativeChange)),
          m(statusWord(c.status, ctx)) + (c.alert ? ` **${m(t.alertBadge)}**` : ''),
        ]),
      [false, false, true, true, true, true, true, false],
    );
    const hiddenRows = changes.segments.filter((c) => hidden(c, ctx)).map((c) => `- *${m(common.suppressedSegment(c.currentId!, min, seg.whySuppressed(c.currentId!)))}*`);
    return [
      m(t.changesIntro(changes.previousRunId, changes.previousAsOf ? fmt.date(changes.previousAsOf) : null, changes.idsKept)),
      table + (hiddenRows.length ? `\n\n${hiddenRows.join('\n')}` : ''),
      m(t.matchRule(fmt.number(changes.matchMaxDistance))),
      m(SIZE_ALERT_TEXTS[data.locale].alertRule(fmt.percent(changes.alertThreshold, 0))),
      m(driftNote(ctx)),
      ctx.chartsInHtml(),
    ].join('\n\n');
  },
});
