/**
 * seglab's public API. Notebooks and library users import from here (the CommonJS build in dist/cjs,
 * or the ES-module wrapper in dist/esm); anything not exported here is internal.
 */

// core
export { Matrix } from './core/Matrix';
export { Rng } from './core/rng';
export { SeglabError, InputError, UsageError, formatProblems, formatLocation, type Problem, type Location, checkParam, paramError, usageError, savedJsonError, inputError, problem, typeName, type ProblemSpec } from './core/errors';
export { checkMatrix } from './core/checkMatrix';
export { checkFiniteMatrix, type FiniteMatrixChecks } from './core/checkFiniteMatrix';
export { checkFittedColumns } from './core/checkFittedColumns';
export { assertUnreachable } from './core/assertUnreachable';
export { Registry, type RegistryEntry } from './core/Registry';
export { parseParams, paramDefaults } from './core/parseParams';
export { DEFAULT_SEED } from './core/seedParam';
export { CalendarDate, CALENDAR_DATE_FORMAT } from './core/CalendarDate';
export { silentProgress, type Progress } from './core/progress';
export { writeFileAtomic, writeJsonAtomic } from './core/atomicWrite';
export { CsvWriter, writeCsv, type CsvWriterOptions } from './core/CsvWriter';
export { csvField, type CsvValue } from './core/csvField';
export { substituteVars } from './core/substituteVars';
export { escapeHtml, jsonForScript } from './core/escapeHtml';
export { versions } from './core/version';

// data
export { DuckSession, quoteIdent, quoteLiteral, type DuckSessionOptions, type Row } from './data/DuckSession';
export {
  SCHEMAS,
  TABLE_NAMES,
  EVENT_TYPES,
  CUSTOMERS_SCHEMA,
  TRANSACTIONS_SCHEMA,
  EVENTS_SCHEMA,
  type ColumnRole,
  type TableName,
  type EventType,
  type TableSchema,
  type ColumnSpec,
} from './data/schema';
export {
  dataConfigSchema,
  tableSourceSchema,
  pseudonymiseSchema,
  parseDataConfig,
  redactDataConfig,
  configuredTables,
  SOURCE_FORMATS,
  COLUMN_ROLES,
  type DataConfig,
  type TableSource,
  type ColumnMapping,
  type SqlMapping,
  type PseudonymiseConfig,
  type SourceFormat,
  type SourceEncoding,
} from './data/DataConfig';
export { loadTables, type LoadOptions } from './data/loadTables';
export type { LoadResult, LoadedTable, LoadedColumn, PseudonymisationInfo } from './data/LoadResult';
export { profileTables } from './data/profileTables';
export { profileToMarkdown } from './data/profileToMarkdown';
export type { QualityProfile, TableProfile, ColumnProfile, NumericSummary, AmountSummary, TopValue } from './data/QualityProfile';
export { hmacId, resolvePseudonymKey, PSEUDONYM_HEX_CHARS, DEFAULT_KEY_ENV } from './data/pseudonymise';

