import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { checkPreviousRun, loadRunConfig, parseStageList, runPipeline, STAGE_NAMES } from '../../pipeline';
import type { CliContext } from '../CliContext';
import { overrides, runFolderOptions } from '../options';

interface RunOpts {
  config: string;
  data?: string;
  set?: Record<string, string>;
  asOf?: string;
  out?: string;
  runId?: string;
  stages?: string;
  memoryLimit?: string;
  csvRaw?: boolean;
  previous?: string;
}

/** `seglab run`: every configured stage of a config, into one run folder. */
export function runCommand(program: Command, cli: CliContext): void {
  runFolderOptions(
    program
      .command('run')
      .description('Run every stage of a config and write a run folder (manifest.json, quality, features) under reports/.')
      .requiredOption('-c, --config <file>', 'run config (YAML)'),
  )
    .addOption(new Option('--stages <list>', `comma-separated subset of: ${STAGE_NAMES.join(', ')}`))
    .option('--previous <run>', "an earlier run folder: this run's segments keep its segment ids (sets cluster.previous)")
    .action(async (opts: RunOpts) => {
      const loaded = loadRunConfig(
        opts.config,
        overrides(opts, [
          ...(opts.csvRaw ? [{ path: 'output.csvFormulaGuard', value: false, origin: '--csv-raw' }] : []),
          ...(opts.stages ? [{ path: 'stages', value: parseStageList(opts.stages), origin: `--stages ${opts.stages}` }] : []),
          // Relative to where the command runs, like any other path given on the command line.
          ...(opts.previous !== undefined ? [{ path: 'cluster.previous', value: resolve(opts.previous), origin: `--previous ${opts.previous}` }] : []),
        ]),
      );
      const config = loaded.config;
      // A previous run that cannot be matched fails now, before anything is loaded.
      checkPreviousRun(config, loaded.baseDir, opts.previous !== undefined ? '--previous' : 'cluster.previous');
      const quiet = cli.quiet();
      if (!quiet) process.stderr.write(`seglab run ${config.name} (asOf ${config.asOf})\n`);
      const result = await runPipeline(config, {
        baseDir: loaded.baseDir,
        configPath: loaded.path,
        outDir: opts.out,
        runId: opts.runId,
        progress: cli.progress(),
        memoryLimit: opts.memoryLimit,
      });
      if (!quiet) process.stderr.write(`done in ${(result.manifest.totalMs / 1000).toFixed(1)} s\n`);
      process.stdout.write(`${result.dir}\n`);
    });
}
