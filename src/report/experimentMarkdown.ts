import { assertUnreachable } from '../core/assertUnreachable';
import type { Locale } from '../core/Locale';
import type { EffectEstimate, ExperimentResult, Verdict } from '../experiments/ExperimentResult';
import type { ExperimentPlan, SurveySize } from '../experiments/planExperiment';
import { escapeMarkdown } from './escapeMarkdown';
import { localTexts } from './localTexts';
import { markdownTable } from './markdownTable';

const EN = {
  title: (name: string) => `Experiment ${name}`,
  intro: (treatment: string, control: string, metric: string, alpha: string, correction: string) =>
    `${treatment} against ${control}, ${metric}; significance at ${alpha}, segments corrected with ${correction}.`,
  conversion: 'conversion rate',
  revenue: 'revenue per customer',
  warnings: 'Warnings',
  overall: 'All customers',
  segments: 'Per segment',
  h0: 'Segment',
  h1: 'Customers (treatment / control)',
  h2: 'Treatment',
  h3: 'Control',
  h4: 'Difference (interval)',
  h5: 'Relative lift (interval)',
  h6: 'p (adjusted)',
  h7: 'Reading',
  h8: 'Recommendation',
  significant: 'significant',
  notSignificant: 'not significant',
  tooSmallReading: (needed: number) => `too small: needs ${needed} per variant`,
  vRollOut: 'roll out',
  vStop: 'stop',
  vKeepTesting: 'keep testing',
  vTooSmall: 'do not test here yet',
  heterogeneity: (p: string, q: string) => `Does the effect differ between segments? Cochran's Q = ${q}, p = ${p}.`,
  differs: 'Yes: the segments respond differently, so a per-segment rollout is a finding.',
  same: 'No evidence that it does: read one effect for every tested segment, not "it works there only".',
  secondary: 'Secondary checks',
  chi: (s: string, p: string) => `chi-square (Yates) ${s}, p = ${p}`,
  mw: (p: string) => `Mann–Whitney p = ${p}`,
  boot: (lo: string, hi: string) => `bootstrap interval ${lo} to ${hi}`,
  cuped: (d: string, lo: string, hi: string, r: string) => `CUPED ${d} (${lo} to ${hi}), variance −${r}`,
  srm: (p: string) => `Sample ratio check: p = ${p}.`,
  planTitle: 'Sample size',
  p0: 'Test',
  p1: 'Baseline',
  p2: 'Minimum effect (relative)',
  p3: 'Significance / power',
  p4: 'Treatment',
  p5: 'Control',
  p6: 'Total',
  p7: 'Days',
  surveyTitle: 'Survey size',
  surveyLine: (n: number, margin: string, level: string, pop: string) => `${n} respondents for ±${margin} at ${level}${pop}.`,
};

const FR: typeof EN = {
  title: (name) => `Expérience ${name}`,
  intro: (treatment, control, metric, alpha, correction) => `${treatment} contre ${control}, ${metric} ; seuil de signification ${alpha}, segments corrigés par ${correction}.`,
  conversion: 'taux de conversion',
  revenue: 'chiffre d’affaires par client',
  warnings: 'Avertissements',
  overall: 'Tous les clients',
  segments: 'Par segment',
  h0: 'Segment',
  h1: 'Clients (test / témoin)',
  h2: 'Test',
  h3: 'Témoin',
  h4: 'Différence (intervalle)',
  h5: 'Hausse relative (intervalle)',
  h6: 'p (ajusté)',
  h7: 'Lecture',
  h8: 'Recommandation',
  significant: 'significatif',
  notSignificant: 'non significatif',
  tooSmallReading: (needed) => `trop petit : il faut ${needed} clients par variante`,
  vRollOut: 'généraliser',
  vStop: 'arrêter',
  vKeepTesting: 'continuer le test',
  vTooSmall: 'ne pas tester ici pour l’instant',
  heterogeneity: (p, q) => `L’effet diffère-t-il entre segments ? Q de Cochran = ${q}, p = ${p}.`,
  differs: 'Oui : les segments réagissent différemment, un déploiement par segment est donc fondé.',
  same: 'Rien ne l’indique : lire un seul effet pour tous les segments testés, pas « cela ne marche que là ».',
  secondary: 'Contrôles secondaires',
  chi: (s, p) => `khi-deux (Yates) ${s}, p = ${p}`,
  mw: (p) => `Mann–Whitney p = ${p}`,
  boot: (lo, hi) => `intervalle bootstrap ${lo} à ${hi}`,
  cuped: (d, lo, hi, r) => `CUPED ${d} (${lo} à ${hi}), variance −${r}`,
  srm: (p) => `Contrôle de répartition : p = ${p}.`,
  planTitle: 'Taille d’échantillon',
  p0: 'Test',
  p1: 'Référence',
  p2: 'Effet minimal (relatif)',
  p3: 'Seuil / puissance',
  p4: 'Test',
  p5: 'Témoin',
  p6: 'Total',
  p7: 'Jours',
  surveyTitle: 'Taille d’enquête',
  surveyLine: (n, margin, level, pop) => `${n} répondants pour ±${margin} à ${level}${pop}.`,
};

const TEXTS = localTexts(EN, FR);

const pct = (v: number, digits = 1) => `${(v * 100).toFixed(digits)}%`;
const pValue = (p: number) => (!Number.isFinite(p) ? '–' : p < 0.0001 ? p.toExponential(1) : p.toFixed(4));