// features
export { computeFeatures, type FeatureResult, type ComputeFeaturesOptions } from './features/computeFeatures';
export { readFeatureTable, type FeatureTable } from './features/readFeatureTable';
export { planFeatures, type FeaturePlan } from './features/planFeatures';
export { planClickHouseFeatures, type ClickHouseFeaturePlan } from './features/planClickHouseFeatures';
export { computeClickHouseFeatures, type ClickHouseFeatureTable } from './features/computeClickHouseFeatures';
export { rfmScores, type RfmScores } from './features/rfmScores';
export { ENGINE_NAMES, type Engine, type EngineInfo, type EngineName } from './engine/Engine';
export { DuckDbEngine } from './engine/DuckDbEngine';
export { ClickHouseEngine } from './engine/ClickHouseEngine';
export { clickHouseSettingsFromEnv, type ClickHouseSettings } from './engine/ClickHouseSettings';
export { uploadToClickHouse, type UploadResult } from './engine/uploadToClickHouse';
export { prepareClusterInput, type PreparedClusterInput, type ClusterInputSettings, type PreparedColumn } from './features/prepareClusterInput';
export { DEFAULT_CLUSTER_FEATURES } from './features/defaultClusterFeatures';
export { featureConfigSchema, parseFeatureConfig, FEATURE_GROUPS, type FeatureConfig, type FeatureConfigInput, type FeatureGroup } from './features/FeatureConfig';
export type { FeatureDefinition, FeatureColumn, SkippedFeature } from './features/FeatureDefinition';
export { StandardScaler, type StandardScalerParams } from './features/transformers/StandardScaler';
export { StandardScalerModel, type StandardScalerJSON } from './features/transformers/StandardScalerModel';
export { RobustScaler, type RobustScalerParams } from './features/transformers/RobustScaler';
export { RobustScalerModel, type RobustScalerJSON } from './features/transformers/RobustScalerModel';
export { MinMaxScaler, type MinMaxScalerParams } from './features/transformers/MinMaxScaler';
export { MinMaxScalerModel, type MinMaxScalerJSON } from './features/transformers/MinMaxScalerModel';
export { Log1pTransformer, type Log1pTransformerParams } from './features/transformers/Log1pTransformer';
export { Log1pTransformerModel, type Log1pTransformerJSON } from './features/transformers/Log1pTransformerModel';
export { Winsorizer, type WinsorizerParams } from './features/transformers/Winsorizer';
export { WinsorizerModel, type WinsorizerJSON } from './features/transformers/WinsorizerModel';
export { SimpleImputer, type SimpleImputerParams } from './features/transformers/SimpleImputer';
export { SimpleImputerModel, type SimpleImputerJSON } from './features/transformers/SimpleImputerModel';
export { OneHotEncoder, type OneHotEncoderParams } from './features/transformers/OneHotEncoder';
export { OneHotEncoderModel, type OneHotEncoderJSON } from './features/transformers/OneHotEncoderModel';
export { transformerFromJSON, type FittedTransformer } from './features/transformers/transformerFromJSON';
export { TRANSFORMER_SCHEMA_VERSION, type TransformerJSON, type FittedNumericTransformer } from './features/transformers/Transformer';
export { TRANSFORMERS, transformerEntries, type TransformerKind, type NumericTransformerKind } from './features/transformers/transformers';
export type { TransformerEntry, AnyTransformerEntry, TransformerInputKind } from './features/transformers/TransformerEntry';
export { RARE_CATEGORY, MISSING_CATEGORY, type StringColumns, type EncodedColumn } from './features/transformers/OneHotEncoderModel';
export { RFM_SEGMENTS, NO_PURCHASE_SEGMENT, RFM_GRID, rfmSegment, fmScore, type RfmSegmentName } from './features/rfmSegment';

