import { assertUnreachable } from '../../core/assertUnreachable';
import { escapeHtml } from '../../core/escapeHtml';
import type { DriftReport, DriftTestName, FeatureDrift, KpiAlert, MigrationMatrix, ScoreDrift } from '../../drift/DriftResult';
import { distributionBarsFigure } from '../../viz/distributionBarsFigure';
import { migrationHeatmapFigure } from '../../viz/migrationHeatmapFigure';
import { sizeComparisonFigure } from '../../viz/sizeComparisonFigure';
import { defineSection, type SectionContext, type SectionFigure } from '../defineSection';
import { driftSegments, type DriftSegments } from '../driftSegments';
import { escapeMarkdown } from '../escapeMarkdown';
import { htmlTable } from '../htmlTable';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';
import { publishedDistribution, type PublishedDistribution } from '../publishedDistribution';
import { suppressSmallCells } from '../suppressSmallCells';

const FIGURE_WORDS_EN: Record<KpiAlert['figure'], string> = {
  size: 'number of customers',
  'revenue-share': 'share of revenue',
  aov: 'average order value',
  'churn-risk': 'churn risk',
  clv: 'customer lifetime value (CLV)',
};
const FIGURE_WORDS_FR: Record<KpiAlert['figure'], string> = {
  size: 'nombre de clients',
  'revenue-share': 'part du chiffre d’affaires',
  aov: 'panier moyen',
  'churn-risk': 'risque d’attrition',
  clv: 'valeur vie client (CLV)',
};
const TEST_WORDS_EN: Record<DriftTestName, string> = {
  ks: 'Kolmogorov-Smirnov',
  'chi-square': 'chi-square',
  'z-test': 'z-test of two proportions',
  psi: 'population stability index',
  'jensen-shannon': 'Jensen-Shannon distance',
  wasserstein: 'Wasserstein distance (in standard deviations)',
};
const TEST_WORDS_FR: Record<DriftTestName, string> = {
  ks: 'Kolmogorov-Smirnov',
  'chi-square': 'khi-deux',
  'z-test': 'test z de deux proportions',
  psi: 'indice de stabilité de population',
  'jensen-shannon': 'distance de Jensen-Shannon',
  wasserstein: 'distance de Wasserstein (en écarts-types)',
};

