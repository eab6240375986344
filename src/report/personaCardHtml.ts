import { escapeHtml } from '../core/escapeHtml';
import type { SegmentPersona } from '../personas/PersonaResult';
import { htmlTable } from './htmlTable';
import type { ReportStrings } from './i18n';
import type { ReportFormatter } from './reportFormatter';

/** Rows in the persona's trait tables: the chart shows the same numeric ones. */
const NUMERIC_ROWS = 8;
const CATEGORICAL_ROWS = 5;

export interface PersonaCardContext {
  t: ReportStrings;
  fmt: ReportFormatter;
  /** The segment's colour in every figure. */
  color: string;
  /** Significance level of the categorical tests. */
  alpha: number;
  /** The trait chart's HTML (empty when the segment has no numeric trait). */
  figureHtml: string;
}

/** One persona as a card: who they are, how they behave, risks, actions with reasons, and the traits behind it. */
export function personaCardHtml(s: SegmentPersona, ctx: PersonaCardContext): string {
  const { t, fmt } = ctx;
  const e = escapeHtml;
  const profile = (
    [
      [t.who, s.card.who],
      [t.behaviour, s.card.behaviour],
      [t.values, s.card.values],
      [t.channel, s.card.channel],
      [t.timing, s.card.timing],
    ] as const
  )
    .filter(([, text]) => text)
    .map(([label, text]) => `<dt>${e(label)}</dt><dd>${e(text)}</dd>`)
    .join('');
  const risks = s.card.risks.length ? `<ul class="risks">${s.card.risks.map((r) => `<li>${e(r)}</li>`).join('')}</ul>` : `<p class="note">${e(t.noRisks)}</p>`;
  const actions = s.card.actions.length
    ? `<ol class="actions">${s.card.actions
        .map((a) => `<li><strong>${e(a.title)}</strong> — ${e(a.description)}<div class="why"><b>${e(t.why)}</b> ${e(a.reason)}</div></li>`)
        .join('')}</ol>`
    : `<p class="note">${e(s.card.actionsNote ?? t.noActions)}</p>`;
  return `<article class="persona" id="segment-${s.id}" style="--seg:${ctx.color}">
<header><span class="dot"></span><h3>${e(s.name)}</h3><span class="pill">${e(t.ofCustomers(fmt.percent(s.share)))}</span><span class="pill">${e(t.customersCount(fmt.integer(s.size)))}</span>${s.renamedFrom ? `<span class="pill renamed">${e(t.renamedFrom(s.renamedFrom))}</span>` : ''}</header>
${s.card.tagline ? `<p class="tagline">${e(s.card.tagline)}</p>` : ''}
${s.card.apart ? `<p class="apart">${e(s.card.apart)}</p>` : ''}
<div class="persona-grid">
<div><dl class="profile">${profile}</dl></div>
<div><h4>${e(t.risks)}</h4>${risks}<h4>${e(t.actions)}</h4>${actions}</div>
</div>
<h4>${e(t.topTraits)}</h4>
${traitsHtml(s, ctx)}
</article>`;
}

function traitsHtml(s: SegmentPersona, ctx: PersonaCardContext): string {
  const { t, fmt } = ctx;
  const e = escapeHtml;
  const numeric = s.traits.numeric.slice(0, NUMERIC_ROWS);
  const categorical = s.traits.categorical.slice(0, CATEGORICAL_ROWS);
  if (!numeric.length && !categorical.length) return `<p class="note">${e(t.noTraits)}</p>`;
  const numericTable = numeric.length
    ? htmlTable(
        [
          { html: e(t.traitHeader) },
          { html: e(t.segmentAverage), numeric: true },
          { html: e(t.baseAverage), numeric: true },
          { html: e(t.stdDiffHeader), numeric: true },
          { html: e(t.traitCustomers), numeric: true },
        ],
        numeric.map((tr) => [
          { html: e(tr.label) },
          { html: e(fmt.feature(tr.unit, tr.segmentMean)), numeric: true },
          { html: e(fmt.feature(tr.unit, tr.baseMean)), numeric: true },
          { html: e(fmt.signed(tr.stdDiff)), numeric: true },
          // Older personas.json files have no count: show a dash rather than nothing.
          { html: e(fmt.integer(tr.customers ?? null)), numeric: true },
        ]),
        { className: 'data compact' },
      ) + `<p class="note">${e(t.stdDiffExplained)}</p>`
    : '';
  const categoricalTable = categorical.length
    ? htmlTable(
        [{ html: e(t.traitHeader) }, { html: e(t.valueHeader) }, { html: e(t.segmentShareHeader), numeric: true }, { html: e(t.baseShareHeader), numeric: true }, { html: e(t.liftHeader), numeric: true }],
        categorical.map((c) => [
          { html: e(c.label) },
          { html: e(c.valueLabel ?? c.value) },
          { html: e(fmt.percent(c.segmentShare)), numeric: true },
          { html: e(fmt.percent(c.baseShare)), numeric: true },
          { html: e(fmt.lift(c.lift)), numeric: true },
        ]),
        { className: 'data compact' },
      ) + `<p class="note">${e(t.categoricalExplained(fmt.number(ctx.alpha, 2)))}</p>`
    : '';
  const tables = numericTable && categoricalTable ? `<div class="grid-2"><div>${numericTable}</div><div>${categoricalTable}</div></div>` : numericTable || categoricalTable;
  return `${tables}${ctx.figureHtml}`;
}