// cluster
export { CLUSTER_SCHEMA_VERSION, NOISE, type ClusterModel, type FitOptions } from './cluster/ClusterModel';
export { CLUSTERERS, CLUSTER_ALGORITHMS, clustererEntry, clustererEntries, type ClusterAlgorithm } from './cluster/clusterers';
export type { ClustererEntry, AnyClustererEntry, ClusterInputKind } from './cluster/ClustererEntry';
export { validateClusterInput, validateSampleWeight, type ClusterInputChecks } from './cluster/validateClusterInput';
export { KMeans, KMEANS_ALGORITHMS, type KMeansParams, type ResolvedKMeansParams, type KMeansAlgorithm, type KMeansInit } from './cluster/kmeans/KMeans';
export { KMeansModel, type KMeansJSON } from './cluster/kmeans/KMeansModel';
export { MiniBatchKMeans, type MiniBatchKMeansParams, type ResolvedMiniBatchKMeansParams } from './cluster/minibatch/MiniBatchKMeans';
export { MiniBatchKMeansModel, type MiniBatchKMeansJSON } from './cluster/minibatch/MiniBatchKMeansModel';
export type { ThreadsOption } from './cluster/kmeans/kmeansParams';
export { CentroidModel, type CentroidFit } from './cluster/kmeans/CentroidModel';
export { GaussianMixture, COVARIANCE_TYPES, GMM_INITS, type GaussianMixtureParams, type ResolvedGaussianMixtureParams, type CovarianceType, type GmmInit } from './cluster/mixture/GaussianMixture';
export { GaussianMixtureModel, type GaussianCovariances, type GaussianMixtureJSON } from './cluster/mixture/GaussianMixtureModel';
export { clusterAssignSql, ASSIGN_SQL_DIALECTS, ASSIGNABLE_CLUSTERINGS, type AssignSqlDialect, type ClusterAssignSqlOptions } from './cluster/sql/clusterAssignSql';
export { KDTree, type KDTreeOptions, type KNearestResult } from './cluster/dbscan/KDTree';
export { DBSCAN, type DBSCANParams } from './cluster/dbscan/DBSCAN';
export { DBSCANModel, type DBSCANJSON } from './cluster/dbscan/DBSCANModel';
export { suggestEps, type EpsSuggestion, type EpsMethod, type KneeRule, type SuggestEpsOptions } from './cluster/dbscan/suggestEps';
export { CategoricalMatrix, MISSING_LEVEL, mixedMatrix, type MixedMatrix, type MissingPolicy } from './cluster/CategoricalMatrix';
export { KPrototypes, KPROTOTYPES_INITS, type KPrototypesInit, KPROTOTYPES_GAMMA_RULES, type KPrototypesGammaRule, type KPrototypesParams, type ResolvedKPrototypesParams } from './cluster/kprototypes/KPrototypes';
export { KPrototypesModel, type KPrototypesJSON, type KPrototypesFit, type KPrototypesCostParts } from './cluster/kprototypes/KPrototypesModel';
export { PCA, PCAModel, PCA_SCHEMA_VERSION, type PCAParams, type PCAJSON } from './decomposition/PCA';
export { DECOMPOSITIONS } from './decomposition/decompositions';
export type { DecompositionEntry, FittedDecomposition } from './decomposition/DecompositionEntry';
export { silhouetteScore, silhouetteScores, silhouetteSamples, SILHOUETTE_EXACT_MAX_ROWS, type SilhouetteOptions, type SilhouetteResult, type SilhouetteSamples, type SilhouetteClusterSummary } from './cluster/metrics/silhouette';
export { calinskiHarabasz } from './cluster/metrics/calinskiHarabasz';
export { daviesBouldin } from './cluster/metrics/daviesBouldin';
export { adjustedRandIndex } from './cluster/metrics/adjustedRandIndex';
export { normalizedMutualInfo, type NmiAverage } from './cluster/metrics/normalizedMutualInfo';
export { contingencyTable, type ContingencyTable } from './cluster/metrics/contingency';
export type { LabelsInput } from './cluster/metrics/clusterLabels';
export { kneedle, type KneedleOptions, type KneedleResult, type KneeCurve, type KneeDirection } from './cluster/metrics/kneedle';
export { gapStatistic, gapRule, type GapOptions, type GapResult, type GapRow, type GapReference, type ClusterFn } from './cluster/metrics/gapStatistic';
export { selectK, decideK, SELECTION_RULE, SELECTION_RULES, GAP_FIRST_RULE, SELECTION_CRITERIA, SELECT_K_DEFAULTS, MODEL_SELECTION_SCHEMA_VERSION, type SelectKOptions, type ModelSelectionResult, type KCandidate, type CriterionVote, type SelectionCriterion, type SelectionMetric, type SelectionRuleName, type ClusterEstimator, type EstimatorFactory } from './cluster/selection/selectK';
export { K_SELECTION_CRITERIA, selectionCriteria, selectionMetrics } from './cluster/selection/kSelectionCriteria';
export type { SelectionCriterionEntry, AnySelectionCriterion, CriterionFit, CriterionSweep, CriterionMeasure } from './cluster/selection/SelectionCriterionEntry';
export { bootstrapStability, STABILITY_THRESHOLDS, STABILITY_SCHEMA_VERSION, type StabilityOptions, type StabilityResult, type ClusterStability, type StabilityVerdict, type StabilityFactory, type StabilityEstimator, type StabilityInput } from './cluster/selection/stability';
export { hungarian, matchClusters, relabel, type Assignment, type ClusterMatch, type ClusterMatching, type MatchClustersOptions } from './cluster/matching/matchClusters';

// synthetic data
export { writeSynthetic, GENERATOR_VERSION, GROUND_TRUTH_COLUMNS, type SynthSummary, type SynthQuarterSummary, type SynthTable } from './synth/writeSynthetic';
export { resolveSynthParams, BASELINE_DRIFT, DEFAULT_DRIFT, DEFAULT_QUARTERS, DEFAULT_START_DATE, type SynthParams, type ResolvedSynthParams, type DriftSpec } from './synth/synthParams';
export { SEGMENTS, SEGMENT_PROFILES, MATURE_SHOP_MIX, type Segment, type SegmentProfile } from './synth/segments';