const TEXTS = localTexts(
  {
    title: 'What changed',
    intro: (referenceRun: string, referenceAsOf: string | null, currentAsOf: string | null) =>
      `Compared with run ${referenceRun}${referenceAsOf ? ` (data as of ${referenceAsOf})` : ''}${currentAsOf ? `; this run’s data are as of ${currentAsOf}` : ''}. Tests say whether a change is larger than chance would give, and an effect size how large it is.`,
    numbersKept: 'Segments are matched across the runs by their centres, as the cluster stage matches them, so a segment keeps its number.',
    numbersOwn:
      'Segments are matched across the runs by their centres, as the cluster stage matches them. This run was not clustered with the previous one (cluster.previous), so its segment numbers are its own: the size table gives both.',
    noDrift: (threshold: string) =>
      `No drift found between the two runs: no key figure moved by more than ${threshold}, the segment sizes changed no more than chance would explain, and no feature, score or rule drifted.`,
    whatMoved: 'What moved',
    movedAlerts: (n: string) => `key figures beyond the alert threshold: ${n}`,
    movedSizes: (p: string) => `the mix of segments changed (chi-square test, p ${p})`,
    movedFeatures: (names: string) => `customer features drifted: ${names}`,
    movedSegments: (names: string) => `segments whose customers changed: ${names}`,
    movedRules: 'the production rules need re-validation',
    movedScores: (names: string) => `scores drifted: ${names}`,

    alerts: 'Alerts',
    noAlerts: (threshold: string) => `No key figure moved by more than ${threshold} since the previous run.`,
    alertRule: (threshold: string) =>
      `Alert rule: a key figure (number of customers, share of revenue, average order value, churn risk, CLV; per segment and for all customers) that moves by more than ${threshold} relative to the previous run.`,
    alertUp: (who: string, figure: string, change: string, before: string, after: string) => `${who}: ${figure} up ${change} (${before} → ${after})`,
    alertDown: (who: string, figure: string, change: string, before: string, after: string) => `${who}: ${figure} down ${change} (${before} → ${after})`,
    allCustomers: 'All customers',
    figureName: (figure: string): string => FIGURE_WORDS_EN[figure as KpiAlert['figure']] ?? figure,

    sizesTitle: 'Segment sizes',
    sizeTest: (chi: string, df: string, p: string, changed: boolean) =>
      `A chi-square test of this run’s segment sizes against the previous run’s shares gives ${chi} with ${df} degrees of freedom, p ${p}: ${
        changed ? 'the mix of segments changed more than chance would explain (5% level).' : 'the differences are within what chance gives (5% level).'
      }`,
    sizeLargeBase: 'With many customers even a small change is significant: read each change with its interval.',
    customersBefore: 'Customers before',
    customersNow: 'Customers now',
    shareBefore: 'Share before',
    shareNow: 'Share now',
    shareChange: 'Change',
    intervalHeader: (level: string) => `${level} interval`,
    idHeader: 'Number (before → now)',
    status: 'Status',
    points: (value: string) => `${value} pts`,
    interval: (low: string, high: string) => `${low} to ${high}`,
    statusKept: 'kept',
    statusNew: 'new',
    statusGone: 'gone',
    alertBadge: 'alert',
    sizesFigure: 'Share of customers, previous and current run',
    previousRun: 'Previous run',
    currentRun: 'This run',

    migrationTitle: 'Where customers went',
    migrationStayed: (both: string, stayed: string, moved: string) => `Of the ${both} customers in a segment in both runs, ${stayed} stayed in theirs and ${moved} moved to another.`,
    migrationNew: (n: string, share: string) => `New customers: ${n} (${share} of this run).`,
    migrationLost: (n: string, share: string) => `Customers who left: ${n} (${share} of the previous run).`,
    migrationBack: (n: string, share: string) => `Came back (known before but in no segment then): ${n} (${share} of this run).`,
    fewCustomers: (min: string) => `fewer than ${min}`,
    biggestFlows: 'Biggest moves',
    flow: (share: string, from: string, n: string, to: string) => `${share} of ${from} (${n} customers) moved to ${to}`,
    noFlows: (min: string) => `No group of at least ${min} customers moved between two segments.`,
    migrationFigure: 'Where each segment’s customers are now',
    fromTitle: 'Previous run',
    toTitle: 'This run',
    customersWord: 'customers',
    newRow: 'New customers',
    cameBackRow: 'Came back',
    lostColumn: 'Left',
    fromHeader: 'Previous run → this run',
    migrationCells: (min: string) =>
      `Customers per segment of the previous run (rows) and of this run (columns). A blank cell is a group of fewer than ${min} customers, or one left blank so that such a group cannot be derived from the totals.`,

    featuresTitle: 'Customer features',
    featuresSummary: (drifted: string, compared: string, share: string, threshold: string, datasetDrift: boolean) =>
      `${drifted} of ${compared} features drifted (${share}); the data as a whole count as drifted when at least ${threshold} of the features do: ${datasetDrift ? 'they do' : 'they do not'}.`,
    featuresSample: (rows: string, seed: string) => `Compared on a random sample of ${rows} customers per run (seed ${seed}).`,
    featuresStable: (n: string) => `${n} other features did not drift.`,
    featureHeader: 'Feature',
    testHeader: 'Test',
    statisticHeader: 'Statistic',
    pValueHeader: 'p-value',
    thresholdHeader: 'Threshold',
    effectHeader: 'Effect size',
    biggestChangeHeader: 'Biggest change',
    missingHeader: 'Missing before → now',
    testName: (test: string): string => TEST_WORDS_EN[test as DriftTestName] ?? test,
    change: (bin: string, before: string, after: string) => `${bin}: ${before} → ${after}`,
    howToRead:
      'A p-value test (Kolmogorov-Smirnov, chi-square, z) flags a feature when its p-value is below the threshold; a distance (Wasserstein in standard deviations, Jensen-Shannon, PSI) when it reaches the threshold. The effect size beside every test says how large the change is, whatever the number of customers.',
    distributionFigure: (feature: string) => `${feature}: previous and current run`,
    moreFigures: (n: string) => `${n} more drifting features have no chart here; their numbers are in the table.`,

    segmentsTitle: 'Inside the segments',
    segmentsIntro:
      'Is each segment still the same kind of customer? Its members’ features compared between the runs, and how far its centre moved, in spreads (the typical distance of a member from its centre).',
    centreHeader: 'Centre moved',
    movedHeader: 'Features that drifted most (and the bin that moved most)',
    spreads: (value: string) => `${value} spreads`,
    none: 'none',
    segmentChange: (feature: string, bin: string, before: string, after: string) => `${feature}: ${bin} ${before} → ${after}`,
    andMore: (n: string) => `and ${n} more`,

    rulesTitle: 'Production rules',
    rulesSummary: (version: string, coverage: string, fallback: string, agreement: string) =>
      `Rule bundle ${version} on this run’s customers: its rules place ${coverage} of them (the fallback takes ${fallback}) and agree with this run’s segments for ${agreement}.`,
    rulesValidated: (fidelity: string, gate: string) => `It was validated with a fidelity of ${fidelity}; the gate is ${gate}.`,
    rulesNotValidated: (gate: string) => `No validated fidelity is recorded for it; the gate is ${gate}.`,
    rulesRevalidate: 'Re-validate the rules before the next export: they no longer meet their gate on this run’s customers.',
    rulesOk: 'The rules still meet their gate.',

    scoresTitle: 'Scores',
    scoresIntro: 'Each model score compared between the runs with the population stability index (PSI) on the previous run’s quantile bins.',
    scoreHeader: 'Score',
    psiHeader: 'PSI',
    driftedHeader: 'Drifted',
    yes: 'yes',
    no: 'no',
  },
  {
    title: 'Ce qui a changé',
    intro: (referenceRun, referenceAsOf, currentAsOf) =>
      `Comparaison avec l’analyse ${referenceRun}${referenceAsOf ? ` (données arrêtées au ${referenceAsOf})` : ''}${currentAsOf ? ` ; les données de cette analyse sont arrêtées au ${currentAsOf}` : ''}. Les tests disent si un changement dépasse ce que le hasard donnerait, et une taille d’effet quelle est son ampleur.`,
    numbersKept: 'Les segments sont appariés d’une analyse à l’autre par leurs centres, comme le fait l’étape de segmentation : un segment garde son numéro.',
    numbersOwn:
      'Les segments sont appariés d’une analyse à l’autre par leurs centres, comme le fait l’étape de segmentation. Cette analyse n’a pas été segmentée avec la précédente (cluster.previous) : ses numéros de segment lui sont propres, le tableau des tailles donne les deux.',
    noDrift: (threshold) =>
      `Aucune dérive entre les deux analyses : aucun indicateur clé n’a varié de plus de ${threshold}, la taille des segments n’a pas changé plus que le hasard ne l’expliquerait, et aucune variable, aucun score ni aucune règle n’a dérivé.`,
    whatMoved: 'Ce qui a bougé',
    movedAlerts: (n) => `indicateurs clés au-delà du seuil d’alerte : ${n}`,
    movedSizes: (p) => `la répartition entre segments a changé (test du khi-deux, p ${p})`,
    movedFeatures: (names) => `variables clients en dérive : ${names}`,
    movedSegments: (names) => `segments dont les clients ont changé : ${names}`,
    movedRules: 'les règles de production doivent être revalidées',
    movedScores: (names) => `scores en dérive : ${names}`,

    alerts: 'Alertes',
    noAlerts: (threshold) => `Aucun indicateur clé n’a varié de plus de ${threshold} depuis l’analyse précédente.`,
    alertRule: (threshold) =>
      `Règle d’alerte : un indicateur clé (nombre de clients, part du chiffre d’affaires, panier moyen, risque d’attrition, CLV ; par segment et pour l’ensemble des clients) qui varie de plus de ${threshold} par rapport à l’analyse précédente.`,
    alertUp: (who, figure, change, before, after) => `${who} : ${figure} en hausse de ${change} (${before} → ${after})`,
    alertDown: (who, figure, change, before, after) => `${who} : ${figure} en baisse de ${change} (${before} → ${after})`,
    allCustomers: 'Ensemble des clients',
    figureName: (figure) => FIGURE_WORDS_FR[figure as KpiAlert['figure']] ?? figure,

    sizesTitle: 'Taille des segments',
    sizeTest: (chi, df, p, changed) =>
      `Un test du khi-deux des tailles de segments de cette analyse contre les parts de l’analyse précédente donne ${chi} pour ${df} degrés de liberté, p ${p} : ${
        changed ? 'la répartition entre segments a changé plus que le hasard ne l’expliquerait (seuil de 5 %).' : 'les écarts restent dans ce que donne le hasard (seuil de 5 %).'
      }`,
    sizeLargeBase: 'Avec beaucoup de clients, même un petit changement est significatif : lisez chaque variation avec son intervalle.',
    customersBefore: 'Clients avant',
    customersNow: 'Clients maintenant',
    shareBefore: 'Part avant',
    shareNow: 'Part maintenant',
    shareChange: 'Variation',
    intervalHeader: (level) => `Intervalle à ${level}`,
    idHeader: 'Numéro (avant → maintenant)',
    status: 'Statut',
    points: (value) => `${value} pts`,
    interval: (low, high) => `${low} à ${high}`,
    statusKept: 'conservé',
    statusNew: 'nouveau',
    statusGone: 'disparu',
    alertBadge: 'alerte',
    sizesFigure: 'Part des clients, analyse précédente et actuelle',
    previousRun: 'Analyse précédente',
    currentRun: 'Cette analyse',

    migrationTitle: 'Où sont allés les clients',
    migrationStayed: (both, stayed, moved) => `Sur les ${both} clients présents dans un segment lors des deux analyses, ${stayed} sont restés dans le leur et ${moved} ont changé de segment.`,
    migrationNew: (n, share) => `Nouveaux clients : ${n} (${share} de cette analyse).`,
    migrationLost: (n, share) => `Clients partis : ${n} (${share} de l’analyse précédente).`,
    migrationBack: (n, share) => `Revenus (connus avant mais alors dans aucun segment) : ${n} (${share} de cette analyse).`,
    fewCustomers: (min) => `moins de ${min}`,
    biggestFlows: 'Principaux mouvements',
    flow: (share, from, n, to) => `${share} des ${from} (${n} clients) sont passés à ${to}`,
    noFlows: (min) => `Aucun groupe d’au moins ${min} clients n’est passé d’un segment à un autre.`,
    migrationFigure: 'Où se trouvent aujourd’hui les clients de chaque segment',
    fromTitle: 'Analyse précédente',
    toTitle: 'Cette analyse',
    customersWord: 'clients',
    newRow: 'Nouveaux clients',
    cameBackRow: 'Revenus',
    lostColumn: 'Partis',
    fromHeader: 'Analyse précédente → cette analyse',
    migrationCells: (min) =>
      `Clients par segment de l’analyse précédente (lignes) et de cette analyse (colonnes). Une case vide est un groupe de moins de ${min} clients, ou une case laissée vide pour qu’un tel groupe ne puisse pas être déduit des totaux.`,

    featuresTitle: 'Variables clients',
    featuresSummary: (drifted, compared, share, threshold, datasetDrift) =>
      `${drifted} variables sur ${compared} ont dérivé (${share}) ; les données dans leur ensemble sont considérées en dérive quand au moins ${threshold} des variables le sont : ${datasetDrift ? 'c’est le cas' : 'ce n’est pas le cas'}.`,
    featuresSample: (rows, seed) => `Comparaison sur un échantillon aléatoire de ${rows} clients par analyse (graine ${seed}).`,
    featuresStable: (n) => `${n} autres variables n’ont pas dérivé.`,
    featureHeader: 'Variable',
    testHeader: 'Test',
    statisticHeader: 'Statistique',
    pValueHeader: 'p-valeur',
    thresholdHeader: 'Seuil',
    effectHeader: 'Taille d’effet',
    biggestChangeHeader: 'Plus forte variation',
    missingHeader: 'Manquants avant → maintenant',
    testName: (test) => TEST_WORDS_FR[test as DriftTestName] ?? test,
    change: (bin, before, after) => `${bin} : ${before} → ${after}`,
    howToRead:
      'Un test à p-valeur (Kolmogorov-Smirnov, khi-deux, z) signale une variable quand sa p-valeur est sous le seuil ; une distance (Wasserstein en écarts-types, Jensen-Shannon, PSI) quand elle atteint le seuil. La taille d’effet donnée à côté de chaque test dit l’ampleur du changement, quel que soit le nombre de clients.',
    distributionFigure: (feature) => `${feature} : analyse précédente et actuelle`,
    moreFigures: (n) => `${n} autres variables en dérive n’ont pas de graphique ici ; leurs chiffres sont dans le tableau.`,

    segmentsTitle: 'À l’intérieur des segments',
    segmentsIntro:
      'Chaque segment regroupe-t-il encore le même type de clients ? Les variables de ses membres comparées d’une analyse à l’autre, et le déplacement de son centre, en dispersions (la distance typique d’un membre à son centre).',
    centreHeader: 'Déplacement du centre',
    movedHeader: 'Variables les plus en dérive (et la tranche qui a le plus bougé)',
    spreads: (value) => `${value} dispersions`,
    none: 'aucune',
    segmentChange: (feature, bin, before, after) => `${feature} : ${bin} ${before} → ${after}`,
    andMore: (n) => `et ${n} autres`,

    rulesTitle: 'Règles de production',
    rulesSummary: (version, coverage, fallback, agreement) =>
      `Jeu de règles ${version} appliqué aux clients de cette analyse : ses règles en classent ${coverage} (la règle par défaut prend ${fallback}) et concordent avec les segments de cette analyse pour ${agreement}.`,
    rulesValidated: (fidelity, gate) => `Il a été validé avec une fidélité de ${fidelity} ; le seuil est de ${gate}.`,
    rulesNotValidated: (gate) => `Aucune fidélité validée n’est enregistrée ; le seuil est de ${gate}.`,
    rulesRevalidate: 'Revalidez les règles avant le prochain export : elles ne respectent plus leur seuil sur les clients de cette analyse.',
    rulesOk: 'Les règles respectent toujours leur seuil.',

    scoresTitle: 'Scores',
    scoresIntro: 'Chaque score de modèle comparé d’une analyse à l’autre par l’indice de stabilité de population (PSI), sur les quantiles de l’analyse précédente.',
    scoreHeader: 'Score',
    psiHeader: 'PSI',
    driftedHeader: 'En dérive',
    yes: 'oui',
    no: 'non',
  },
);

