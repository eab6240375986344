/**
 * seglab's public API. Notebooks and library users import from here (the CommonJS build in dist/cjs,
 * or the ES-module wrapper in dist/esm); anything not exported here is internal.
 */

// core
export { Matrix } from './core/Matrix';
export { Rng } from './core/rng';
export { SeglabError, InputError, UsageError, formatProblems, formatLocation, type Problem, type Location } from './core/errors';
export { assertUnreachable } from './core/assertUnreachable';
export { silentProgress, type Progress } from './core/progress';
export { writeFileAtomic, writeJsonAtomic } from './core/atomicWrite';
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
export { TRANSFORMER_SCHEMA_VERSION, type TransformerJSON, type TransformerKind, type NumericTransformerKind, type FittedNumericTransformer } from './features/transformers/Transformer';
export { RARE_CATEGORY, MISSING_CATEGORY, type StringColumns, type EncodedColumn } from './features/transformers/OneHotEncoderModel';
export { RFM_SEGMENTS, NO_PURCHASE_SEGMENT, RFM_GRID, rfmSegment, fmScore, type RfmSegmentName } from './features/rfmSegment';

// synthetic data
export { writeSynthetic, GENERATOR_VERSION, GROUND_TRUTH_COLUMNS, type SynthSummary, type SynthQuarterSummary, type SynthTable } from './synth/writeSynthetic';
export { resolveSynthParams, BASELINE_DRIFT, DEFAULT_DRIFT, DEFAULT_QUARTERS, DEFAULT_START_DATE, type SynthParams, type ResolvedSynthParams, type DriftSpec } from './synth/synthParams';
export { SEGMENTS, SEGMENT_PROFILES, type Segment, type SegmentProfile } from './synth/segments';

// models
export { loadTensorflow, type TfBackendChoice, type TfBackendName } from './models/tfBackend';

// viz and notebook display
export type { Figure, Trace } from './viz/Figure';
export { barChart, type BarChartOptions } from './viz/barChart';
export { histogram, type HistogramOptions } from './viz/histogram';
export { countsFigure } from './viz/countsFigure';
export { missingValuesFigure } from './viz/missingValuesFigure';
export { figureHtml, tableHtml, plotlyScriptHtml, toDataFrame, type DataFrameLike, type TableLike } from './notebook/display';

// pipeline
export { runConfigSchema, STAGE_NAMES, type RunConfig, type RunConfigInput, type StageName } from './pipeline/RunConfig';
export { loadRunConfig, parseRunConfig, type LoadedRunConfig } from './pipeline/loadRunConfig';
export { runPipeline, type RunOptions, type RunResult, type Manifest, type StageTiming } from './pipeline/runPipeline';
export { dataConfigFromPath } from './pipeline/dataConfigFromPath';
