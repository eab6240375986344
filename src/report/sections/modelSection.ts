import { assertUnreachable } from '../../core/assertUnreachable';
import { escapeHtml } from '../../core/escapeHtml';
import type { Figure } from '../../viz/Figure';
import { selectionCurveFigure } from '../../viz/selectionCurveFigure';
import { stabilityFigure } from '../../viz/stabilityFigure';
import { defineSection, type HtmlSectionContext, type SectionContext } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { htmlTable } from '../htmlTable';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';
import type { KPrototypesFacts, SelectionCurves } from '../ReportData';
import { partitionText, structureText } from '../structureText';

const TEXTS = localTexts(
  {
    title: 'How the segments were found',
    kFromConfig: (k: string) => `The number of segments (k = ${k}) was fixed in the configuration.`,
    kFromAuto: (k: string) => `The number of segments (k = ${k}) was chosen automatically from the criteria below.`,
    kFromAlgorithm: (algorithm: string, k: string) => `The algorithm (${algorithm}) found ${k} segments by itself.`,
    featuresUsed: (list: string) => `Clustering features: ${list}.`,

    // model selection
    ruleLabel: 'Decision rule',
    recommendedLabel: 'Recommended k',
    reasonsLabel: 'Reasons',
    noneValue: 'none',
    kAxis: 'Number of segments (k)',
    recommendedMark: 'recommended',
    silhouetteFigure: 'Silhouette (higher is better)',
    chFigure: 'Calinski-Harabasz (higher is better)',
    dbFigure: 'Davies-Bouldin (lower is better)',
    gapFigure: 'Gap statistic (bars: standard error)',
    bicFigure: 'BIC (lower is better)',
    ineligibleNote: 'Grey points break the business limits (minimum or maximum segment share, maximum number of segments).',
    noSelection: 'No model selection ran in this run.',
    ruleName: (rule: string): string =>
      rule === 'structure-first'
        ? 'Natural groups when the gap statistic, the silhouette (at least 0.25) and the bootstrap (mean Jaccard at least 0.75) agree; otherwise a partition for action in the preferred range, by silhouette.'
        : rule === 'gap-first'
          ? 'The gap statistic decides when it votes; otherwise the plurality of the criteria.'
          : 'The plurality of the criteria (elbow, silhouette, Calinski-Harabasz, Davies-Bouldin, BIC, gap); ties go to the higher silhouette.',
    criterionName: (criterion: string): string =>
      (({ elbow: 'Elbow of inertia', silhouette: 'Silhouette', calinskiHarabasz: 'Calinski-Harabasz', daviesBouldin: 'Davies-Bouldin', bic: 'BIC', gap: 'Gap statistic' }) as Record<string, string>)[criterion] ?? criterion,
    voteFor: (criterion: string, k: string) => `${criterion}: k = ${k}`,
    voteAbstains: (criterion: string) => `${criterion}: no vote`,
    votesLabel: 'What each criterion prefers',
    excludedKs: (list: string, minShare: string, maxShare: string, maxSegments: string) =>
      `Excluded by the business limits (every segment between ${minShare} and ${maxShare} of customers, at most ${maxSegments} segments): k = ${list}.`,

    // k-prototypes
    kprototypesTitle: 'Categorical features (k-prototypes)',
    kprototypesSummary: (columns: string, gamma: string, rule: string, share: string, moved: string) =>
      `Segments combine the numeric features with ${columns}. A category mismatch costs ${gamma} (${rule}); the categories make up ${share} of the final cost and place ${moved} customers in another segment than the numbers alone would.`,
    gammaRuleName: (rule: string): string => (rule === 'balanced' ? 'both parts weigh the same on this data' : rule === 'huang' ? 'half the mean spread of the numeric features' : 'set in the configuration'),
    modesHeader: 'Most frequent value in the segment',
    modeSuppressed: 'held by too few customers to show',

    // stability
    stabilityTitle: 'Stability',
    stabilityIntro: (resamples: string) =>
      `Each segment was searched for again on ${resamples} bootstrap resamples of the customers and compared with itself (mean Jaccard similarity, from 0 to 1): 0.75 or more is stable, 0.6 to 0.75 a real pattern whose boundaries move, 0.5 to 0.6 doubtful, below 0.5 dissolved.`,
    stabilityOverall: (jaccard: string, ari: string) => `Mean Jaccard over all segments: ${jaccard}. Agreement of the refits with the final segmentation (mean adjusted Rand index): ${ari}.`,
    stabilityFigure: 'Stability per segment (mean Jaccard)',
    stabilityAxis: 'mean Jaccard similarity',
    thresholdStable: (v: string) => `stable ${v}`,
    thresholdPattern: (v: string) => `pattern ${v}`,
    jaccardHeader: 'Mean Jaccard',
    verdictHeader: 'Verdict',
    verdictStable: 'stable',
    verdictPatterns: 'real pattern, moving boundaries',
    verdictDoubtful: 'doubtful',
    verdictDissolved: 'dissolved',
    verdictUnknown: 'not measured',
    noStability: 'Stability was not measured in this run.',
  },
  {
    title: 'Comment les segments ont été construits',
    kFromConfig: (k) => `Le nombre de segments (k = ${k}) a été fixé dans la configuration.`,
    kFromAuto: (k) => `Le nombre de segments (k = ${k}) a été choisi automatiquement à partir des critères ci-dessous.`,
    kFromAlgorithm: (algorithm, k) => `L’algorithme (${algorithm}) a trouvé lui-même ${k} segments.`,
    featuresUsed: (list) => `Variables de segmentation : ${list}.`,

    ruleLabel: 'Règle de décision',
    recommendedLabel: 'k recommandé',
    reasonsLabel: 'Justification',
    noneValue: 'aucun',
    kAxis: 'Nombre de segments (k)',
    recommendedMark: 'recommandé',
    silhouetteFigure: 'Silhouette (plus haut = meilleur)',
    chFigure: 'Calinski-Harabasz (plus haut = meilleur)',
    dbFigure: 'Davies-Bouldin (plus bas = meilleur)',
    gapFigure: 'Statistique du gap (barres : erreur type)',
    bicFigure: 'BIC (plus bas = meilleur)',
    ineligibleNote: 'Les points gris ne respectent pas les limites métier (part minimale ou maximale d’un segment, nombre maximal de segments).',
    noSelection: 'Aucune sélection de modèle n’a été faite pour cette analyse.',
    ruleName: (rule) =>
      rule === 'structure-first'
        ? 'Groupes naturels quand la statistique du gap, la silhouette (au moins 0,25) et le bootstrap (Jaccard moyen d’au moins 0,75) concordent ; sinon un découpage pour l’action dans la plage préférée, à la meilleure silhouette.'
        : rule === 'gap-first'
          ? 'La statistique du gap décide quand elle vote ; sinon la majorité des critères.'
          : 'La majorité des critères (coude, silhouette, Calinski-Harabasz, Davies-Bouldin, BIC, gap) ; en cas d’égalité, la meilleure silhouette.',
    criterionName: (criterion) =>
      (({ elbow: 'Coude de l’inertie', silhouette: 'Silhouette', calinskiHarabasz: 'Calinski-Harabasz', daviesBouldin: 'Davies-Bouldin', bic: 'BIC', gap: 'Statistique du gap' }) as Record<string, string>)[criterion] ?? criterion,
    voteFor: (criterion, k) => `${criterion} : k = ${k}`,
    voteAbstains: (criterion) => `${criterion} : pas de vote`,
    votesLabel: 'Préférence de chaque critère',
    excludedKs: (list, minShare, maxShare, maxSegments) =>
      `Exclus par les limites métier (chaque segment entre ${minShare} et ${maxShare} des clients, au plus ${maxSegments} segments) : k = ${list}.`,

    kprototypesTitle: 'Variables catégorielles (k-prototypes)',
    kprototypesSummary: (columns, gamma, rule, share, moved) =>
      `Les segments combinent les variables numériques et ${columns}. Un écart de catégorie coûte ${gamma} (${rule}) ; les catégories font ${share} du coût final et placent ${moved} clients dans un autre segment que les seuls chiffres.`,
    gammaRuleName: (rule) => (rule === 'balanced' ? 'les deux parties pèsent autant sur ces données' : rule === 'huang' ? 'la moitié de la dispersion moyenne des variables numériques' : 'fixé dans la configuration'),
    modesHeader: 'Valeur la plus fréquente dans le segment',
    modeSuppressed: 'détenue par trop peu de clients pour être affichée',

    stabilityTitle: 'Stabilité',
    stabilityIntro: (resamples) =>
      `Chaque segment a été recherché à nouveau sur ${resamples} rééchantillonnages bootstrap des clients, puis comparé à lui-même (similarité de Jaccard moyenne, de 0 à 1) : 0,75 ou plus signifie stable, de 0,6 à 0,75 un motif réel aux contours mouvants, de 0,5 à 0,6 douteux, en dessous de 0,5 dissous.`,
    stabilityOverall: (jaccard, ari) => `Jaccard moyen sur l’ensemble des segments : ${jaccard}. Accord des réestimations avec la segmentation finale (indice de Rand ajusté moyen) : ${ari}.`,
    stabilityFigure: 'Stabilité par segment (Jaccard moyen)',
    stabilityAxis: 'similarité de Jaccard moyenne',
    thresholdStable: (v) => `stable ${v}`,
    thresholdPattern: (v) => `motif ${v}`,
    jaccardHeader: 'Jaccard moyen',
    verdictHeader: 'Verdict',
    verdictStable: 'stable',
    verdictPatterns: 'motif réel, contours mouvants',
    verdictDoubtful: 'douteux',
    verdictDissolved: 'dissous',
    verdictUnknown: 'non mesuré',
    noStability: 'La stabilité n’a pas été mesurée pour cette analyse.',
  },
);
type Ctx = SectionContext<(typeof TEXTS)['en']>;

