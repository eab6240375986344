/**
 * What the CLI calls: every command is one or two of these functions (the CLI holds no DuckDB session, no
 * COPY, no file format of its own). The library's public API is src/index.ts.
 */
export { TABLE_NAMES, type TableName } from '../data/schema';
export { resolveDataInput, type DataInput, type DataInputSource } from './dataInput';
export { diffRuleBundles } from './diffRuleBundles';
export { compareRuns, writeDriftFiles } from './compareRuns';
export { driftMarkdown } from '../report/driftMarkdown';
export { exportRun, type ExportResult } from './exportRun';
export { featureFile } from './featureFile';
export { loadRunConfig, type RunConfigOverrides } from './loadRunConfig';
export { profileFiles } from './profileFiles';
export { uploadFiles } from './uploadFiles';
export { checkPreviousRun } from './readPreviousRun';
export { reportRun } from './reportRun';
export { parseStageList, runConfigSchema, STAGE_NAMES } from './RunConfig';
export { runPipeline } from './runPipeline';
export { scoreWithBundle, SCORING_ENGINES, type ScoringEngine } from './scoreWithBundle';
export { synthesise } from './synthesise';
export { scoreWithModel, type ModelScoring } from './scoreWithModel';
export { runExperiment, type ExperimentRun } from './runExperiment';
export { ALTERNATIVES, type Alternative } from '../experiments/Alternative';
export { planExperiment, surveySampleSize, type PlanMetric } from '../experiments/planExperiment';
export { experimentMarkdown, planMarkdown, surveyMarkdown } from '../report/experimentMarkdown';
export { writeSyntheticExperiment } from '../synth/writeSyntheticExperiment';