type T = (typeof TEXTS)['en'];
type Ctx = SectionContext<T>;

/** The size test's level: "changed" when its p-value is below it. */
const SIZE_ALPHA = 0.05;
/** Before/after charts drawn at most; the rest of the drifting features are in the table. */
const MAX_FEATURE_FIGURES = 12;
/** Drifted features named per segment: numeric ones, and categories or flags (a segment's members drift on many at once). */
const SEGMENT_NUMERIC = 4;
const SEGMENT_OTHER = 3;

/** A table cell: text (escaped by the renderer), a shown current segment (its name with its colour), a note after it (e.g. "renamed from …"), a badge. */
interface Cell {
  text: string;
  segment?: number;
  note?: string;
  badge?: string;
}

/** The section as blocks, so HTML and Markdown say exactly the same things. */
type Block =
  | { kind: 'p'; text: string; cls?: 'lead' | 'note' }
  | { kind: 'h3'; text: string }
  | { kind: 'callout'; tone: 'alerts' | 'calm' | 'info'; title?: string; text?: string; items?: string[]; note?: string }
  | { kind: 'list'; title?: string; items: string[] }
  | { kind: 'table'; headers: string[]; numeric: boolean[]; rows: Cell[][] }
  | { kind: 'figures'; ids: string[] }
  | { kind: 'hidden'; items: string[] };

