import { escapeHtml } from '../../core/escapeHtml';
import type { SegmentPersona } from '../../personas/PersonaResult';
import { traitBarFigure } from '../../viz/traitBarFigure';
import { defineSection, type HtmlSectionContext, type MarkdownSectionContext } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { htmlTable } from '../htmlTable';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';

const TEXTS = localTexts(
  {
    title: 'Personas',
    ofCustomers: (share: string) => `${share} of customers`,
    customersCount: (n: string) => `${n} customers`,
    who: 'Who they are',
    behaviour: 'How they buy',
    values: 'What they are worth',
    channel: 'Channels',
    timing: 'Timing',
    risks: 'Risks',
    actions: 'Recommended actions',
    why: 'Why:',
    topTraits: 'Distinctive traits',
    noRisks: 'No particular risk flagged.',
    noActions: 'No action recommended.',
    traitHeader: 'Feature',
    segmentAverage: 'Segment average',
    baseAverage: 'All customers',
    stdDiffHeader: 'Difference',
    traitCustomers: 'Customers with a value',
    valueHeader: 'Value',
    segmentShareHeader: 'In segment',
    baseShareHeader: 'All customers',
    liftHeader: 'Lift',
    traitBarFigure: 'Top traits, difference from all customers',
    stdDiffAxis: 'standard deviations',
    stdDiffExplained:
      'Difference is counted in standard deviations from the whole customer base: +1.0 means one standard deviation above the average customer, −1.0 one below; beyond ±0.5 the difference is clear.',
    categoricalExplained: (alpha: string) => `Values over-represented in the segment; lift 2.0 means twice as common as among all customers (chi-square test, Bonferroni-adjusted, significance level ${alpha}).`,
    noTraits: 'No distinctive trait found.',
  },
  {
    title: 'Personas',
    ofCustomers: (share) => `${share} des clients`,
    customersCount: (n) => `${n} clients`,
    who: 'Qui sont-ils ?',
    behaviour: 'Comment achètent-ils ?',
    values: 'Ce qu’ils rapportent',
    channel: 'Canaux',
    timing: 'Moments d’achat',
    risks: 'Risques',
    actions: 'Actions recommandées',
    why: 'Pourquoi :',
    topTraits: 'Traits distinctifs',
    noRisks: 'Aucun risque particulier signalé.',
    noActions: 'Aucune action recommandée.',
    traitHeader: 'Caractéristique',
    segmentAverage: 'Moyenne du segment',
    baseAverage: 'Ensemble des clients',
    stdDiffHeader: 'Écart',
    traitCustomers: 'Clients avec une valeur',
    valueHeader: 'Valeur',
    segmentShareHeader: 'Dans le segment',
    baseShareHeader: 'Ensemble des clients',
    liftHeader: 'Indice',
    traitBarFigure: 'Principaux traits, écart à l’ensemble des clients',
    stdDiffAxis: 'écarts-types',
    stdDiffExplained:
      'L’écart se mesure en écarts-types par rapport à l’ensemble des clients : +1,0 signifie un écart-type au-dessus du client moyen, −1,0 un écart-type en dessous ; au-delà de ±0,5, la différence est nette.',
    categoricalExplained: (alpha) =>
      `Valeurs sur-représentées dans le segment ; un indice de 2,0 signifie deux fois plus fréquent que dans l’ensemble des clients (test du khi-deux avec correction de Bonferroni, seuil de signification ${alpha}).`,
    noTraits: 'Aucun trait distinctif trouvé.',
  },
);
type Words = (typeof TEXTS)['en'];

/** Numeric traits in a persona's chart and table, categorical ones in its table: enough to tell segments apart, few enough to read. */
const NUMERIC_ROWS = 8;
const CATEGORICAL_ROWS = 5;

const e = escapeHtml;
const m = escapeMarkdown;

/** Element id of a persona's trait chart (the HTML puts it inside the persona's card). */
export function personaFigureId(segmentId: number): string {
  return `fig-persona-${segmentId}`;
}

/** One card per shown segment: who they are, how they behave, risks, actions with reasons, and the traits behind it. */
export const personasSection = defineSection({
  id: 'personas',
  texts: TEXTS,

  figures({ t, seg }) {
    return seg.shown.map((s) => {
      const traits = s.traits.numeric.slice(0, NUMERIC_ROWS);
      return traits.length ? { id: personaFigureId(s.id), figure: traitBarFigure(traits, { title: t.traitBarFigure, xTitle: t.stdDiffAxis }) } : null;
    });
  },

  html(ctx) {
    return ctx.seg.shown.map((s) => cardHtml(s, ctx)).join('\n') + ctx.suppressed();
  },

  markdown(ctx) {
    return ctx.seg.shown.map((s) => cardMarkdown(s, ctx)).join('\n\n') + ctx.suppressed();
  },
});