// models
export { loadTensorflow, type TfBackendChoice, type TfBackendName } from './models/tfBackend';
export { MODELS, logisticRegressionEntry } from './models/models';
export type { ModelEntry, ModelName, FittedModel, BinaryLabels, FitOptions as ModelFitOptions } from './models/ModelEntry';
export { LogisticRegression } from './models/linear/LogisticRegression';
export { LogisticRegressionModel, LOGISTIC_REGRESSION_SCHEMA_VERSION, logistic, type LogisticRegressionJSON, type LogisticTerm, type LogisticConvergence, type LogisticTraining } from './models/linear/LogisticRegressionModel';
export { logisticRegressionParamsSchema, LOGISTIC_PENALTIES, LOGISTIC_SOLVERS, type LogisticRegressionParams, type ResolvedLogisticRegressionParams, type LogisticPenalty, type LogisticSolver, type ClassWeight } from './models/linear/logisticRegressionParams';
export { rocAuc } from './models/evaluation/rocAuc';
export { averagePrecision } from './models/evaluation/averagePrecision';
export { logLoss, LOG_LOSS_EPS } from './models/evaluation/logLoss';
export { brierScore } from './models/evaluation/brierScore';
export { calibrationCurve, CALIBRATION_STRATEGIES, type CalibrationCurve, type CalibrationBin, type CalibrationOptions, type CalibrationStrategy } from './models/evaluation/calibrationCurve';
export { expectedCalibrationError } from './models/evaluation/expectedCalibrationError';
export { liftTable, type LiftTable, type LiftRow } from './models/evaluation/liftTable';
export { confusionMatrix, type ConfusionMatrix } from './models/evaluation/confusionMatrix';
export { chooseThreshold, type ThresholdRule, type ThresholdChoice } from './models/evaluation/chooseThreshold';
export { METRIC_NAMES, type MetricName, type MetricCore } from './models/evaluation/evaluationMetrics';
export { bootstrapInterval, type BootstrapOptions, type ConfidenceInterval } from './models/evaluation/bootstrapInterval';
export type { Scores, SampleWeights } from './models/evaluation/binaryInput';
export type { Split } from './models/evaluation/Split';
export { stratifiedKFold } from './models/evaluation/stratifiedKFold';
export { outOfTimeSplit } from './models/evaluation/outOfTimeSplit';
export { PlattScaling, PlattCalibrator, PLATT_SCHEMA_VERSION, type PlattParams, type PlattJSON } from './models/evaluation/PlattScaling';
export { CALIBRATION_METHODS, fitCalibrator, calibratorFromJSON, calibratedProbability, calibrationMethodOf, type Calibrator, type CalibrationMethod } from './models/evaluation/Calibrator';
export { defaultSearchSpace } from './models/defaultSearchSpace';
export { IsotonicCalibration, IsotonicCalibrator, ISOTONIC_SCHEMA_VERSION, type IsotonicParams, type IsotonicJSON } from './models/evaluation/IsotonicCalibration';
export { permutationImportance, type PermutationImportance, type PermutationImportanceOptions, type FeatureImportance } from './models/evaluation/permutationImportance';
export { crossValidate, type CrossValidation, type CrossValidateOptions, type FoldResult, type MetricValues } from './models/evaluation/crossValidate';
export { searchParams, drawCandidates, type SearchSpace, type ParamRange, type SearchOptions, type SearchResult, type SearchCandidate } from './models/evaluation/searchParams';
export { topReasons, type TopReasonsOptions, type FeatureLabel, type Reason } from './models/evaluation/topReasons';
// models: the models: config section, point-in-time labels and training sets, the design matrix
export { modelsConfigSchema, modelsSearchSchema, modelTargetSchema, propensityEventSchema, parseModelsConfig, MODEL_NAMES, VALIDATION_SCHEMES, type ModelsSearch, type ModelsConfig, type ModelsConfigInput, type ModelTarget, type ModelTargetKind, type PropensityEvent, type ValidationScheme } from './models/ModelsConfig';
export { buildTrainingSet, type BuildTrainingSetOptions } from './models/labels/buildTrainingSet';
export { trainAndScore, AUTO_FAMILIES, designEncodingOf, familyFitParams, kFoldSplits, type TrainedModel, type TrainAndScoreOptions } from './models/trainAndScore';
export { MODEL_CARD_SCHEMA_VERSION, type ModelCard } from './models/ModelCard';
export { savedModelFromJSON, savedModelToJSON, savedModelProbability, SAVED_MODEL_SCHEMA_VERSION, type SavedModel } from './models/SavedModel';
export { scoreProgramToSql, type ScoreSql, type ScoreSqlOptions } from './models/sql/scoreProgramToSql';
export type { ScoreCalibration, ScoreProgram, TreeNode as ScoreTreeNode } from './models/sql/ScoreProgram';
export { evaluateScoreProgram, programProbability } from './models/sql/evaluateScoreProgram';
export { modelScoreProgram } from './models/sql/modelScoreProgram';
export { modelScoreSql } from './models/sql/modelScoreSql';
export { designSql } from './models/sql/designSql';
export { Mlp } from './models/mlp/Mlp';
export { MlpModel } from './models/mlp/MlpModel';
export { mlpEntry } from './models/mlp/mlpEntry';
export { predictionSummary, type RunPrediction } from './pipeline/predictionSummary';
export { segmentDrivers, segmentDriversSchema, type SegmentDrivers } from './pipeline/segmentDrivers';
export { modelCardSchema } from './pipeline/modelCardSchema';
export { scoreWithModel, type ModelScoring } from './pipeline/scoreWithModel';
export type { PredictionSummary } from './report/PredictionSummary';
export { modelCardMarkdown } from './report/modelCardMarkdown';
export type { TrainingSet, TrainingSnapshot, LabelDefinition } from './models/labels/TrainingSet';
export type { FeatureFrame, DesignColumn } from './models/design/FeatureFrame';
export { DesignEncoder, DESIGN_ENCODINGS, missingValuesPolicy, type DesignEncoding, type DesignColumnSpec, type DesignEncoderJSON } from './models/design/DesignEncoder';
export { fitDesignEncoder, type DesignEncoderOptions } from './models/design/fitDesignEncoder';
export { HistGradientBoosting } from './models/trees/HistGradientBoosting';
export { HistGradientBoostingModel, type HistGradientBoostingModelJSON } from './models/trees/HistGradientBoostingModel';
export { histGradientBoostingParamsSchema, type HistGradientBoostingParams } from './models/trees/histGradientBoostingParams';
export { RandomForest } from './models/trees/RandomForest';
export { RandomForestModel, type RandomForestModelJSON } from './models/trees/RandomForestModel';
export { randomForestParamsSchema, type RandomForestParams } from './models/trees/randomForestParams';
export { histGradientBoostingEntry, randomForestEntry } from './models/trees/treeModels';
export { treeShap, type TreeShapResult } from './models/trees/treeShap';

