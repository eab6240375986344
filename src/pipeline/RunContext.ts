import type { EngineInfo } from '../engine/Engine';
import type { Progress } from '../core/progress';
import type { DuckSession } from '../data/DuckSession';
import type { LoadResult } from '../data/loadTables';
import type { QualityProfile } from '../data/profileTables';
import type { FeatureResult } from '../features/computeFeatures';
import type { FeatureTable } from '../features/readFeatureTable';
import type { PreparedClusterInput } from '../features/prepareClusterInput';
import type { ClusterResult } from '../cluster/summary/ClusterResult';
import type { RunConfig, StageName } from './RunConfig';
import type { RunWriter } from './RunWriter';
import type { ExportResult } from './exportRules';
import type { RunPrediction } from './predictionSummary';
import type { ClvFile } from './ClvResult';
import type { EngineSample } from './clickHouseFeatureTable';
import type { DriftReport } from '../drift/DriftResult';

/** Typed results of the stages that ran so far; each stage reads earlier ones and adds its own. */
export interface StageResults {
  load?: LoadResult;
  profile?: QualityProfile;
  features?: FeatureResult;
  /** The engine the features stage ran on, when not the embedded DuckDB (manifest.json records it). */
  engine?: EngineInfo;
  /** engine: clickhouse above cluster.engineSample customers: the features stage brought back a seeded sample; the cluster stage assigns everyone on the cluster. */
  engineSample?: EngineSample;
  cluster?: ClusterResult;
  /** The feature table and the clustering input the cluster stage built, so later stages do not redo them. */
  featureTable?: FeatureTable;
  clusterInput?: PreparedClusterInput;
  /** The models stage's card and scores (the report's model section and outcome column read them). */
  models?: RunPrediction;
  /** The clv stage's fits and per-segment aggregates (clv.json; per-customer values are in the feature table) (absent when it did not run or was skipped). */
  clv?: ClvFile;
  /** The drift stage's comparison with the previous run (the review's "What changed"); absent when it did not run or was skipped. */
  drift?: DriftReport;
  /** The export stage's rule bundle (optional stage); its paths are in the finished run folder. */
  export?: ExportResult;
}

export interface RunContext {
  readonly config: RunConfig;
  /** Folder relative data paths resolve against. */
  readonly baseDir: string;
  readonly session: DuckSession;
  readonly progress: Progress;
  readonly writer: RunWriter;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly results: StageResults;
  /** Name of the run folder; set once the load stage has fingerprinted the inputs. */
  runId: string;
  /** The run folder the files end up in (taken after the load stage); until the run ends they are written in writer.dir. */
  runDir?: string;
  /**
   * Record the wall-clock milliseconds of a part of the running stage (the cluster stage's selection, fit,
   * stability): they go to manifest.json's stage timings, never into a result file, so results stay byte-identical.
   */
  timePart(part: string, ms: number): void;
  /** Mark the running stage as skipped, with the reason: manifest.json's stage entry and the log say it. */
  skip(reason: string): void;
}

/** One step of a run. Stages are small objects in a list (see stages/index.ts), not methods of a god object. */
export interface Stage {
  readonly name: StageName;
  readonly description: string;
  run(ctx: RunContext): Promise<void>;
}
