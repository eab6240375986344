import { escapeHtml } from '../../core/escapeHtml';
import { barChart } from '../../viz/barChart';
import { lineChart } from '../../viz/lineChart';
import { roundSig } from '../../viz/roundSig';
import { defineSection } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { htmlTable } from '../htmlTable';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';

const TEXTS = localTexts(
  {
    title: 'Who is likely to act next',
    intro: (label: string, family: string, validation: string, rows: string, base: string) =>
      `The model predicts “${label}” for every customer (${family}). It was checked on ${rows} customers it did not learn from (${validation}); ${base} of them had the outcome.`,
    validationName: (v: string): string => (v === 'out-of-time' ? 'trained on earlier quarters, tested on the latest' : 'cross-validation'),
    familyName: (f: string): string => (({ 'logistic-regression': 'logistic regression', 'hist-gradient-boosting': 'gradient-boosted trees', 'random-forest': 'random forest', mlp: 'neural network' }) as Record<string, string>)[f] ?? f,
    chosenAuto: (v: string): string => (v === 'out-of-time' ? 'chosen automatically as the best on the test period' : 'chosen automatically as the best in cross-validation'),
    quality: (auc: string, low: string, high: string) => `Ranking quality (ROC AUC): ${auc} (95% interval ${low}–${high}; 0.5 is a coin toss, 1 is perfect).`,
    budget: (share: string, precision: string, recall: string) => `Contacting the top ${share} of customers by score reaches ${recall} of those with the outcome; ${precision} of the contacted have it.`,
    budgetTied: (budget: string, share: string, precision: string, recall: string) =>
      `The contact budget is the top ${budget} of customers by score, but customers tied on the score at the threshold are contacted all or none, and the whole tied group would pass the budget: so the top ${share} are contacted. They include ${recall} of those with the outcome; ${precision} of the contacted have it.`,
    noBudget: 'More customers share the top score than the contact budget allows, so no threshold picks a top group within it.',
    segmentsTitle: 'By segment',
    segmentHeader: 'Segment',
    customersHeader: 'Customers',
    meanRisk: 'Mean risk',
    meanPropensity: 'Mean propensity',
    expectedHeader: 'Expected number',
    driversHeader: 'Main drivers',
    liftFigure: 'Outcome rate by score decile (1 = highest scores)',
    liftX: 'Score decile',
    liftY: 'Outcome rate',
    calibrationFigure: 'Predicted against observed',
    calibrationX: 'Mean predicted probability',
    calibrationY: 'Observed rate',
    observedSeries: 'Observed',
    perfectSeries: 'Perfect calibration',
    driversTitle: 'What drives the score',
    driverHeader: 'Input',
    importanceHeader: 'Importance (drop in AUC when shuffled)',
    calibrationNote: (ece: string) => `Probabilities are off by ${ece} on average (expected calibration error).`,
  },
  {
    title: 'Qui va probablement agir',
    intro: (label, family, validation, rows, base) =>
      `Le modèle prédit « ${label} » pour chaque client (${family}). Il a été vérifié sur ${rows} clients qu’il n’a pas appris (${validation}) ; ${base} d’entre eux ont eu l’évènement.`,
    validationName: (v) => (v === 'out-of-time' ? 'appris sur les trimestres précédents, testé sur le dernier' : 'validation croisée'),
    familyName: (f) => (({ 'logistic-regression': 'régression logistique', 'hist-gradient-boosting': 'arbres boostés', 'random-forest': 'forêt aléatoire', mlp: 'réseau de neurones' }) as Record<string, string>)[f] ?? f,
    chosenAuto: (v) => (v === 'out-of-time' ? 'choisi automatiquement comme le meilleur sur la période de test' : 'choisi automatiquement comme le meilleur en validation croisée'),
    quality: (auc, low, high) => `Qualité du classement (AUC ROC) : ${auc} (intervalle à 95 % ${low}–${high} ; 0,5 = pile ou face, 1 = parfait).`,
    budget: (share, precision, recall) => `Contacter les ${share} de clients au score le plus élevé touche ${recall} de ceux qui ont l’évènement ; ${precision} des contactés l’ont.`,
    budgetTied: (budget, share, precision, recall) =>
      `Le budget de contact est de ${budget} des clients au score le plus élevé, mais les clients à égalité de score au seuil sont contactés tous ou aucun, et tout ce groupe à égalité dépasserait le budget : ce sont donc les ${share} de tête qui sont contactés. Ils comptent ${recall} de ceux qui ont l’évènement ; ${precision} des contactés l’ont.`,
    noBudget: 'Plus de clients partagent le score le plus élevé que le budget de contact n’en permet : aucun seuil ne choisit un groupe de tête qui y tienne.',
    segmentsTitle: 'Par segment',
    segmentHeader: 'Segment',
    customersHeader: 'Clients',
    meanRisk: 'Risque moyen',
    meanPropensity: 'Propension moyenne',
    expectedHeader: 'Nombre attendu',
    driversHeader: 'Principaux facteurs',
    liftFigure: 'Taux par décile de score (1 = scores les plus élevés)',
    liftX: 'Décile de score',
    liftY: 'Taux',
    calibrationFigure: 'Prédit et observé',
    calibrationX: 'Probabilité prédite moyenne',
    calibrationY: 'Taux observé',
    observedSeries: 'Observé',
    perfectSeries: 'Calibration parfaite',
    driversTitle: 'Ce qui fait le score',
    driverHeader: 'Variable',
    importanceHeader: 'Importance (baisse de l’AUC une fois mélangée)',
    calibrationNote: (ece) => `Les probabilités s’écartent en moyenne de ${ece} (erreur de calibration attendue).`,
  },
);