const e = escapeHtml;
const m = escapeMarkdown;

/** How k was chosen (criteria, votes, natural groups or not), what k-prototypes did with the categories, and bootstrap stability. */
export const modelSection = defineSection({
  id: 'model',
  texts: TEXTS,

  figures(ctx) {
    return [...selectionFigures(ctx), stabilityChart(ctx)];
  },

  html(ctx) {
    const { data, t, fmt } = ctx;
    const c = data.clustering;
    const parts = [`<p class="lead">${e(kChoiceText(ctx))}</p>`];
    if (c.features.length) parts.push(`<p class="note">${e(t.featuresUsed(c.features.join(', ')))}</p>`);
    const sel = c.selection;
    if (sel) {
      parts.push(
        `<dl class="defs"><dt>${e(t.ruleLabel)}</dt><dd>${e(t.ruleName(sel.ruleName))}</dd><dt>${e(t.recommendedLabel)}</dt><dd>${e(sel.recommendedK === null ? t.noneValue : fmt.integer(sel.recommendedK))}</dd></dl>`,
      );
      const structure = structureText(c, ctx);
      const partition = partitionText(sel, ctx);
      if (structure) parts.push(`<p>${e(structure.text)}${partition ? ` ${e(partition)}` : ''}</p>`);
      const lines = selectionLines(sel, ctx);
      parts.push(`<h4>${e(t.votesLabel)}</h4><ul>${lines.votes.map((v) => `<li>${e(v)}</li>`).join('')}</ul>${lines.excluded ? `<p class="note">${e(lines.excluded)}</p>` : ''}`);
      // The full reasoning is written in English (cluster.json); other editions show the translated lines above.
      if (sel.reasons.length && data.locale === 'en') parts.push(`<details><summary>${e(t.reasonsLabel)}</summary><ul>${sel.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul></details>`);
      const curves = ctx.figures.filter((f) => f.id.startsWith('fig-selection-'));
      parts.push(`<div class="grid-2">${curves.map((f) => ctx.figure(f.id)).join('')}</div>`);
      if (sel.eligible.some((x) => !x)) parts.push(`<p class="note">${e(t.ineligibleNote)}</p>`);
    } else {
      parts.push(`<p class="note">${e(t.noSelection)}</p>`);
    }
    if (c.kprototypes) parts.push(kprototypesHtml(ctx, c.kprototypes));
    parts.push(`<h3>${e(t.stabilityTitle)}</h3>`);
    const st = c.stability;
    if (!st) {
      parts.push(`<p class="note">${e(t.noStability)}${c.absent?.stability ? ` ${e(ctx.common.absentReason(c.absent.stability))}` : ''}</p>`);
    } else {
      parts.push(`<p class="lead">${e(t.stabilityIntro(fmt.integer(st.resamples)))}</p>`);
      parts.push(`<p>${e(t.stabilityOverall(fmt.number(st.meanJaccard, 2), fmt.number(st.meanAri, 2)))}</p>`);
      const rows = st.segments.filter((s) => ctx.seg.isShown(s.id));
      parts.push(
        `${ctx.figure('fig-stability')}<div class="narrow">${htmlTable(
          [{ html: e(ctx.common.segmentHeader) }, { html: e(t.jaccardHeader), numeric: true }, { html: e(t.verdictHeader) }],
          rows.map((s) => [{ html: ctx.segmentName(s.id) }, { html: e(fmt.number(s.meanJaccard, 2)), numeric: true }, { html: e(verdictText(s.verdict, ctx)) }]),
        )}${ctx.suppressed()}</div>`,
      );
    }
    return parts.join('\n');
  },

  markdown(ctx) {
    const { data, t, common, fmt } = ctx;
    const c = data.clustering;
    const parts = [m(kChoiceText(ctx))];
    if (c.features.length) parts.push(m(t.featuresUsed(c.features.join(', '))));
    const sel = c.selection;
    if (sel) {
      parts.push(`- **${m(t.ruleLabel)}** ${m(t.ruleName(sel.ruleName))}\n- **${m(t.recommendedLabel)}** ${m(sel.recommendedK === null ? t.noneValue : fmt.integer(sel.recommendedK))}`);
      const structure = structureText(c, ctx);
      const partition = partitionText(sel, ctx);
      if (structure) parts.push(m(`${structure.text}${partition ? ` ${partition}` : ''}`));
      const lines = selectionLines(sel, ctx);
      parts.push(`**${m(t.votesLabel)}**\n\n${lines.votes.map((v) => `- ${m(v)}`).join('\n')}${lines.excluded ? `\n\n${m(lines.excluded)}` : ''}`);
      // The full reasoning is written in English (cluster.json); other editions show the translated lines above.
      if (sel.reasons.length && data.locale === 'en') parts.push(`**${m(t.reasonsLabel)}**\n\n${sel.reasons.map((r) => `- ${m(r)}`).join('\n')}`);
      // The curves as a table: criterion values per k, the recommended k in bold.
      const columns: { title: string; values: (number | null)[] }[] = [
        { title: 'Silhouette', values: sel.metrics.silhouette },
        { title: 'Calinski-Harabasz', values: sel.metrics.calinskiHarabasz },
        { title: 'Davies-Bouldin', values: sel.metrics.daviesBouldin },
        { title: 'Gap', values: sel.metrics.gap },
        { title: 'BIC', values: sel.metrics.bic },
      ].filter((col) => col.values.some((v) => v !== null));
      parts.push(
        markdownTable(
          ['k', ...columns.map((col) => m(col.title))],
          sel.ks.map((kk, i) => [
            kk === sel.recommendedK ? `**${m(fmt.integer(kk))}**` : m(fmt.integer(kk)),
            ...columns.map((col) => m(fmt.number(col.values[i] ?? null, 3))),
          ]),
          [true, ...columns.map(() => true)],
        ),
      );
      if (sel.eligible.some((x) => !x)) parts.push(m(t.ineligibleNote));
      parts.push(ctx.chartsInHtml());
    } else {
      parts.push(m(t.noSelection));
    }
    const kp = c.kprototypes;
    if (kp) {
      parts.push(`### ${m(t.kprototypesTitle)}`);
      parts.push(m(kprototypesSummary(ctx, kp)));
      const rows = kp.modes.filter((x) => ctx.seg.isShown(x.segment));
      parts.push(
        markdownTable(
          [common.segmentHeader, ...kp.categorical.map((col) => `${col} — ${t.modesHeader}`)].map(m),
          rows.map((x) => [m(ctx.seg.name(x.segment)), ...kp.categorical.map((col) => m(x.values[col] ?? t.modeSuppressed))]),
        ),
      );
    }
    const st = c.stability;
    parts.push(`### ${m(t.stabilityTitle)}`);
    if (!st) parts.push(m(`${t.noStability}${c.absent?.stability ? ` ${common.absentReason(c.absent.stability)}` : ''}`));
    else {
      parts.push(m(t.stabilityIntro(fmt.integer(st.resamples))), m(t.stabilityOverall(fmt.number(st.meanJaccard, 2), fmt.number(st.meanAri, 2))));
      parts.push(
        markdownTable(
          [common.segmentHeader, t.jaccardHeader, t.verdictHeader].map(m),
          st.segments.filter((s) => ctx.seg.isShown(s.id)).map((s) => [m(ctx.seg.name(s.id)), m(fmt.number(s.meanJaccard, 2)), m(verdictText(s.verdict, ctx))]),
          [false, true, false],
        ) + ctx.suppressed(),
      );
    }
    return parts.join('\n\n');
  },
});