// personas (data only)
export { LOCALES, type Locale } from './core/Locale';
export { localeFormatter, type LocaleFormatter } from './core/localeFormatter';
export { buildPersonas } from './personas/buildPersonas';
export { resolvePersonaParams, PERSONA_DEFAULTS, type PersonaParams } from './personas/PersonaParams';
export type { PersonaColumn, PersonaInput } from './personas/PersonaInput';
export { compareSizes, DEFAULT_ALERT_THRESHOLD, type PublishedSize, type SegmentPair } from './personas/compareSizes';
export { carriedName, type PreviousSegmentName } from './personas/nameSegments';
export { chiSquare2x2, type ChiSquare2x2Result } from './stats/chiSquare2x2';
export {
  PERSONA_RESULT_SCHEMA_VERSION,
  KPI_KEYS,
  ARCHETYPE_IDS,
  ACTION_IDS,
  type PersonaResult,
  type SegmentPersona,
  type SuppressedSegment,
  type SegmentEntry,
  type KpiDefinition,
  type KpiKey,
  type KpiValues,
  type NumericTrait,
  type CategoricalTrait,
  type PersonaCard,
  type PersonaAction,
  type ArchetypeId,
  type ActionId,
  type RfmGrid,
  type SizeChange,
} from './personas/PersonaResult';

// rules: segment definitions for production (JSON Logic + SQL)
export {
  compileJsonLogic,
  jsonLogicTruthy,
  JSON_LOGIC_OPERATORS,
  InvalidRuleError,
  UnsupportedOperatorError,
  RuleLimitError,
  type CompiledRule,
  parseCondition,
  conditionFields,
  conditionText,
  readsMissingAsInfinity,
  simplifyCondition,
  type SimplifyConditionOptions,
  explicitBundle,
  missingAsInfinityFields,
  compileBundle,
  type CompiledBundle,
  CONDITION_OPERATORS,
  type Condition,
  type FieldTypes,
  RULE_BUNDLE_SCHEMA_VERSION,
  type RuleBundle,
  type SegmentRule,
  type SegmentNames,
  type ScoreRule,
  type BundleField,
  type BundleCheck,
  ruleBundleSchema,
  bundleJsonSchema,
  BUNDLE_JSON_SCHEMA_PATH,
  parseBundleJson,
  bundleChecksum,
  canonicalJson,
  ColumnarScorer,
  type ScoringColumns,
  runGate,
  DEFAULT_GATE,
  type GateThresholds,
  type GateEvidence,
  type CoverageEvidence,
  diffBundles,
  formatBundleDiff,
  type BundleDiff,
  bundleMoves,
  formatBundleMoves,
  type BundleMoves,
  parseRuleSpec,
  ruleSpecSchema,
  type RuleSpec,
  SQL_DIALECTS,
  type SqlDialect,
  conditionToSql,
  bundleToSql,
  bundleCaseSql,
  quoteIdentifier as quoteSqlIdentifier,
  quoteLiteral as quoteSqlLiteral,
  DecisionTree,
  DecisionTreeModel,
  CLASSIFIERS,
  type ClassifierEntry,
  type FittedClassifier,
  extractRules,
  roundThresholds,
  evaluateRules,
  fidelityReport,
  surrogateRules,
  DEFAULT_DISTINCTIVE_WITHIN,
  MAX_DEPTH_LIMIT,
  type FidelityReport,
  type SurrogateRulesResult,
} from './rules';
export { exportRun, type ExportOptions, type ExportResult, type SegmentSizes } from './pipeline/exportRun';
export { scoreWithBundle, readBundle, readScoringInput, SCORING_ENGINES, type ScoringEngine, type ScoreResult } from './pipeline/scoreWithBundle';