const e = escapeHtml;
const m = escapeMarkdown;

/** The churn / propensity model: quality with intervals, lift and calibration, drivers, and the score per shown segment. */
export const predictionSection = defineSection({
  id: 'prediction',
  texts: TEXTS,

  figures({ data, t }) {
    const p = data.prediction;
    if (!p) return [];
    return [
      { id: 'fig-lift', figure: barChart(p.lift.map((d) => String(d.decile)), p.lift.map((d) => roundSig(d.rate)), { title: t.liftFigure, xTitle: t.liftX, yTitle: t.liftY, percent: true }) },
      {
        id: 'fig-calibration',
        figure: calibrationFigure(p.calibration, t),
      },
    ];
  },

  html(ctx) {
    const p = ctx.data.prediction;
    if (!p) return null;
    const { t, fmt, seg } = ctx;
    const family = t.familyName(p.family) + (p.chosenBy === 'auto' ? `, ${t.chosenAuto(p.validation)}` : '');
    const rows = p.segments.filter((s) => seg.isShown(s.id));
    const numeric = [false, true, true, true, false];
    const table = htmlTable(
      [t.segmentHeader, t.customersHeader, p.isRisk ? t.meanRisk : t.meanPropensity, t.expectedHeader, t.driversHeader].map((h, i) => ({ html: e(h), numeric: numeric[i]! })),
      rows.map((s) => [{ html: ctx.segmentName(s.id) }, { html: e(fmt.integer(s.customers)), numeric: true }, { html: e(fmt.percent(s.meanScore)), numeric: true }, { html: e(fmt.integer(Math.round(s.expected))), numeric: true }, { html: e(s.drivers.join(', ')) }]),
    );
    const drivers = htmlTable(
      [{ html: e(t.driverHeader) }, { html: e(t.importanceHeader), numeric: true }],
      p.drivers.map((d) => [{ html: e(d.label) }, { html: e(`${fmt.number(d.importance, 3)} ± ${fmt.number(d.sd, 3)}`), numeric: true }]),
    );
    return [
      `<p class="lead">${e(t.intro(p.label[ctx.data.locale], family, t.validationName(p.validation), fmt.integer(p.evaluatedRows), fmt.percent(p.baseRate)))}</p>`,
      `<p>${e(qualityText(ctx))} ${e(budgetText(ctx))}</p>`,
      `<h3>${e(t.segmentsTitle)}</h3>${table}${ctx.suppressed()}`,
      ctx.figure('fig-lift'),
      ctx.figure('fig-calibration'),
      `<p class="note">${e(t.calibrationNote(fmt.percent(p.expectedCalibrationError, 1)))}</p>`,
      `<h3>${e(t.driversTitle)}</h3>${drivers}`,
    ].join('\n');
  },

  markdown(ctx) {
    const p = ctx.data.prediction;
    if (!p) return null;
    const { t, fmt, seg } = ctx;
    const family = t.familyName(p.family) + (p.chosenBy === 'auto' ? `, ${t.chosenAuto(p.validation)}` : '');
    const table = markdownTable(
      [t.segmentHeader, t.customersHeader, p.isRisk ? t.meanRisk : t.meanPropensity, t.expectedHeader, t.driversHeader].map(m),
      p.segments.filter((s) => seg.isShown(s.id)).map((s) => [m(seg.name(s.id)), m(fmt.integer(s.customers)), m(fmt.percent(s.meanScore)), m(fmt.integer(Math.round(s.expected))), m(s.drivers.join(', '))]),
      [false, true, true, true, false],
    );
    const drivers = markdownTable([m(t.driverHeader), m(t.importanceHeader)], p.drivers.map((d) => [m(d.label), m(`${fmt.number(d.importance, 3)} ± ${fmt.number(d.sd, 3)}`)]), [false, true]);
    return [
      m(t.intro(p.label[ctx.data.locale], family, t.validationName(p.validation), fmt.integer(p.evaluatedRows), fmt.percent(p.baseRate))),
      `${m(qualityText(ctx))} ${m(budgetText(ctx))}`,
      `### ${m(t.segmentsTitle)}\n\n${table}${ctx.suppressed()}`,
      m(t.calibrationNote(fmt.percent(p.expectedCalibrationError, 1))),
      `### ${m(t.driversTitle)}\n\n${drivers}`,
      ctx.chartsInHtml(),
    ].join('\n\n');
  },
});