/** One sentence on how the number of segments was set: by the config, by the sweep, or by the algorithm. */
function kChoiceText({ data, t, fmt }: Ctx): string {
  const c = data.clustering;
  const k = fmt.integer(c.k);
  switch (c.kSource) {
    case 'config':
      return t.kFromConfig(k);
    case 'auto':
      return t.kFromAuto(k);
    case 'algorithm':
      return t.kFromAlgorithm(c.algorithm, k);
    default:
      return assertUnreachable(c.kSource, 'kSource');
  }
}

/** Each criterion's preferred k, and the k the business limits excluded, in the report's language. */
function selectionLines(sel: SelectionCurves, { t, fmt }: Ctx): { votes: string[]; excluded: string | null } {
  const votes = sel.votes.map((v) => (v.k === null ? t.voteAbstains(t.criterionName(v.criterion)) : t.voteFor(t.criterionName(v.criterion), fmt.integer(v.k))));
  const excludedKs = sel.ks.filter((_, i) => !sel.eligible[i]);
  const excluded = excludedKs.length
    ? t.excludedKs(excludedKs.map((k) => fmt.integer(k)).join(', '), fmt.percent(sel.limits.minShare), fmt.percent(sel.limits.maxShare), fmt.integer(sel.limits.maxSegments))
    : null;
  return { votes, excluded };
}

