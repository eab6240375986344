import type { Locale } from '../core/Locale';

/**
 * Every word the quarterly segment review prints, in English and French. Persona texts arrive already
 * localised in the data; these are the report's own words (titles, headers, explanations).
 *
 * The template text contains none of < > & | * _ ` [ ] \ (a test checks it), so a renderer may either
 * escape the whole result for its output (HTML or Markdown) or pass arguments it already escaped
 * (e.g. markup around a run id) and print the result as is.
 */
const EN = {
  reportKind: 'Quarterly segment review',
  contents: 'Contents',
  noscript: 'The charts of this report need JavaScript.',

  // section titles
  summary: 'Summary',
  sizes: 'Segment sizes',
  personas: 'Personas',
  kpis: 'Key figures by segment',
  traits: 'What sets each segment apart',
  rfm: 'Recency and frequency',
  projection: 'Map of customers',
  model: 'How the segments were found',
  quality: 'Data quality',
  changes: 'Changes since the previous run',

  // summary
  runLabel: 'Run',
  asOfLabel: 'Data as of',
  customersLabel: 'Customers',
  segmentsLabel: 'Segments',
  methodLabel: 'Method',
  segmentsHidden: (hidden: number) => `${hidden} not shown`,
  methodValue: (algorithm: string, k: string) => `${algorithm}, k = ${k}`,
  atAGlance: 'Segments at a glance',
  alerts: 'Alerts',
  noAlerts: (threshold: string) => `No segment’s share changed by more than ${threshold} since the previous run.`,
  noPreviousRun: 'No previous run to compare with: size alerts appear from the next run on.',
  alertUp: (name: string, change: string, before: string, after: string) => `${name}: share up ${change} (${before} → ${after})`,
  alertDown: (name: string, change: string, before: string, after: string) => `${name}: share down ${change} (${before} → ${after})`,
  alertNew: (name: string, after: string) => `${name}: new segment (${after} of customers)`,
  alertGone: (name: string, before: string) => `${name}: no longer found (was ${before} of customers)`,
  alertRule: (threshold: string) => `Alert when a segment’s share of customers moves by more than ${threshold} (relative), or a segment appears or disappears.`,
  ofCustomers: (share: string) => `${share} of customers`,
  customersCount: (n: string) => `${n} customers`,

  // segments
  segmentFallbackName: (id: number) => `Segment ${id}`,
  suppressedSegment: (id: number, min: string, why: 'small' | 'complementary' = 'small') =>
    why === 'small' ? `Segment ${id}: fewer than ${min} customers, not shown` : `Segment ${id}: not shown, so that a segment of fewer than ${min} customers cannot be derived from the totals`,
  sizesIntro: 'How the customer base splits into segments. Colours stay the same for a segment throughout the report.',
  sizesFigure: 'Share of customers by segment',
  segmentHeader: 'Segment',
  customersHeader: 'Customers',
  shareHeader: 'Share',
  noiseSentence: (n: string) => `${n} customers fit no segment (noise).`,
  suppressedTotal: (n: string) => `${n} customers are in segments not shown.`,

  // persona cards
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

  // KPIs
  kpisIntro: 'One row per segment; the last row is the whole customer base. Definitions follow the table.',
  kpisIntroByKpi: 'One column per segment; the last column is the whole customer base. Definitions follow the table.',
  kpiHeader: 'Key figure',
  baseRow: 'All customers',
  definitions: 'Definitions',
  noKpis: 'No key figure could be computed from the data.',

  // traits heatmap
  traitsIntro:
    'Each cell shows how far a segment’s average lies from the whole customer base, in standard deviations: blue above, red below, white close to the average. Empty cells are not among that segment’s distinctive traits.',
  traitsFigure: 'Distinctive traits by segment (difference in standard deviations)',
  traitsColorbar: 'SD',
  noTraitData: 'No numeric trait to compare.',

  // RFM
  rfmIntro: (min: string) =>
    `Customers by recency score (R, 5 = bought most recently) and frequency score (F, 5 = most orders); scores are quintiles from 1 to 5. Cells with fewer than ${min} customers are grey and marked suppressed. Hover a cell to see the segment most of its customers belong to.`,
  rfmFigure: 'Customers by recency and frequency score',
  rfmX: 'F score (5 = most orders)',
  rfmY: 'R score (5 = most recent)',
  rfmCustomers: 'customers',
  rfmDominant: 'Mostly',
  rfmSuppressed: 'suppressed',
  noRfm: 'The RFM grid is not available: the data has no orders to score.',

  // projection
  projectionFigure: 'Customers on the two main axes (PCA)',
  projectionAxis: (i: number, share: string) => `Axis ${i} (${share} of variance)`,
  projectionIntro: (n: string, m: string) =>
    `A sample of ${n} of ${m} customers, placed by their behaviour: customers close to each other behave alike, and overlapping colours mean segments blend into each other at their edges.`,
  noProjection: 'No projection in this run.',
  absentReason: (reason: string): string =>
    reason === 'mixedFeatures'
      ? 'The segments also depend on categorical features, which a map of the numeric features cannot show.'
      : reason === 'fewFeatures'
        ? 'A map needs at least two clustering features; this run used one.'
        : reason === 'disabled'
          ? 'The map was switched off (report.projectionSample is 0).'
          : 'The bootstrap was not run (cluster.stabilityResamples is 0).',
  kprototypesTitle: 'Categorical features (k-prototypes)',
  kprototypesSummary: (columns: string, gamma: string, rule: string, share: string, moved: string) =>
    `Segments combine the numeric features with ${columns}. A category mismatch costs ${gamma} (${rule}); the categories make up ${share} of the final cost and place ${moved} customers in another segment than the numbers alone would.`,
  gammaRuleName: (rule: string): string => (rule === 'balanced' ? 'both parts weigh the same on this data' : rule === 'huang' ? 'half the mean spread of the numeric features' : 'set in the configuration'),
  modesHeader: 'Most frequent value in the segment',
  modeSuppressed: 'held by too few customers to show',

  // model selection and stability
  kFromConfig: (k: string) => `The number of segments (k = ${k}) was fixed in the configuration.`,
  kFromAuto: (k: string) => `The number of segments (k = ${k}) was chosen automatically from the criteria below.`,
  kFromAlgorithm: (algorithm: string, k: string) => `The algorithm (${algorithm}) found ${k} segments by itself.`,
  featuresUsed: (list: string) => `Clustering features: ${list}.`,
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
  // natural groups, or a partition for action
  structureFound: (k: string, silhouette: string, stability: string) =>
    `The ${k} segments are natural groups in the data: the gap statistic points to ${k}, the silhouette is ${silhouette} and the segments hold under resampling (mean Jaccard ${stability}).`,
  structureNone: (k: string, why: string) =>
    `The data shows no natural groups (${why}): the ${k} segments are a partition for action, drawn where the customers differ most, not groups the customers fall into by themselves. Customers near the boundaries may move between segments from one quarter to the next.`,
  whyGapNotComputed: 'the gap statistic was not computed',
  whyGapNoStructure: 'the gap statistic finds no structure beyond one group',
  whyGapStillGrowing: (maxK: string) => `the gap statistic keeps growing up to k = ${maxK} without settling`,
  whyGapExcluded: (k: string) => `the gap statistic points to k = ${k}, which breaks the business limits`,
  whyLowSilhouette: (k: string, silhouette: string) => `at k = ${k}, where the gap statistic points, the silhouette is only ${silhouette}`,
  whyUnstable: (k: string, jaccard: string) => `the ${k} segments the gap statistic points to do not hold under resampling (mean Jaccard ${jaccard})`,
  partitionChoice: (k: string, from: string, to: string) => `k = ${k} is the number of segments from ${from} to ${to} that meets the business limits with the best silhouette.`,
  partitionNearest: (k: string, from: string, to: string) => `No number of segments from ${from} to ${to} meets the business limits; k = ${k} is the nearest that does.`,
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

  // data quality
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

  // changes
  changesIntro: (runId: string, asOf: string | null, idsKept: boolean) =>
    `Compared with run ${runId}${asOf ? ` (data as of ${asOf})` : ''}. Segments are matched across runs by their centres${
      idsKept
        ? ', so a segment keeps its number.'
        : '. This run was not clustered with this previous run (cluster.previous), so its segment numbers are its own: the table gives both.'
    }`,
  matchRule: (spreads: string) =>
    `Two segments are a match only when their centres are at most ${spreads} × the typical distance of a customer from its segment’s centre apart (cluster.matchMaxDistance); otherwise the earlier segment counts as gone and the current one as new.`,
  idHeader: 'Number (before → now)',
  renamedFrom: (name: string) => `renamed from ${name}`,
  renamedName: (name: string, from: string) => `${name} (renamed from ${from})`,
  previousSegmentName: (id: number) => `Segment ${id} of the previous run`,
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
  driftLater: 'This section compares segment sizes only; tests of drift in customer behaviour, feature by feature, come in a later version.',

  // footer and Markdown
  notes: 'Notes',
  suppressionStatement: (min: string) => `Privacy: a segment or a table cell with fewer than ${min} customers is never shown, nor any number about it.`,
  generatedBy: (version: string) => `Generated by seglab ${version}.`,
  chartsInHtml: 'Charts for this section are in report.html.',
  missingValue: '–',

  // number words
  durationDays: (n: string, one: boolean) => `${n} ${one ? 'day' : 'days'}`,
};