const e = escapeHtml;
const m = escapeMarkdown;

/** p-values as readers compare them: "< 0.001", else "= 0.042". */
function pText(p: number, ctx: Ctx): string {
  return p < 0.001 ? `< ${ctx.fmt.number(0.001, 3)}` : `= ${ctx.fmt.number(p, 3)}`;
}

/** A statistic with about three significant digits. */
function stat(v: number, ctx: Ctx): string {
  const a = Math.abs(v);
  return ctx.fmt.number(v, a < 1 ? 3 : a < 10 ? 2 : a < 100 ? 1 : 0);
}

/** A count that is not published below the minimum group size (0 is published: it says nothing about anyone). */
function countWords(n: number, ctx: Ctx): string {
  const min = ctx.data.personas.minGroupSize;
  return n > 0 && n < min ? ctx.t.fewCustomers(ctx.fmt.integer(min)) : ctx.fmt.integer(n);
}

/** A feature's name for readers: its label (the run's feature labels, else the personas' traits) and the column. */
function featureLabel(column: string, ctx: Ctx): string {
  const known = ctx.data.featureLabels?.[column];
  if (known !== undefined) return known !== column ? `${known} (${column})` : column;
  for (const s of ctx.seg.shown) {
    const t = s.traits.numeric.find((x) => x.feature === column) ?? s.traits.categorical.find((x) => x.feature === column);
    if (t && t.label && t.label !== column) return `${t.label} (${column})`;
  }
  return column;
}

/** A feature's distribution as the review may print it (bins of fewer than minGroupSize customers blank). */
function published(f: FeatureDrift, ctx: Ctx): PublishedDistribution {
  return publishedDistribution(f.distribution, f.referenceRows, f.currentRows, ctx.data.personas.minGroupSize);
}

/** The published bin whose share moved most (−1 when none is published on both sides). */
function biggestBin(d: PublishedDistribution): number {
  let best = -1;
  let move = -1;
  for (let i = 0; i < d.bins.length; i++) {
    const r = d.reference[i];
    const c = d.current[i];
    if (r === null || c === null || r === undefined || c === undefined) continue;
    if (Math.abs(c - r) > move) [best, move] = [i, Math.abs(c - r)];
  }
  return best;
}

/** The published bin whose share moved most, in words ("mobile: 35% → 48%"); null when none is published. */
function biggestChange(d: PublishedDistribution, ctx: Ctx): string | null {
  const i = biggestBin(d);
  return i < 0 ? null : ctx.t.change(d.bins[i]!, ctx.fmt.percent(d.reference[i]!), ctx.fmt.percent(d.current[i]!));
}

/** A feature's label alone (the column when none is known): short, for lists. */
function shortLabel(column: string, ctx: Ctx): string {
  const known = ctx.data.featureLabels?.[column];
  if (known !== undefined) return known;
  for (const s of ctx.seg.shown) {
    const t = s.traits.numeric.find((x) => x.feature === column) ?? s.traits.categorical.find((x) => x.feature === column);
    if (t?.label) return t.label;
  }
  return column;
}

/**
 * A segment's drifted features worth a reader's line: the numeric ones with the largest normed Wasserstein
 * distance and the others (categories, flags) with the largest Jensen-Shannon distance, each ranked on its own
 * scale; the rest are counted.
 */
function segmentHighlights(features: readonly FeatureDrift[]): { top: FeatureDrift[]; more: number } {
  const drifted = features.filter((f) => f.drifted).sort((a, b) => b.effectSize - a.effectSize);
  const numeric = drifted.filter((f) => f.kind === 'numeric').slice(0, SEGMENT_NUMERIC);
  const other = drifted.filter((f) => f.kind !== 'numeric').slice(0, SEGMENT_OTHER);
  return { top: [...numeric, ...other], more: drifted.length - numeric.length - other.length };
}

/** A score's distribution as the review may print it: its shares are of each run's customers. */
function scorePublished(s: ScoreDrift, drift: DriftReport, ctx: Ctx): PublishedDistribution {
  // Each run's customers: the migration's totals, else the size shift's, else this review's base.
  const sum = (key: 'referenceCustomers' | 'currentCustomers') => (drift.sizeShift ? drift.sizeShift.segments.reduce((a, r) => a + r[key], 0) : null);
  const rows = (side: 'reference' | 'current'): number =>
    side === 'reference'
      ? (drift.migration?.totalReference ?? sum('referenceCustomers') ?? ctx.data.personas.base.customers)
      : (drift.migration?.totalCurrent ?? sum('currentCustomers') ?? ctx.data.personas.base.customers);
  return publishedDistribution(s.distribution, rows('reference'), rows('current'), ctx.data.personas.minGroupSize);
}

