import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { LOCALES, type Locale } from '../../core/Locale';
import { reportRun } from '../../pipeline';
import type { CliContext } from '../CliContext';
import { int } from '../options';

interface ReportOpts {
  locale?: Locale;
  previous?: string;
  minGroupSize?: number;
  currency?: string;
  title?: string;
  pdf?: boolean;
  experiment?: string[];
}

/** `seglab report`: personas and the review of an existing run folder. */
export function reportCommand(program: Command, cli: CliContext): void {
  program
    .command('report')
    .description('Personas and the quarterly segment review of a run folder: report.html (offline), report.md, personas.json, report.pdf.')
    .argument('<run>', 'a run folder written by `seglab run` (e.g. reports/sample-20260701-e1679f7e)')
    .addOption(new Option('--locale <locale>', 'language of the report').choices([...LOCALES]))
    .option('--previous <run>', "an earlier run folder: its segments matched to this run's by their centres, sizes and names side by side")
    .option('--min-group-size <n>', 'suppress groups smaller than this (default 50)', int('--min-group-size'))
    .option('--currency <code>', 'ISO 4217 code for money, e.g. EUR')
    .option('--title <text>', 'title of the report')
    .option('--experiment <experiment.json>', 'an A/B test result written by `seglab ab --out` for the experiments section (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option('--pdf', 'also print report.pdf (needs Chromium)')
    .option('--no-pdf', 'no PDF even when Chromium is installed')
    .action(async (run: string, opts: ReportOpts) => {
      const report = {
        ...(opts.locale ? { locale: opts.locale } : {}),
        ...(opts.previous ? { previous: opts.previous } : {}),
        ...(opts.minGroupSize !== undefined ? { minGroupSize: opts.minGroupSize } : {}),
        ...(opts.currency ? { currency: opts.currency } : {}),
        ...(opts.title ? { title: opts.title } : {}),
        ...(opts.pdf !== undefined ? { pdf: opts.pdf } : {}),
        ...(opts.experiment ? { experiments: opts.experiment } : {}),
      };
      const result = await reportRun(run, { report, progress: cli.progress() });
      for (const f of result.files) process.stdout.write(`${resolve(result.dir, f)}\n`);
    });
}
