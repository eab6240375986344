import type { Command } from 'commander';
import { resolve } from 'node:path';
import { synthesise, writeSyntheticExperiment } from '../../pipeline';
import type { CliContext } from '../CliContext';
import { int } from '../options';

/** `seglab synth`: a realistic, reproducible synthetic data set. */
export function synthCommand(program: Command, cli: CliContext): void {
  program
    .command('synth')
    .description('Write a realistic, reproducible synthetic data set (customers, transactions, events, ground truth).')
    .option('--customers <n>', 'number of customers', int('--customers'), 3000)
    .option('--seed <s>', 'random seed', int('--seed'), 42)
    .requiredOption('--out <dir>', 'output folder')
    .option('--no-events', 'skip the events table (faster, for benchmarks)')
    .option('--no-compress', 'write plain .csv instead of .csv.gz')
    .option('--transactions-per-customer <n>', 'calibrate order rates to this mean number of transaction rows per customer', Number)
    .option('--no-drift', 'no drift in the second and later quarters')
    .option('--experiment', 'also write experiment/: a synthetic e-mail offer test (assignments, outcomes, experiment.yaml for seglab ab; the true lifts in truth.json)')
    .option('--mix <shares>', 'segment shares at the end of the first quarter, e.g. lapsed=0.3,promo_hunter=0.25 (segments left out share the rest as in the default mix)')
    .action(async (opts: { customers: number; seed: number; out: string; events: boolean; compress: boolean; transactionsPerCustomer?: number; drift: boolean; mix?: string; experiment?: boolean }) => {
      const summary = await synthesise(
        { customers: opts.customers, seed: opts.seed, events: opts.events, compress: opts.compress, transactionsPerCustomer: opts.transactionsPerCustomer, drift: opts.drift, ...(opts.mix !== undefined ? { mix: opts.mix } : {}) },
        opts.out,
        { progress: cli.progress(), mixOption: '--mix' },
      );
      if (opts.experiment) {
        const dir = writeSyntheticExperiment(resolve(opts.out), summary);
        if (!cli.quiet()) process.stderr.write(`synthetic experiment written to ${dir}\n`);
      }
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    });
}