type Ctx = Parameters<Parameters<typeof defineSection>[0]['markdown']>[0];

function qualityText(ctx: { t: (typeof TEXTS)['en']; fmt: Ctx['fmt']; data: Ctx['data'] }): string {
  const auc = ctx.data.prediction!.metrics.rocAuc;
  return ctx.t.quality(ctx.fmt.number(auc.estimate, 3), ctx.fmt.number(auc.low, 3), ctx.fmt.number(auc.high, 3));
}

function budgetText(ctx: { t: (typeof TEXTS)['en']; fmt: Ctx['fmt']; data: Ctx['data'] }): string {
  const b = ctx.data.prediction!.budget;
  if (b.fraction === 0) return ctx.t.noBudget;
  // A whole customer or more short of the budget: a tied group at the threshold was left out (chooseThreshold never splits ties).
  if ((b.share - b.fraction) * ctx.data.prediction!.evaluatedRows >= 1 - 1e-9) return ctx.t.budgetTied(ctx.fmt.percent(b.share), ctx.fmt.percent(b.fraction, 1), ctx.fmt.percent(b.precision), ctx.fmt.percent(b.recall));
  return ctx.t.budget(ctx.fmt.percent(b.fraction), ctx.fmt.percent(b.precision), ctx.fmt.percent(b.recall));
}

function calibrationFigure(bins: readonly { meanPredicted: number; observed: number }[], t: (typeof TEXTS)['en']) {
  const fig = lineChart(
    bins.map((b) => roundSig(b.meanPredicted)),
    { [t.observedSeries]: bins.map((b) => roundSig(b.observed)) },
    { title: t.calibrationFigure, xTitle: t.calibrationX, yTitle: t.calibrationY },
  );
  const top = Math.max(1e-9, ...bins.map((b) => Math.max(b.meanPredicted, b.observed)));
  fig.data.push({ type: 'scatter', mode: 'lines', name: t.perfectSeries, x: [0, roundSig(top)], y: [0, roundSig(top)], line: { dash: 'dot', color: '#888' }, hoverinfo: 'skip' });
  (fig.layout.xaxis as Record<string, unknown>).dtick = undefined;
  fig.layout.showlegend = true;
  return fig;
}