/** An experiment's analysis as Markdown, in English or French: overall and per-segment effects, readings in words, warnings. */
export function experimentMarkdown(result: ExperimentResult, locale: Locale = 'en'): string {
  const t = TEXTS[locale];
  const m = escapeMarkdown;
  const conv = result.metric === 'conversion';
  const value = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : conv ? pct(v) : v.toFixed(2));
  const diff = (v: number) => (!Number.isFinite(v) ? '–' : conv ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} pts` : `${v >= 0 ? '+' : ''}${v.toFixed(2)}`);
  const row = (e: EffectEstimate): string[] => {
    const tooSmall = e.verdict === 'too-small';
    return [
      m(e.segment ?? t.overall),
      `${e.treatment.customers} / ${e.control.customers}`,
      value(conv ? e.treatment.rate : e.treatment.mean),
      value(conv ? e.control.rate : e.control.mean),
      tooSmall ? '–' : `${diff(e.difference)} (${diff(e.interval.low)} … ${diff(e.interval.high)})`,
      tooSmall ? '–' : `${pct(e.relativeLift)} (${pct(e.liftInterval.low)} … ${pct(e.liftInterval.high)})`,
      tooSmall ? '–' : `${pValue(e.pValue)} (${pValue(e.adjustedPValue)})`,
      tooSmall ? t.tooSmallReading(e.neededPerVariant ?? result.minPerVariant) : e.significant ? t.significant : t.notSignificant,
      verdictText(t, e.verdict),
    ];
  };
  const numeric = [false, true, true, true, true, true, true, false, false];
  const secondary = (e: EffectEstimate): string[] => {
    const parts: string[] = [];
    if (e.chiSquare) parts.push(t.chi(e.chiSquare.statistic.toFixed(2), pValue(e.chiSquare.pValue)));
    if (e.mannWhitney) parts.push(t.mw(pValue(e.mannWhitney.pValue)));
    if (e.bootstrap) parts.push(t.boot(diff(e.bootstrap.low), diff(e.bootstrap.high)));
    if (e.cuped) parts.push(t.cuped(diff(e.cuped.difference), diff(e.cuped.interval.low), diff(e.cuped.interval.high), pct(e.cuped.varianceReduction, 0)));
    return parts.length ? [`- ${m(e.segment ?? t.overall)}: ${parts.join('; ')}`] : [];
  };
  const lines = [
    `# ${t.title(m(result.experiment))}`,
    '',
    t.intro(m(result.treatment), m(result.control), conv ? t.conversion : t.revenue, pct(result.alpha, 0), correctionName(result.correction)),
    '',
    ...(result.warnings.length ? [`## ${t.warnings}`, '', ...result.warnings.map((w) => `- ${m(w)}`), ''] : []),
    `## ${t.overall}`,
    '',
    markdownTable(headers(t), [row(result.overall)], numeric),
    '',
    t.srm(pValue(result.srm.pValue)),
    '',
    ...(result.segments.length ? [`## ${t.segments}`, '', markdownTable(headers(t), result.segments.map(row), numeric), ''] : []),
    ...(result.heterogeneity ? [t.heterogeneity(pValue(result.heterogeneity.pValue), result.heterogeneity.q.toFixed(2)), result.heterogeneity.pValue < result.alpha ? t.differs : t.same, ''] : []),
    `## ${t.secondary}`,
    '',
    ...[result.overall, ...result.segments.filter((e) => e.verdict !== 'too-small')].flatMap(secondary),
    '',
  ];
  return lines.join('\n');
}

type T = (typeof TEXTS)['en'];

function headers(t: T): string[] {
  return [t.h0, t.h1, t.h2, t.h3, t.h4, t.h5, t.h6, t.h7, t.h8];
}

function verdictText(t: T, v: Verdict): string {
  switch (v) {
    case 'roll-out':
      return t.vRollOut;
    case 'stop':
      return t.vStop;
    case 'keep-testing':
      return t.vKeepTesting;
    case 'too-small':
      return t.vTooSmall;
    default:
      return assertUnreachable(v);
  }
}

function correctionName(c: ExperimentResult['correction']): string {
  switch (c) {
    case 'holm':
      return 'Holm';
    case 'benjamini-hochberg':
      return 'Benjamini–Hochberg';
    case 'none':
      return '–';
    default:
      return assertUnreachable(c);
  }
}

/** A sample-size plan as a Markdown table. */
export function planMarkdown(plan: ExperimentPlan, baseline: number, locale: Locale = 'en'): string {
  const t = TEXTS[locale];
  const prop = plan.metric === 'proportion';
  const v = (x: number) => (prop ? pct(x, 2) : x.toFixed(2));
  return [
    `## ${t.planTitle}`,
    '',
    markdownTable(
      [t.p0, t.p1, t.p2, t.p3, t.p4, t.p5, t.p6, t.p7],
      [[plan.test, v(baseline), `${prop ? `${(plan.minimumEffect * 100).toFixed(2)} pts` : plan.minimumEffect.toFixed(3)} (${pct(plan.relativeEffect)})`, `${pct(plan.alpha, 0)} / ${pct(plan.power, 0)}`, String(plan.treatment), String(plan.control), String(plan.total), plan.days === undefined ? '–' : String(plan.days)]],
      [false, true, true, true, true, true, true, true],
    ),
    '',
  ].join('\n');
}

/** A survey size as one Markdown line. */
export function surveyMarkdown(s: SurveySize, locale: Locale = 'en'): string {
  const t = TEXTS[locale];
  const pop = s.population === undefined ? '' : locale === 'fr' ? ` sur ${s.population} clients` : ` out of ${s.population} customers`;
  return [`## ${t.surveyTitle}`, '', t.surveyLine(s.respondents, pct(s.margin, 0), pct(s.level, 0), pop), ''].join('\n');
}