/** A stability verdict (cluster/stability's StabilityVerdict, carried as a string) in the reader's words; unknown ones as they are. */
function verdictText(verdict: string, { t }: Ctx): string {
  switch (verdict) {
    case 'stable':
      return t.verdictStable;
    case 'patterns':
      return t.verdictPatterns;
    case 'doubtful':
      return t.verdictDoubtful;
    case 'dissolved':
      return t.verdictDissolved;
    case 'unknown':
      return t.verdictUnknown;
    default:
      return verdict;
  }
}

function kprototypesSummary({ t, fmt }: Ctx, kp: KPrototypesFacts): string {
  return t.kprototypesSummary(kp.categorical.join(', '), fmt.number(kp.gamma, 3), t.gammaRuleName(kp.gammaRule), fmt.percent(kp.costShare.categorical), fmt.integer(kp.movedByCategorical));
}

function kprototypesHtml(ctx: HtmlSectionContext<Ctx['t']>, kp: KPrototypesFacts): string {
  const { t, common } = ctx;
  const rows = kp.modes.filter((x) => ctx.seg.isShown(x.segment));
  const table = htmlTable(
    [{ html: e(common.segmentHeader) }, ...kp.categorical.map((c) => ({ html: `${e(c)} — ${e(t.modesHeader)}` }))],
    rows.map((x) => [{ html: ctx.segmentName(x.segment) }, ...kp.categorical.map((c) => ({ html: x.values[c] === null || x.values[c] === undefined ? `<span class="note">${e(t.modeSuppressed)}</span>` : e(x.values[c]!) }))]),
    { className: 'data compact' },
  );
  return `<h3>${e(t.kprototypesTitle)}</h3><p>${e(kprototypesSummary(ctx, kp))}</p><div class="narrow">${table}</div>`;
}