/** The shape of EN with every function kept as is: the French table must have exactly these keys. */
export type ReportStrings = { readonly [K in keyof typeof EN]: (typeof EN)[K] };

const FR: ReportStrings = {
  reportKind: 'Revue trimestrielle des segments',
  contents: 'Sommaire',
  noscript: 'Les graphiques de ce rapport nécessitent JavaScript.',

  summary: 'Synthèse',
  sizes: 'Taille des segments',
  personas: 'Personas',
  kpis: 'Indicateurs clés par segment',
  traits: 'Ce qui distingue chaque segment',
  rfm: 'Récence et fréquence',
  projection: 'Carte des clients',
  model: 'Comment les segments ont été construits',
  quality: 'Qualité des données',
  changes: 'Évolution depuis l’analyse précédente',

  runLabel: 'Analyse',
  asOfLabel: 'Données arrêtées au',
  customersLabel: 'Clients',
  segmentsLabel: 'Segments',
  methodLabel: 'Méthode',
  segmentsHidden: (hidden) => `${hidden} masqué${hidden > 1 ? 's' : ''}`,
  methodValue: (algorithm, k) => `${algorithm}, k = ${k}`,
  atAGlance: 'Les segments en un coup d’œil',
  alerts: 'Alertes',
  noAlerts: (threshold) => `La part d’aucun segment n’a varié de plus de ${threshold} depuis l’analyse précédente.`,
  noPreviousRun: 'Aucune analyse précédente à comparer : les alertes de taille apparaîtront à partir de la prochaine analyse.',
  alertUp: (name, change, before, after) => `${name} : part en hausse de ${change} (${before} → ${after})`,
  alertDown: (name, change, before, after) => `${name} : part en baisse de ${change} (${before} → ${after})`,
  alertNew: (name, after) => `${name} : nouveau segment (${after} des clients)`,
  alertGone: (name, before) => `${name} : segment disparu (${before} des clients auparavant)`,
  alertRule: (threshold) => `Alerte quand la part de clients d’un segment varie de plus de ${threshold} (en relatif), ou quand un segment apparaît ou disparaît.`,
  ofCustomers: (share) => `${share} des clients`,
  customersCount: (n) => `${n} clients`,

  segmentFallbackName: (id) => `Segment ${id}`,
  suppressedSegment: (id, min, why = 'small') =>
    why === 'small' ? `Segment ${id} : moins de ${min} clients, non affiché` : `Segment ${id} : non affiché, pour qu’un segment de moins de ${min} clients ne puisse pas être déduit des totaux`,
  sizesIntro: 'Répartition de la clientèle entre les segments. Chaque segment garde la même couleur dans tout le rapport.',
  sizesFigure: 'Part des clients par segment',
  segmentHeader: 'Segment',
  customersHeader: 'Clients',
  shareHeader: 'Part',
  noiseSentence: (n) => `${n} clients n’appartiennent à aucun segment (bruit).`,
  suppressedTotal: (n) => `${n} clients appartiennent à des segments non affichés.`,

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

  kpisIntro: 'Une ligne par segment ; la dernière ligne porte sur l’ensemble des clients. Les définitions suivent le tableau.',
  kpisIntroByKpi: 'Une colonne par segment ; la dernière colonne porte sur l’ensemble des clients. Les définitions suivent le tableau.',
  kpiHeader: 'Indicateur',
  baseRow: 'Ensemble des clients',
  definitions: 'Définitions',
  noKpis: 'Aucun indicateur n’a pu être calculé à partir des données.',

  traitsIntro:
    'Chaque case indique l’écart entre la moyenne d’un segment et celle de l’ensemble des clients, en écarts-types : bleu au-dessus, rouge en dessous, blanc proche de la moyenne. Une case vide ne fait pas partie des traits distinctifs du segment.',
  traitsFigure: 'Traits distinctifs par segment (écart en écarts-types)',
  traitsColorbar: 'é.-t.',
  noTraitData: 'Aucun trait numérique à comparer.',

  rfmIntro: (min) =>
    `Clients par score de récence (R, 5 = achat le plus récent) et de fréquence (F, 5 = le plus de commandes) ; les scores sont des quintiles de 1 à 5. Les cases de moins de ${min} clients sont grisées et marquées comme masquées. Survolez une case pour voir le segment auquel appartiennent la plupart de ses clients.`,
  rfmFigure: 'Clients par score de récence et de fréquence',
  rfmX: 'Score F (5 = le plus de commandes)',
  rfmY: 'Score R (5 = achat le plus récent)',
  rfmCustomers: 'clients',
  rfmDominant: 'Majoritairement',
  rfmSuppressed: 'masqué',
  noRfm: 'La grille RFM n’est pas disponible : les données ne contiennent aucune commande à noter.',

  projectionFigure: 'Clients sur les deux axes principaux (ACP)',
  projectionAxis: (i, share) => `Axe ${i} (${share} de la variance)`,
  projectionIntro: (n, m) =>
    `Un échantillon de ${n} clients sur ${m}, placés selon leur comportement : des clients proches se comportent de façon semblable, et des couleurs qui se chevauchent signalent des segments qui se recoupent à leurs frontières.`,
  noProjection: 'Pas de projection pour cette analyse.',
  absentReason: (reason) =>
    reason === 'mixedFeatures'
      ? 'Les segments dépendent aussi de variables catégorielles, qu’une carte des variables numériques ne peut pas montrer.'
      : reason === 'fewFeatures'
        ? 'Une carte demande au moins deux variables de segmentation ; cette analyse n’en utilise qu’une.'
        : reason === 'disabled'
          ? 'La carte a été désactivée (report.projectionSample vaut 0).'
          : 'Le bootstrap n’a pas été lancé (cluster.stabilityResamples vaut 0).',
  kprototypesTitle: 'Variables catégorielles (k-prototypes)',
  kprototypesSummary: (columns, gamma, rule, share, moved) =>
    `Les segments combinent les variables numériques et ${columns}. Un écart de catégorie coûte ${gamma} (${rule}) ; les catégories font ${share} du coût final et placent ${moved} clients dans un autre segment que les seuls chiffres.`,
  gammaRuleName: (rule) => (rule === 'balanced' ? 'les deux parties pèsent autant sur ces données' : rule === 'huang' ? 'la moitié de la dispersion moyenne des variables numériques' : 'fixé dans la configuration'),
  modesHeader: 'Valeur la plus fréquente dans le segment',
  modeSuppressed: 'détenue par trop peu de clients pour être affichée',

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
  structureFound: (k, silhouette, stability) =>
    `Les ${k} segments sont des groupes naturels des données : la statistique du gap désigne ${k}, la silhouette vaut ${silhouette} et les segments résistent au rééchantillonnage (Jaccard moyen ${stability}).`,
  structureNone: (k, why) =>
    `Les données ne forment pas de groupes naturels (${why}) : les ${k} segments sont un découpage pour l’action, tracé là où les clients diffèrent le plus, et non des groupes dans lesquels les clients se rangent d’eux-mêmes. Les clients proches des frontières peuvent changer de segment d’un trimestre à l’autre.`,
  whyGapNotComputed: 'la statistique du gap n’a pas été calculée',
  whyGapNoStructure: 'la statistique du gap ne trouve pas de structure au-delà d’un seul groupe',
  whyGapStillGrowing: (maxK) => `la statistique du gap croît encore à k = ${maxK} sans se stabiliser`,
  whyGapExcluded: (k) => `la statistique du gap désigne k = ${k}, qui ne respecte pas les limites métier`,
  whyLowSilhouette: (k, silhouette) => `à k = ${k}, désigné par la statistique du gap, la silhouette ne vaut que ${silhouette}`,
  whyUnstable: (k, jaccard) => `les ${k} segments désignés par la statistique du gap ne résistent pas au rééchantillonnage (Jaccard moyen ${jaccard})`,
  partitionChoice: (k, from, to) => `k = ${k} est le nombre de segments entre ${from} et ${to} qui respecte les limites métier avec la meilleure silhouette.`,
  partitionNearest: (k, from, to) => `Aucun nombre de segments entre ${from} et ${to} ne respecte les limites métier ; k = ${k} est le plus proche qui les respecte.`,
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

  changesIntro: (runId, asOf, idsKept) =>
    `Comparaison avec l’analyse ${runId}${asOf ? ` (données arrêtées au ${asOf})` : ''}. Les segments sont appariés d’une analyse à l’autre par leurs centres${
      idsKept
        ? ' : un segment garde son numéro.'
        : '. Cette analyse n’a pas été segmentée avec l’analyse précédente (cluster.previous) : ses numéros de segment lui sont propres, le tableau donne les deux.'
    }`,
  matchRule: (spreads) =>
    `Deux segments ne sont appariés que si leurs centres sont distants d’au plus ${spreads} × la distance typique d’un client au centre de son segment (cluster.matchMaxDistance) ; sinon, le segment précédent compte comme disparu et l’actuel comme nouveau.`,
  idHeader: 'Numéro (avant → maintenant)',
  renamedFrom: (name) => `anciennement ${name}`,
  renamedName: (name, from) => `${name} (anciennement ${from})`,
  previousSegmentName: (id) => `Segment ${id} de l’analyse précédente`,
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
    'Cette section ne compare que la taille des segments ; les tests de dérive du comportement des clients, variable par variable, arriveront dans une version ultérieure.',

  notes: 'Remarques',
  suppressionStatement: (min) => `Confidentialité : un segment ou une case de tableau de moins de ${min} clients n’est jamais affiché, ni aucun chiffre le concernant.`,
  generatedBy: (version) => `Généré par seglab ${version}.`,
  chartsInHtml: 'Les graphiques de cette section se trouvent dans report.fr.html.',
  missingValue: '–',

  durationDays: (n, one) => `${n} ${one ? 'jour' : 'jours'}`,
};

/** French typography: a no-break space before : ; ? ! so they never start a line. */
function frenchSpacing(text: string): string {
  return text.replace(/ ([:;?!])/g, '\u00a0$1');
}

function withFrenchSpacing(table: ReportStrings): ReportStrings {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(table)) {
    out[key] = typeof value === 'function' ? (...args: unknown[]) => frenchSpacing((value as (...a: unknown[]) => string)(...args)) : frenchSpacing(value as string);
  }
  return out as ReportStrings;
}

export const REPORT_STRINGS: Readonly<Record<Locale, ReportStrings>> = { en: EN, fr: withFrenchSpacing(FR) };

/** The report's words in a locale. */
export function reportStrings(locale: Locale): ReportStrings {
  return REPORT_STRINGS[locale];
}