// viz and notebook display
export type { Figure, Trace } from './viz/Figure';
export { barChart, type BarChartOptions } from './viz/barChart';
export { histogram, type HistogramOptions } from './viz/histogram';
export { countsFigure } from './viz/countsFigure';
export { missingValuesFigure } from './viz/missingValuesFigure';
export { lineChart, type LineChartOptions } from './viz/lineChart';
export { scatterByGroup, type ScatterByGroupOptions } from './viz/scatterByGroup';
export { segmentSizesFigure, type SegmentSizesOptions } from './viz/segmentSizesFigure';
export { traitHeatmapFigure, type TraitHeatmapOptions } from './viz/traitHeatmapFigure';
export { traitBarFigure } from './viz/traitBarFigure';
export { rfmGridFigure, type RfmGridFigureOptions } from './viz/rfmGridFigure';
export { selectionCurveFigure, type SelectionCurveOptions } from './viz/selectionCurveFigure';
export { stabilityFigure, type StabilityFigureOptions } from './viz/stabilityFigure';
export { sizeComparisonFigure, type SizeComparisonOptions } from './viz/sizeComparisonFigure';
export { migrationHeatmapFigure, type MigrationHeatmapOptions } from './viz/migrationHeatmapFigure';
export { distributionBarsFigure, type DistributionBarsOptions } from './viz/distributionBarsFigure';
export { inertFigure } from './viz/inertFigure';
export { roundSig, roundSigAll } from './viz/roundSig';
export { figureHtml, frameHtml, tableHtml, plotlyScriptHtml, toDataFrame, type DataFrameLike, type TableLike } from './notebook/display';

// report (quarterly segment review)
export { REPORT_DATA_SCHEMA_VERSION, type ReportData, type SelectionCurves, type StabilitySummary, type ProjectionSample, type QualitySummary } from './report/ReportData';
export { renderReportHtml, type RenderReportHtmlOptions } from './report/renderReportHtml';
export { renderReportMarkdown } from './report/renderReportMarkdown';
export { renderPersonaCardsHtml } from './report/renderPersonaCardsHtml';
export { kpiTable } from './report/kpiTable';
export { reportFigures, type ReportFigure } from './report/reportFigures';
export { personaFigureId } from './report/sections/personasSection';
export { REPORT_SECTIONS, type ReportSection } from './report/ReportSection';
export { reportStrings, REPORT_STRINGS, type ReportStrings } from './report/reportStrings';
export { formatKpi } from './report/formatKpi';
// reportFormatter / ReportFormatter: the names the locale formatter had when it was the report's own.
export { localeFormatter as reportFormatter, type LocaleFormatter as ReportFormatter } from './core/localeFormatter';
export { escapeMarkdown } from './report/escapeMarkdown';
export { exportPdf, chromiumPath, CHROMIUM_ARGS, DEFAULT_CHROMIUM, type ExportPdfOptions } from './report/exportPdf';

// pipeline
export { runConfigSchema, STAGE_NAMES, DEFAULT_STAGES, type RunConfig, type RunConfigInput, type StageName } from './pipeline/RunConfig';
export { exportConfigSchema, type ExportConfig } from './pipeline/ExportConfig';
export { loadRunConfig, parseRunConfig, type LoadedRunConfig, type RunConfigOverrides } from './pipeline/loadRunConfig';
export { runPipeline, type RunOptions, type RunResult } from './pipeline/runPipeline';
export type { Manifest, StageTiming } from './pipeline/Manifest';
export { dataConfigFromPath } from './pipeline/dataConfigFromPath';
export { clusterConfigSchema, MATCH_MAX_DISTANCE_DEFAULT, type ClusterConfig, type ClusterConfigInput } from './pipeline/ClusterConfig';
export { matchPreviousRun, segmentCentres, type PreviousRun, type RunMatching, type SegmentCentres } from './cluster/summary/matchPreviousRun';
export { readPreviousRun } from './pipeline/readPreviousRun';
export { CLUSTER_RESULT_SCHEMA_VERSION, type ClusterResult, type SegmentSummary } from './cluster/summary/ClusterResult';
export { clusterEstimator } from './pipeline/clusterEstimator';
export { reportConfigSchema, type ReportConfig } from './pipeline/ReportConfig';
export { assembleReport, type ReportInputs } from './pipeline/assembleReport';
export { reportRun, assembleRunReport, type ReportRunOptions } from './pipeline/reportRun';