/** One curve per criterion that has a value for some k. */
function selectionFigures({ data, t }: Ctx): { id: string; figure: Figure }[] {
  const sel = data.clustering.selection;
  if (!sel || !sel.ks.length) return [];
  const curves: { id: string; title: string; values: (number | null)[]; errors?: (number | null)[] }[] = [
    { id: 'fig-selection-silhouette', title: t.silhouetteFigure, values: sel.metrics.silhouette },
    { id: 'fig-selection-ch', title: t.chFigure, values: sel.metrics.calinskiHarabasz },
    { id: 'fig-selection-db', title: t.dbFigure, values: sel.metrics.daviesBouldin },
    { id: 'fig-selection-gap', title: t.gapFigure, values: sel.metrics.gap, errors: sel.metrics.gapS },
    { id: 'fig-selection-bic', title: t.bicFigure, values: sel.metrics.bic },
  ];
  return curves
    .filter((c) => c.values.some((v) => v !== null))
    .map((c) => ({
      id: c.id,
      figure: selectionCurveFigure(sel.ks, c.values, {
        title: c.title,
        xTitle: t.kAxis,
        recommendedK: sel.recommendedK,
        recommendedLabel: t.recommendedMark,
        eligible: sel.eligible,
        errors: c.errors,
      }),
    }));
}

function stabilityChart({ data, t, fmt, seg }: Ctx): { id: string; figure: Figure } | null {
  const st = data.clustering.stability;
  if (!st) return null;
  const rows = st.segments.filter((s) => seg.isShown(s.id));
  if (!rows.length) return null;
  return {
    id: 'fig-stability',
    figure: stabilityFigure(
      rows.map((s) => ({ name: seg.name(s.id), meanJaccard: s.meanJaccard })),
      {
        title: t.stabilityFigure,
        xTitle: t.stabilityAxis,
        thresholds: [
          { value: 0.6, label: t.thresholdPattern(fmt.number(0.6, 2)) },
          { value: 0.75, label: t.thresholdStable(fmt.number(0.75, 2)) },
        ],
      },
    ),
  };
}
