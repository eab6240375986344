import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite';
import { silentProgress } from '../core/progress';
import { featuresFileSchema } from '../features/featuresFileSchema';
import { clusterResultSchema } from './clusterResultSchema';
import { exportRules, type ExportOptions, type ExportResult, type RulesOutput } from './exportRules';
import { manifestSchema } from './Manifest';
import { assembleRunReport } from './reportRun';
import { RunFolder } from './RunFolder';
import { segmentNamesByLocale } from './segmentNamesByLocale';

export type { ExportOptions, ExportResult, SegmentSizes } from './exportRules';

/**
 * `seglab export <run>`: turn the segments of a run folder (or hand-written rules) into a versioned bundle
 * under `<run>/rules/`: `<name>.vN.json` plus one `<name>.vN.<dialect>.sql` per dialect. The bundle is
 * `validated` only when every check passes, otherwise `draft` with the reasons. An earlier version is never
 * overwritten. The export stage of `seglab run` does the same from the run's own results.
 */
export async function exportRun(runDir: string, options: ExportOptions = {}): Promise<ExportResult> {
  const progress = options.progress ?? silentProgress;
  const run = new RunFolder(runDir);
  const hint = 'run `seglab run` with the features and cluster stages first';
  const manifest = run.read('manifest.json', manifestSchema, hint);
  const cluster = run.read('cluster.json', clusterResultSchema, hint);
  const features = run.read('features.json', featuresFileSchema, hint);

  progress.start('export: read the feature table');
  const table = await run.featureTable();
  progress.end(`${table.rowCount.toLocaleString('en-US')} customers`);
  return exportRules(
    {
      runId: manifest.runId,
      seed: manifest.seed,
      asOf: manifest.asOf,
      dataFingerprints: manifest.inputs.map((i) => i.sha256),
      outcome: manifest.config.outcome,
      cluster,
      features,
      table,
      segmentNames: () => segmentNamesByLocale(async (locale) => (await assembleRunReport(run.dir, { report: { locale, projectionSample: 0 } })).personas, progress),
    },
    folderOutput(join(run.dir, 'rules')),
    options,
  );
}

/** rules/ of an existing run folder: each file written under a temporary name and renamed. */
function folderOutput(dir: string): RulesOutput {
  return {
    existing: () => (existsSync(dir) ? readdirSync(dir) : []),
    write: (file, text) => {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, file);
      writeFileAtomic(path, text);
      return path;
    },
  };
}