function drifting(drift: DriftReport): FeatureDrift[] {
  return drift.features.features.filter((f) => f.drifted).sort((a, b) => b.effectSize - a.effectSize);
}

function alertText(a: KpiAlert, ds: DriftSegments, ctx: Ctx): string | null {
  const { t, fmt } = ctx;
  const min = ctx.data.personas.minGroupSize;
  // A figure of a hidden segment, or of a shown one whose previous partner is hidden, is not published.
  if (a.segmentId !== null && (ds.currentHidden(a.segmentId) || ds.partnerHidden(a.segmentId))) return null;
  const value = (v: number): string => {
    switch (a.figure) {
      case 'size':
        return fmt.integer(v);
      case 'revenue-share':
      case 'churn-risk':
        return fmt.percent(v);
      case 'aov':
      case 'clv':
        return fmt.money(v);
      default:
        return assertUnreachable(a.figure, 'alert figure');
    }
  };
  // A count of a small group is never printed, even in an alert.
  if (a.figure === 'size' && [a.reference, a.current].some((v) => v > 0 && v < min)) return null;
  const who = a.segmentId === null ? t.allCustomers : ds.currentName(a.segmentId);
  const change = fmt.percent(Math.abs(a.relativeChange), 0);
  return (a.relativeChange < 0 ? t.alertDown : t.alertUp)(who, t.figureName(a.figure), change, value(a.reference), value(a.current));
}

/** Rows and columns of the migration as published: segments, then new customers and those who came back; columns end with those who left. */
interface MigrationView {
  /** referenceId null: the new customers' or the came-back row. */
  rows: { label: string; total: number; referenceId: number | null }[];
  columns: { label: string; currentId: number | null }[];
  cells: (number | null)[][];
}

function migrationView(mg: MigrationMatrix, ds: DriftSegments, ctx: Ctx): MigrationView {
  const { t } = ctx;
  const min = ctx.data.personas.minGroupSize;
  const nCur = mg.currentIds.length;
  const full: number[][] = mg.referenceIds.map((_, i) => [...(mg.counts[i] ?? []), mg.lostCustomers[i] ?? 0]);
  const rows = mg.referenceIds.map((id, i) => ({ label: ds.referenceName(id), total: full[i]!.reduce((a, b) => a + b, 0), referenceId: id as number | null, hidden: ds.referenceHidden(id) }));
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  full.push([...mg.newCustomers, 0]);
  rows.push({ label: t.newRow, total: sum(mg.newCustomers), referenceId: null, hidden: false });
  if (sum(mg.cameBack) > 0) {
    full.push([...mg.cameBack, 0]);
    rows.push({ label: t.cameBackRow, total: sum(mg.cameBack), referenceId: null, hidden: false });
  }
  const columns = [...mg.currentIds.map((id) => ({ label: ds.currentName(id), currentId: id as number | null, hidden: ds.currentHidden(id) })), { label: t.lostColumn, currentId: null, hidden: false }];
  const cells = suppressSmallCells(full, min, (i, j) => rows[i]!.hidden || columns[j]!.hidden);
  // Lines wholly hidden are left out (their segments are listed as not shown); the rest keep their positions.
  const keepRow = rows.map((r, i) => !r.hidden && cells[i]!.some((c) => c !== null));
  const keepColumn = columns.map((c, j) => !c.hidden && (j === nCur || cells.some((r) => r[j] !== null)));
  return {
    rows: rows.filter((_, i) => keepRow[i]).map(({ label, total, referenceId }) => ({ label, total, referenceId })),
    columns: columns.filter((_, j) => keepColumn[j]).map(({ label, currentId }) => ({ label, currentId })),
    cells: cells.filter((_, i) => keepRow[i]).map((r) => r.filter((_, j) => keepColumn[j])),
  };
}