// Customer lifetime value (clv/): the transaction summary, the purchase and spend models, CLV.
export { clvSummary, type ClvSummaryOptions } from './clv/clvSummary';
export { clvSummarySql, type ClvSummarySqlOptions } from './clv/clvSummarySql';
export { CLV_TIME_UNITS, daysPerUnit, type ClvTimeUnit } from './clv/ClvTimeUnit';
export type { ClvSummary, ClvData } from './clv/ClvData';
export { PURCHASE_MODEL_NAMES, type ClvModelName, type PurchaseModelName } from './clv/ClvModelName';
export { clvBySegment, highValueThreshold, type ClvSegmentValue, type HighValueBand } from './clv/clvBySegment';
export { clvConfigSchema, type ClvConfig } from './pipeline/ClvConfig';
export { clvFileSchema, CLV_FILE_SCHEMA_VERSION, type ClvFile } from './pipeline/ClvResult';
export { CLV_MODELS, bgNbdEntry, mbgNbdEntry, paretoNbdEntry, gammaGammaEntry } from './clv/clvModels';
export type { ClvModelEntry, PurchaseModelEntry, SpendModelEntry } from './clv/ClvModelEntry';
export { purchaseModelParamsSchema, type PurchaseModelParams, type ResolvedPurchaseModelParams } from './clv/clvFitParams';
export { PurchaseEstimator } from './clv/PurchaseEstimator';
export { PurchaseModel, PURCHASE_MODEL_SCHEMA_VERSION, type PurchaseModelJSON } from './clv/PurchaseModel';
export { GammaGamma, gammaGammaParamsSchema, type GammaGammaParams } from './clv/GammaGamma';
export { GammaGammaModel, GAMMA_GAMMA_SCHEMA_VERSION, type GammaGammaJSON } from './clv/GammaGammaModel';
export { customerLifetimeValue, PERIODS_PER_MONTH, type CustomerLifetimeValueOptions } from './clv/customerLifetimeValue';
export { predictCustomers, type CustomerPredictions, type PredictCustomersOptions } from './clv/predictCustomers';
export { summaryRfmScores, type SummaryRfmScores } from './clv/summaryRfmScores';
export { CDNOW_PERIODS, loadCdnowTransactions } from './clv/loadCdnowTransactions';
export { ConvergenceError } from './clv/ConvergenceError';
export { calibrationHoldoutByFrequency, type CalibrationHoldoutByFrequency } from './clv/calibrationHoldoutByFrequency';
export { cumulativeTransactions, type CumulativeTransactions, type CumulativeTransactionsOptions } from './clv/cumulativeTransactions';
export { frequencyRecencyMatrix, type FrequencyRecencyMatrix, type FrequencyRecencyMatrixOptions } from './clv/frequencyRecencyMatrix';
export type { FitStart } from './clv/maximumLikelihood';