function cardHtml(s: SegmentPersona, ctx: HtmlSectionContext<Words>): string {
  const { t, common, fmt } = ctx;
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
  return `<article class="persona" id="segment-${s.id}" style="--seg:${ctx.seg.color(s.id)}">
<header><span class="dot"></span><h3>${e(s.name)}</h3><span class="pill">${e(t.ofCustomers(fmt.percent(s.share)))}</span><span class="pill">${e(t.customersCount(fmt.integer(s.size)))}</span>${s.renamedFrom ? `<span class="pill renamed">${e(common.renamedFrom(s.renamedFrom))}</span>` : ''}</header>
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

function traitsHtml(s: SegmentPersona, ctx: HtmlSectionContext<Words>): string {
  const { t, fmt } = ctx;
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
          { html: e(fmt.byUnit(tr.unit, tr.segmentMean)), numeric: true },
          { html: e(fmt.byUnit(tr.unit, tr.baseMean)), numeric: true },
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
      ) + `<p class="note">${e(t.categoricalExplained(fmt.number(ctx.data.personas.alpha, 2)))}</p>`
    : '';
  const tables = numericTable && categoricalTable ? `<div class="grid-2"><div>${numericTable}</div><div>${categoricalTable}</div></div>` : numericTable || categoricalTable;
  return `${tables}${ctx.figure(personaFigureId(s.id))}`;
}

function cardMarkdown(s: SegmentPersona, ctx: MarkdownSectionContext<Words>): string {
  const { t, common, fmt } = ctx;
  const renamed = s.renamedFrom ? ` — ${m(common.renamedFrom(s.renamedFrom))}` : '';
  const lines = [`### ${m(s.name)}`, '', `${m(t.ofCustomers(fmt.percent(s.share)))} — ${m(t.customersCount(fmt.integer(s.size)))}${renamed}`];
  if (s.card.tagline) lines.push('', `*${m(s.card.tagline)}*`);
  if (s.card.apart) lines.push('', m(s.card.apart));
  lines.push('');
  for (const [label, text] of [
    [t.who, s.card.who],
    [t.behaviour, s.card.behaviour],
    [t.values, s.card.values],
    [t.channel, s.card.channel],
    [t.timing, s.card.timing],
  ] as const) {
    if (text) lines.push(`- **${m(label)}** ${m(text)}`);
  }
  lines.push('', `**${m(t.risks)}**`, '');
  lines.push(...(s.card.risks.length ? s.card.risks.map((r) => `- ${m(r)}`) : [m(t.noRisks)]));
  lines.push('', `**${m(t.actions)}**`, '');
  lines.push(...(s.card.actions.length ? s.card.actions.map((a, i) => `${i + 1}. **${m(a.title)}** — ${m(a.description)} *${m(t.why)}* ${m(a.reason)}`) : [m(s.card.actionsNote ?? t.noActions)]));
  lines.push('', `**${m(t.topTraits)}**`, '');
  const numeric = s.traits.numeric.slice(0, NUMERIC_ROWS);
  const categorical = s.traits.categorical.slice(0, CATEGORICAL_ROWS);
  if (!numeric.length && !categorical.length) lines.push(m(t.noTraits));
  if (numeric.length) {
    lines.push(
      markdownTable(
        [t.traitHeader, t.segmentAverage, t.baseAverage, t.stdDiffHeader].map(m),
        numeric.map((tr) => [m(tr.label), m(fmt.byUnit(tr.unit, tr.segmentMean)), m(fmt.byUnit(tr.unit, tr.baseMean)), m(fmt.signed(tr.stdDiff))]),
        [false, true, true, true],
      ),
      '',
      m(t.stdDiffExplained),
      '',
    );
  }
  if (categorical.length) {
    lines.push(
      markdownTable(
        [t.traitHeader, t.valueHeader, t.segmentShareHeader, t.baseShareHeader, t.liftHeader].map(m),
        categorical.map((c) => [m(c.label), m(c.valueLabel ?? c.value), m(fmt.percent(c.segmentShare)), m(fmt.percent(c.baseShare)), m(fmt.lift(c.lift))]),
        [false, false, true, true, true],
      ),
      '',
      m(t.categoricalExplained(fmt.number(ctx.data.personas.alpha, 2))),
    );
  }
  return lines.join('\n').trimEnd();
}