/** Everything the section says, in order: alerts, verdict, sizes, migration, features, inside segments, rules, scores. */
function blocks(ctx: Ctx, drift: DriftReport): Block[] {
  const { t, fmt } = ctx;
  const ds = driftSegments(drift, ctx);
  const threshold = fmt.percent(drift.alertThreshold, 0);
  const out: Block[] = [];
  const numbersOwn = (drift.sizeShift?.segments ?? []).some((r) => r.referenceId !== null && r.currentId !== null && r.referenceId !== r.currentId);
  const intro = t.intro(drift.referenceRunId, drift.referenceAsOf ? fmt.date(drift.referenceAsOf) : null, drift.currentAsOf ? fmt.date(drift.currentAsOf) : null);
  out.push({ kind: 'p', cls: 'lead', text: `${intro} ${numbersOwn ? t.numbersOwn : t.numbersKept}` });

  // Alerts first: the users' 15% rule, in words.
  const alerts = drift.alerts.map((a) => alertText(a, ds, ctx)).filter((x): x is string => x !== null);
  out.push(
    alerts.length
      ? { kind: 'callout', tone: 'alerts', title: t.alerts, items: alerts, note: t.alertRule(threshold) }
      : { kind: 'callout', tone: 'calm', text: t.noAlerts(threshold), note: t.alertRule(threshold) },
  );

  // The verdict: what moved, or no drift at all.
  const movedFeatures = drifting(drift);
  const shownSegmentDrift = drift.segments.filter((s) => !ds.referenceHidden(s.referenceId) && !ds.currentHidden(s.currentId));
  const movedSegments = shownSegmentDrift.filter((s) => s.features.driftedColumns > 0);
  const movedScores = drift.scores.filter((s) => s.drifted);
  const sizesChanged = drift.sizeShift !== null && drift.sizeShift.pValue < SIZE_ALPHA;
  const moved = [
    ...(alerts.length ? [t.movedAlerts(fmt.integer(alerts.length))] : []),
    ...(sizesChanged ? [t.movedSizes(pText(drift.sizeShift!.pValue, ctx))] : []),
    ...(movedFeatures.length ? [t.movedFeatures(movedFeatures.map((f) => featureLabel(f.column, ctx)).join(', '))] : []),
    ...(movedSegments.length ? [t.movedSegments(movedSegments.map((s) => ds.currentName(s.currentId)).join(', '))] : []),
    ...(drift.rules?.needsRevalidation ? [t.movedRules] : []),
    ...(movedScores.length ? [t.movedScores(movedScores.map((s) => s.column).join(', '))] : []),
  ];
  out.push(moved.length ? { kind: 'callout', tone: 'info', title: t.whatMoved, items: moved } : { kind: 'callout', tone: 'calm', text: t.noDrift(threshold) });

  if (drift.sizeShift) out.push(...sizeBlocks(ctx, drift, ds));
  if (drift.migration) out.push(...migrationBlocks(ctx, drift.migration, ds));
  out.push(...featureBlocks(ctx, drift, movedFeatures));
  if (shownSegmentDrift.length) {
    out.push({ kind: 'h3', text: t.segmentsTitle }, { kind: 'p', text: t.segmentsIntro });
    out.push({
      kind: 'table',
      headers: [ctx.common.segmentHeader, t.centreHeader, t.movedHeader],
      numeric: [false, true, false],
      rows: [...shownSegmentDrift]
        .sort((a, b) => b.centreDistance - a.centreDistance)
        .map((s) => {
          const { top, more } = segmentHighlights(s.features.features);
          const items = top.map((f) => {
            const d = published(f, ctx);
            const i = biggestBin(d);
            return i < 0 ? shortLabel(f.column, ctx) : t.segmentChange(shortLabel(f.column, ctx), d.bins[i]!, fmt.percent(d.reference[i]!), fmt.percent(d.current[i]!));
          });
          if (more > 0) items.push(t.andMore(fmt.integer(more)));
          return [segmentCell(s.currentId, ds, ctx), { text: t.spreads(fmt.number(s.centreDistance, 2)) }, { text: items.length ? items.join('; ') : t.none }];
        }),
    });
  }
  if (drift.rules) {
    const r = drift.rules;
    out.push({ kind: 'h3', text: t.rulesTitle }, { kind: 'p', text: t.rulesSummary(r.bundleVersion, fmt.percent(r.coverage), fmt.percent(r.fallbackShare), fmt.percent(r.agreement)) });
    out.push({ kind: 'p', cls: 'note', text: r.validatedFidelity === null ? t.rulesNotValidated(fmt.percent(r.fidelityGate)) : t.rulesValidated(fmt.percent(r.validatedFidelity), fmt.percent(r.fidelityGate)) });
    out.push(r.needsRevalidation ? { kind: 'callout', tone: 'alerts', text: t.rulesRevalidate } : { kind: 'callout', tone: 'calm', text: t.rulesOk });
  }
  if (drift.scores.length) {
    out.push({ kind: 'h3', text: t.scoresTitle }, { kind: 'p', text: t.scoresIntro });
    out.push({
      kind: 'table',
      headers: [t.scoreHeader, t.psiHeader, t.thresholdHeader, t.biggestChangeHeader, t.driftedHeader],
      numeric: [false, true, true, false, false],
      rows: drift.scores.map((s) => [{ text: s.column }, { text: stat(s.psi, ctx) }, { text: stat(s.threshold, ctx) }, { text: biggestChange(scorePublished(s, drift, ctx), ctx) ?? '–' }, s.drifted ? { text: t.yes, badge: t.alertBadge } : { text: t.no }]),
    });
    if (movedScores.length) out.push({ kind: 'figures', ids: movedScores.map((_, i) => `fig-drift-score-${i}`) });
  }
  const hidden = ds.notes();
  if (hidden.length) out.push({ kind: 'hidden', items: hidden });
  return out;
}

/** A current segment's cell: its coloured name when shown. */
function segmentCell(id: number, ds: DriftSegments, ctx: Ctx): Cell {
  return ctx.seg.isShown(id) ? { text: ds.currentName(id), segment: id } : { text: ds.currentName(id) };
}

function sizeBlocks(ctx: Ctx, drift: DriftReport, ds: DriftSegments): Block[] {
  const { t, fmt } = ctx;
  const s = drift.sizeShift!;
  const changed = s.pValue < SIZE_ALPHA;
  const out: Block[] = [{ kind: 'h3', text: t.sizesTitle }, { kind: 'p', text: t.sizeTest(`χ² = ${stat(s.chiSquare, ctx)}`, fmt.integer(s.degreesOfFreedom), pText(s.pValue, ctx), changed) }];
  if (changed) out.push({ kind: 'p', cls: 'note', text: t.sizeLargeBase });
  const sizeAlert = new Set(drift.alerts.filter((a) => a.figure === 'size' && a.segmentId !== null).map((a) => a.segmentId));
  const points = (v: number) => t.points(fmt.signed(v * 100, 1));
  const rows = shownSizes(drift, ds);
  // Runs not clustered together number their segments each their own way: then both numbers are shown.
  const idsDiffer = rows.some((r) => r.referenceId !== null && r.currentId !== null && r.referenceId !== r.currentId);
  const ids = (r: (typeof rows)[number]): Cell[] => (idsDiffer ? [{ text: r.referenceId === r.currentId ? String(r.currentId) : `${r.referenceId ?? '–'} → ${r.currentId ?? '–'}` }] : []);
  // A segment renamed since the previous run says so (the review's own comparison knows the earlier name).
  const renamed = new Map((ctx.data.changes?.segments ?? []).filter((c) => c.currentId !== null && c.renamedFrom).map((c) => [c.currentId!, c.renamedFrom!]));
  const named = (id: number): Cell => {
    const cell = segmentCell(id, ds, ctx);
    const from = ctx.seg.isShown(id) ? renamed.get(id) : undefined;
    return from ? { ...cell, note: ctx.common.renamedFrom(from) } : cell;
  };
  out.push({
    kind: 'table',
    headers: [ctx.common.segmentHeader, ...(idsDiffer ? [t.idHeader] : []), t.customersBefore, t.customersNow, t.shareBefore, t.shareNow, t.shareChange, t.intervalHeader(fmt.percent(s.segments[0]?.shareChangeInterval.level ?? 0.95, 0)), t.status],
    numeric: [false, ...(idsDiffer ? [false] : []), true, true, true, true, true, true, false],
    rows: rows.map((r) => [
      r.currentId !== null ? named(r.currentId) : { text: ds.referenceName(r.referenceId!) },
      ...ids(r),
      { text: r.referenceId === null ? '–' : fmt.integer(r.referenceCustomers) },
      { text: r.currentId === null ? '–' : fmt.integer(r.currentCustomers) },
      { text: r.referenceId === null ? '–' : fmt.percent(r.referenceShare) },
      { text: r.currentId === null ? '–' : fmt.percent(r.currentShare) },
      { text: points(r.shareChange) },
      { text: t.interval(points(r.shareChangeInterval.low), points(r.shareChangeInterval.high)) },
      {
        text: r.referenceId === null ? t.statusNew : r.currentId === null ? t.statusGone : t.statusKept,
        ...(r.currentId !== null && sizeAlert.has(r.currentId) ? { badge: t.alertBadge } : {}),
      },
    ]),
  });
  out.push({ kind: 'figures', ids: ['fig-drift-sizes'] });
  return out;
}