// Experiments (experiments/): A/B test analysis per segment, sample sizes, survey sizes.
export { ALTERNATIVES, type Alternative } from './experiments/Alternative';
export type { Interval } from './experiments/Interval';
export { proportionsZTest, type ZTestResult } from './experiments/proportionsZTest';
export { wilsonInterval } from './stats/wilsonInterval';
export { newcombeInterval } from './stats/newcombeInterval';
export { riskRatioInterval } from './experiments/riskRatioInterval';
export { fisherExact, type FisherResult } from './experiments/fisherExact';
export { welchTTest, type WelchResult } from './experiments/welchTTest';
export { mannWhitneyU, type MannWhitneyResult } from './experiments/mannWhitneyU';
export { bootstrapMeanDifference, type BootstrapOptions as BootstrapDifferenceOptions } from './experiments/bootstrapMeanDifference';
export { cuped, type CupedResult } from './experiments/cuped';
export { adjustPValues, P_VALUE_CORRECTIONS, type PValueCorrection } from './experiments/adjustPValues';
export { sampleRatioMismatch, type SampleRatioResult } from './experiments/sampleRatioMismatch';
export { effectHeterogeneity, type HeterogeneityResult } from './experiments/effectHeterogeneity';
export { normalIndPower, tTestIndPower, proportionEffectSize } from './experiments/power';
export { planExperiment, surveySampleSize, type PlanSettings, type ExperimentPlan, type PlanMetric, type SurveySize } from './experiments/planExperiment';
export { EXPERIMENT_TESTS, runExperimentTest, type ExperimentTestEntry, type ExperimentTestName, type TwoSampleTestResult } from './experiments/experimentTests';
export { analyseExperiment, type ExperimentUnit, type ExperimentSettings } from './experiments/analyseExperiment';
export type { ExperimentResult, EffectEstimate, ArmSummary, ExperimentMetric, Verdict } from './experiments/ExperimentResult';
export { readExperimentUnits, type ExperimentFiles, type ExperimentUnits } from './experiments/readExperimentUnits';
export { loadExperimentConfig, experimentConfigSchema, type ExperimentConfig } from './experiments/experimentConfig';
export { runExperiment, type ExperimentRun } from './pipeline/runExperiment';
export { experimentMarkdown, planMarkdown, surveyMarkdown } from './report/experimentMarkdown';
export { simulateExperiment, type SimulatedExperiment, type SimulatedExperimentSpec } from './synth/simulateExperiment';
export { writeSyntheticExperiment, SYNTH_EXPERIMENT } from './synth/writeSyntheticExperiment';
export { normalSf, normalCdf, normalPpf, studentTSf, studentTCdf, studentTPpf, chiSquareSf, noncentralTCdf } from './stats/distributionTails';
export { hyp2f1, hyp2f1AtMany, logHyp2f1 } from './clv/special/hyp2f1';
// Per-feature drift (drift/, issue 16): the tests, their registry and compareFeatures.
export type { DriftColumnKind, DriftTestName, DriftStatisticKind, DriftDistribution, FeatureDrift, FeatureDriftResult } from './drift/DriftResult';
export type { DriftTable, DriftNumberColumn, DriftCategoryColumn } from './drift/DriftTable';
export { compareFeatures, featureDriftSettingsSchema, type FeatureDriftSettings } from './drift/compareFeatures';
export { DRIFT_TESTS, runDriftTest, type DriftTestEntry, type DriftTestOutcome, type DriftSample } from './drift/driftTests';
export { ksTest, KS_MAX_EXACT_N, type KsMethod, type KsResult } from './drift/ksTest';
export { chiSquareDrift, type ChiSquareDriftResult } from './drift/chiSquareDrift';
export { zTestDrift, zTestDriftCounts, type ZTestDriftResult } from './drift/zTestDrift';
export { psi, psiLevels, PSI_FLOOR, type PsiResult } from './drift/psi';
export { jensenShannonDistance } from './drift/jensenShannonDistance';
export { wassersteinNormed, type WassersteinResult } from './drift/wassersteinNormed';
export { chiSquareGoodnessOfFit, type ChiSquareGofResult } from './stats/chiSquareGoodnessOfFit';
export { kstwoSf, smirnovSf } from './stats/kstwoSf';
// Drift between runs (issue 16): segments between quarters, rule and score drift, compareRuns and drift.json.
export type { MatchedSegments, SegmentCount } from './drift/MatchedSegments';
export { segmentSizeShift } from './drift/segmentSizeShift';
export { segmentFigures, type SegmentFigures, type FigureColumns, type KpiFigure } from './drift/segmentFigures';
export { kpiAlerts, DEFAULT_KPI_ALERT_THRESHOLD } from './drift/kpiAlerts';
export { migrationMatrix, DEFAULT_BIGGEST_FLOWS, type RunMembership } from './drift/migrationMatrix';
export { ruleDrift, NO_RULE, NO_PARTNER, type RuleDriftInput } from './drift/ruleDrift';
export { centreDistance } from './drift/centreDistance';
export { compareRuns, compareDriftRuns, readDriftRun, writeDriftFiles, type DriftRun } from './pipeline/compareRuns';
export { driftConfigSchema, DEFAULT_SCORE_PSI_THRESHOLD, type DriftConfig, type DriftConfigInput } from './pipeline/DriftConfig';
export { driftReportSchema, readDriftReport } from './pipeline/driftReportSchema';
export { matchRunSegments } from './pipeline/matchRunSegments';
export { driftMarkdown } from './report/driftMarkdown';
export type { DriftReport, SegmentSizeShift, KpiAlert, MigrationMatrix, SegmentDrift, RuleDrift, ScoreDrift } from './drift/DriftResult';
