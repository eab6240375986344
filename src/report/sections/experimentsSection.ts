import { escapeHtml } from '../../core/escapeHtml';
import type { ExperimentSummary, ExperimentSummaryEstimate } from '../../experiments/experimentSummarySchema';
import { defineSection, type SectionContext } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { htmlTable } from '../htmlTable';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';

const TEXTS = localTexts(
  {
    title: 'Experiments',
    intro: (name: string, treatment: string, control: string, metric: string) => `${name}: ${treatment} against ${control}, ${metric}.`,
    conversion: 'conversion rate',
    revenue: 'revenue per customer',
    allCustomers: 'All customers in the test',
    segmentHeader: 'Segment',
    customersHeader: 'Customers (test / control)',
    differenceHeader: 'Difference (95% interval)',
    liftHeader: 'Relative lift (interval)',
    readingHeader: 'Reading',
    actionHeader: 'Recommendation',
    significant: (p: string) => `significant (p = ${p})`,
    notSignificant: (p: string) => `not significant (p = ${p})`,
    tooSmall: (n: string) => `too few customers: ${n} per variant needed`,
    suppressed: (min: string) => `fewer than ${min} customers: not shown`,
    rollOut: 'roll out',
    stop: 'stop',
    keepTesting: 'keep testing',
    notYet: 'do not test here yet',
    differs: (p: string) => `The segments respond differently (p = ${p}): a rollout per segment is a finding.`,
    same: (p: string) => `No evidence that the segments respond differently (p = ${p}): read one effect for every tested segment.`,
    points: 'pts',
  },
  {
    title: 'Expériences',
    intro: (name, treatment, control, metric) => `${name} : ${treatment} contre ${control}, ${metric}.`,
    conversion: 'taux de conversion',
    revenue: 'chiffre d’affaires par client',
    allCustomers: 'Tous les clients du test',
    segmentHeader: 'Segment',
    customersHeader: 'Clients (test / témoin)',
    differenceHeader: 'Différence (intervalle à 95 %)',
    liftHeader: 'Hausse relative (intervalle)',
    readingHeader: 'Lecture',
    actionHeader: 'Recommandation',
    significant: (p) => `significatif (p = ${p})`,
    notSignificant: (p) => `non significatif (p = ${p})`,
    tooSmall: (n) => `trop peu de clients : il en faut ${n} par variante`,
    suppressed: (min) => `moins de ${min} clients : non affiché`,
    rollOut: 'généraliser',
    stop: 'arrêter',
    keepTesting: 'continuer le test',
    notYet: 'ne pas tester ici pour l’instant',
    differs: (p) => `Les segments réagissent différemment (p = ${p}) : un déploiement par segment est fondé.`,
    same: (p) => `Rien n’indique que les segments réagissent différemment (p = ${p}) : lire un seul effet pour tous les segments testés.`,
    points: 'pts',
  },
);

type Ctx = SectionContext<(typeof TEXTS)['en']>;

/** One row of an experiment's table as plain text cells, or null when the group is too small to show (GDPR). */
function cells(ctx: Ctx, x: ExperimentSummary, e: ExperimentSummaryEstimate): string[] {
  const { t, fmt, data } = ctx;
  const min = data.personas.minGroupSize;
  const name = e.segment ?? t.allCustomers;
  const customers = `${fmt.integer(e.treatment.customers)} / ${fmt.integer(e.control.customers)}`;
  if (Math.min(e.treatment.customers, e.control.customers) < min) return [name, '–', '–', '–', t.suppressed(fmt.integer(min)), '–'];
  const conv = x.metric === 'conversion';
  const amount = (v: number | null) => (v === null ? '–' : conv ? `${fmt.signed(v * 100, 1)} ${t.points}` : fmt.signed(v, 2));
  const pct = (v: number | null) => (v === null ? '–' : fmt.percent(v));
  const p = (v: number | null) => (v === null ? '–' : v < 0.001 ? '< 0.001' : fmt.number(v, 3));
  if (e.verdict === 'too-small') return [name, customers, '–', '–', t.tooSmall(fmt.integer(e.neededPerVariant ?? 0)), t.notYet];
  return [
    name,
    customers,
    `${amount(e.difference)} (${amount(e.interval.low)} … ${amount(e.interval.high)})`,
    `${pct(e.relativeLift)} (${pct(e.liftInterval.low)} … ${pct(e.liftInterval.high)})`,
    e.significant ? t.significant(p(e.adjustedPValue)) : t.notSignificant(p(e.adjustedPValue)),
    e.verdict === 'roll-out' ? t.rollOut : e.verdict === 'stop' ? t.stop : t.keepTesting,
  ];
}

function headers(t: Ctx['t']): string[] {
  return [t.segmentHeader, t.customersHeader, t.differenceHeader, t.liftHeader, t.readingHeader, t.actionHeader];
}

function heterogeneity(ctx: Ctx, x: ExperimentSummary): string | null {
  if (!x.heterogeneity) return null;
  const p = x.heterogeneity.pValue < 0.001 ? '< 0.001' : ctx.fmt.number(x.heterogeneity.pValue, 3);
  return x.heterogeneity.pValue < x.alpha ? ctx.t.differs(p) : ctx.t.same(p);
}

const NUMERIC = [false, true, true, true, false, false];

/** The experiments the run config (report.experiments) or `seglab report --experiment` gave: per segment, lift with interval, reading and recommendation. */
export const experimentsSection = defineSection({
  id: 'experiments',
  texts: TEXTS,

  html(ctx) {
    const list = ctx.data.experiments ?? [];
    if (!list.length) return null;
    const e = escapeHtml;
    return list
      .map((x) => {
        const rows = [x.overall, ...x.segments].map((est) => cells(ctx, x, est));
        const table = htmlTable(
          headers(ctx.t).map((h, i) => ({ html: e(h), numeric: NUMERIC[i]! })),
          rows.map((r) => r.map((c, i) => ({ html: e(c), numeric: NUMERIC[i]! }))),
        );
        const het = heterogeneity(ctx, x);
        return [`<h3>${e(x.experiment)}</h3>`, `<p class="lead">${e(ctx.t.intro(x.experiment, x.treatment, x.control, x.metric === 'conversion' ? ctx.t.conversion : ctx.t.revenue))}</p>`, table, het ? `<p>${e(het)}</p>` : '', ...x.warnings.map((w) => `<p class="note">${e(w)}</p>`)].join('\n');
      })
      .join('\n');
  },

  markdown(ctx) {
    const list = ctx.data.experiments ?? [];
    if (!list.length) return null;
    const m = escapeMarkdown;
    return list
      .map((x) => {
        const table = markdownTable(headers(ctx.t).map(m), [x.overall, ...x.segments].map((est) => cells(ctx, x, est).map(m)), NUMERIC);
        const het = heterogeneity(ctx, x);
        return [`### ${m(x.experiment)}`, m(ctx.t.intro(x.experiment, x.treatment, x.control, x.metric === 'conversion' ? ctx.t.conversion : ctx.t.revenue)), table, ...(het ? [m(het)] : []), ...x.warnings.map((w) => `*${m(w)}*`)].join('\n\n');
      })
      .join('\n\n');
  },
});