/** The size rows the review may print: neither side a hidden segment. */
function shownSizes(drift: DriftReport, ds: DriftSegments): NonNullable<DriftReport['sizeShift']>['segments'] {
  return (drift.sizeShift?.segments ?? []).filter((r) => !(r.currentId !== null && ds.currentHidden(r.currentId)) && !(r.referenceId !== null && ds.referenceHidden(r.referenceId)));
}

function migrationBlocks(ctx: Ctx, mg: MigrationMatrix, ds: DriftSegments): Block[] {
  const { t, fmt } = ctx;
  const min = ctx.data.personas.minGroupSize;
  const both = mg.stayed + mg.moved;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const newN = sum(mg.newCustomers);
  const lostN = sum(mg.lostCustomers);
  const backN = sum(mg.cameBack);
  const share = (n: number, of: number) => (of > 0 ? fmt.percent(n / of) : '–');
  const out: Block[] = [
    { kind: 'h3', text: t.migrationTitle },
    {
      kind: 'p',
      text: [
        t.migrationStayed(countWords(both, ctx), share(mg.stayed, both), share(mg.moved, both)),
        t.migrationNew(countWords(newN, ctx), share(newN, mg.totalCurrent)),
        t.migrationLost(countWords(lostN, ctx), share(lostN, mg.totalReference)),
        ...(backN > 0 ? [t.migrationBack(countWords(backN, ctx), share(backN, mg.totalCurrent))] : []),
      ].join(' '),
    },
  ];
  // The biggest flows between shown segments, each a group of at least minGroupSize customers.
  const view = migrationView(mg, ds, ctx);
  const published = new Set<string>();
  mg.referenceIds.forEach((rid, i) =>
    mg.currentIds.forEach((cid, j) => {
      const c = mg.counts[i]?.[j] ?? 0;
      if (!ds.referenceHidden(rid) && !ds.currentHidden(cid) && c >= min) published.add(`${rid}:${cid}`);
    }),
  );
  // A flow is published only where its cell survived secondary suppression too.
  const cellShown = (rid: number, cid: number): boolean => {
    const r = view.rows.findIndex((x) => x.referenceId === rid);
    const c = view.columns.findIndex((x) => x.currentId === cid);
    return r >= 0 && c >= 0 && view.cells[r]![c] !== null;
  };
  const flows = mg.biggestFlows.filter((f) => published.has(`${f.fromId}:${f.toId}`) && cellShown(f.fromId, f.toId)).slice(0, 5);
  out.push({
    kind: 'list',
    title: t.biggestFlows,
    items: flows.length ? flows.map((f) => t.flow(fmt.percent(f.shareOfFrom), ds.referenceName(f.fromId), fmt.integer(f.customers), ds.currentName(f.toId))) : [t.noFlows(fmt.integer(min))],
  });
  out.push({ kind: 'figures', ids: ['fig-drift-migration'] });
  out.push({ kind: 'p', cls: 'note', text: t.migrationCells(fmt.integer(min)) });
  return out;
}

function featureBlocks(ctx: Ctx, drift: DriftReport, moved: FeatureDrift[]): Block[] {
  const { t, fmt } = ctx;
  const f = drift.features;
  if (!f.features.length) return [];
  const out: Block[] = [
    { kind: 'h3', text: t.featuresTitle },
    { kind: 'p', text: t.featuresSummary(fmt.integer(f.driftedColumns), fmt.integer(f.features.length), fmt.percent(f.driftedShare), fmt.percent(f.datasetDriftShare, 0), f.datasetDrift) },
  ];
  if (f.sample) out.push({ kind: 'p', cls: 'note', text: t.featuresSample(fmt.integer(f.sample.rows), String(f.sample.seed)) });
  if (moved.length) {
    out.push({
      kind: 'table',
      headers: [t.featureHeader, t.testHeader, t.statisticHeader, t.pValueHeader, t.thresholdHeader, t.effectHeader, t.biggestChangeHeader, t.missingHeader],
      numeric: [false, false, true, true, true, true, false, true],
      rows: moved.map((x) => [
        { text: featureLabel(x.column, ctx) },
        { text: t.testName(x.test) },
        { text: stat(x.statistic, ctx) },
        { text: x.pValue === null ? '–' : pText(x.pValue, ctx) },
        { text: stat(x.threshold, ctx) },
        { text: stat(x.effectSize, ctx) },
        { text: biggestChange(published(x, ctx), ctx) ?? '–' },
        { text: `${fmt.percent(x.referenceMissing)} → ${fmt.percent(x.currentMissing)}` },
      ]),
    });
    out.push({ kind: 'figures', ids: moved.slice(0, MAX_FEATURE_FIGURES).map((_, i) => `fig-drift-feature-${i}`) });
    if (moved.length > MAX_FEATURE_FIGURES) out.push({ kind: 'p', cls: 'note', text: t.moreFigures(fmt.integer(moved.length - MAX_FEATURE_FIGURES)) });
  }
  const stable = f.features.length - moved.length;
  if (moved.length && stable > 0) out.push({ kind: 'p', text: t.featuresStable(fmt.integer(stable)) });
  out.push({ kind: 'p', cls: 'note', text: t.howToRead });
  return out;
}

