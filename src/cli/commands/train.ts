import type { Command } from 'commander';
import { UsageError } from '../../core/errors';
import { loadRunConfig, runPipeline } from '../../pipeline';
import type { CliContext } from '../CliContext';
import { overrides, runFolderOptions } from '../options';

/** `seglab train`: the churn / propensity model of a config (load, features, models), into a run folder. */
export function trainCommand(program: Command, cli: CliContext): void {
  runFolderOptions(
    program
      .command('train')
      .description('Train and evaluate the churn / propensity model of a config (its models: section) and score every customer: model.json, model-card.md, scores.csv, model.<dialect>.sql in a run folder.')
      .requiredOption('-c, --config <file>', 'run config (YAML) with a models: section'),
  ).action(async (opts: { config: string; data?: string; set?: Record<string, string>; asOf?: string; out?: string; runId?: string; memoryLimit?: string; csvRaw?: boolean }) => {
      const loaded = loadRunConfig(
        opts.config,
        overrides(opts, [
          ...(opts.csvRaw ? [{ path: 'output.csvFormulaGuard', value: false, origin: '--csv-raw' }] : []),
          { path: 'stages', value: ['load', 'features', 'models'], origin: 'seglab train' },
        ]),
      );
      const config = loaded.config;
      if (!config.models) throw new UsageError(`${opts.config} has no models: section; add one (e.g. models: { target: { kind: churn, horizonDays: 90 } }) to train a model.`);
      if (!cli.quiet()) process.stderr.write(`seglab train ${config.name} (asOf ${config.asOf})\n`);
      const result = await runPipeline(config, { baseDir: loaded.baseDir, configPath: loaded.path, outDir: opts.out, runId: opts.runId, progress: cli.progress(), memoryLimit: opts.memoryLimit });
      if (!cli.quiet()) process.stderr.write(`done in ${(result.manifest.totalMs / 1000).toFixed(1)} s\n`);
      process.stdout.write(`${result.dir}\n`);
    });
}