function figures(ctx: Ctx): SectionFigure[] {
  const drift = ctx.data.drift;
  if (!drift) return [];
  const { t, common } = ctx;
  const ds = driftSegments(drift, ctx);
  const out: SectionFigure[] = [];
  if (drift.sizeShift) {
    const rows = shownSizes(drift, ds);
    if (rows.length) {
      out.push({
        id: 'fig-drift-sizes',
        figure: sizeComparisonFigure(
          rows.map((r) => ({
            name: r.currentId !== null ? ds.currentName(r.currentId) : ds.referenceName(r.referenceId!),
            previousShare: r.referenceId === null ? null : r.referenceShare,
            currentShare: r.currentId === null ? null : r.currentShare,
          })),
          { title: t.sizesFigure, previousName: t.previousRun, currentName: t.currentRun, yTitle: common.shareHeader },
        ),
      });
    }
  }
  if (drift.migration) {
    const view = migrationView(drift.migration, ds, ctx);
    if (view.rows.length && view.columns.length) {
      out.push({
        id: 'fig-drift-migration',
        figure: migrationHeatmapFigure(
          view.rows.map((r) => r.label),
          view.columns.map((c) => c.label),
          view.cells,
          view.rows.map((r) => r.total),
          { title: t.migrationFigure, fromTitle: t.fromTitle, toTitle: t.toTitle, customersWord: t.customersWord },
        ),
      });
    }
  }
  const bars = (title: string, d: PublishedDistribution) => distributionBarsFigure(d, { title, referenceName: t.previousRun, currentName: t.currentRun, yTitle: common.shareHeader });
  drifting(drift)
    .slice(0, MAX_FEATURE_FIGURES)
    .forEach((f, i) => out.push({ id: `fig-drift-feature-${i}`, figure: bars(t.distributionFigure(featureLabel(f.column, ctx)), published(f, ctx)) }));
  drift.scores.filter((s) => s.drifted).forEach((s, i) => out.push({ id: `fig-drift-score-${i}`, figure: bars(t.distributionFigure(s.column), scorePublished(s, drift, ctx)) }));
  return out;
}

/**
 * "What changed" since the previous run (issue 16), from the run's DriftReport: alerts by the users' rule,
 * then the segment sizes with a chi-square test and intervals, where customers went (heat map and biggest
 * moves), the drifting features with their before/after distributions, drift inside the segments, the
 * production rules' health and the scores. First in the review when the run has a drift report, absent
 * otherwise. Counts and shares of groups below minGroupSize are never printed (see driftSegments and
 * suppressSmallCells); only aggregates reach it, never a customer id.
 */
export const driftSection = defineSection({
  id: 'drift',
  texts: TEXTS,
  figures,

  html(ctx) {
    const drift = ctx.data.drift;
    if (!drift) return null;
    const cell = (c: Cell): string =>
      (c.segment !== undefined ? ctx.segmentName(c.segment) : e(c.text)) + (c.note ? ` <span class="note renamed">${e(c.note)}</span>` : '') + (c.badge ? ` <span class="badge alert">${e(c.badge)}</span>` : '');
    return blocks(ctx, drift)
      .map((b): string => {
        switch (b.kind) {
          case 'p':
            return `<p${b.cls ? ` class="${b.cls}"` : ''}>${e(b.text)}</p>`;
          case 'h3':
            return `<h3>${e(b.text)}</h3>`;
          case 'callout':
            return `<div class="callout ${b.tone}">${b.title ? `<h3>${e(b.title)}</h3>` : ''}${b.text ? e(b.text) : ''}${b.items ? `<ul>${b.items.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : ''}${b.note ? `<p class="note">${e(b.note)}</p>` : ''}</div>`;
          case 'list':
            return `${b.title ? `<h4>${e(b.title)}</h4>` : ''}<ul>${b.items.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`;
          case 'table':
            return htmlTable(
              b.headers.map((h, i) => ({ html: e(h), numeric: b.numeric[i] ?? false })),
              b.rows.map((r) => r.map((c, i) => ({ html: cell(c), numeric: b.numeric[i] ?? false }))),
            );
          case 'figures': {
            const figs = b.ids.map((id) => ctx.figure(id)).filter((x) => x !== '');
            return figs.length > 1 ? `<div class="grid-2">${figs.join('')}</div>` : (figs[0] ?? '');
          }
          case 'hidden':
            return `<ul class="plain">${b.items.map((x) => `<li class="suppressed">${e(x)}</li>`).join('')}</ul>`;
          default:
            return assertUnreachable(b, 'block');
        }
      })
      .filter((x) => x !== '')
      .join('\n');
  },

  markdown(ctx) {
    const drift = ctx.data.drift;
    if (!drift) return null;
    const cell = (c: Cell): string => m(c.text) + (c.note ? ` (${m(c.note)})` : '') + (c.badge ? ` **${m(c.badge)}**` : '');
    const parts = blocks(ctx, drift).map((b): string => {
      switch (b.kind) {
        case 'p':
          return b.cls === 'note' ? `*${m(b.text)}*` : m(b.text);
        case 'h3':
          return `### ${m(b.text)}`;
        case 'callout':
          return [b.title ? `**${m(b.title)}**` : '', b.text ? m(b.text) : '', b.items ? b.items.map((x) => `- ${m(x)}`).join('\n') : '', b.note ? `*${m(b.note)}*` : ''].filter((x) => x !== '').join('\n\n');
        case 'list':
          return `${b.title ? `**${m(b.title)}**\n\n` : ''}${b.items.map((x) => `- ${m(x)}`).join('\n')}`;
        case 'table':
          return markdownTable(b.headers.map(m), b.rows.map((r) => r.map(cell)), b.numeric);
        case 'figures':
          return b.ids[0] === 'fig-drift-migration' && drift.migration ? migrationMarkdown(ctx, drift.migration) : '';
        case 'hidden':
          return b.items.map((x) => `- *${m(x)}*`).join('\n');
        default:
          return assertUnreachable(b, 'block');
      }
    });
    return [...parts.filter((x) => x !== ''), ctx.chartsInHtml()].join('\n\n');
  },
});

/** The migration heat map as a table of counts for Markdown (blank cells as in the chart). */
function migrationMarkdown(ctx: Ctx, mg: MigrationMatrix): string {
  const view = migrationView(mg, driftSegments(ctx.data.drift!, ctx), ctx);
  if (!view.rows.length) return '';
  return markdownTable(
    [ctx.t.fromHeader, ...view.columns.map((c) => c.label)].map(m),
    view.rows.map((r, i) => [m(r.label), ...view.cells[i]!.map((c) => (c === null ? '' : m(ctx.fmt.integer(c))))]),
    [false, ...view.columns.map(() => true)],
  );
}
