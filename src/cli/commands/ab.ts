import { Option, type Command } from 'commander';
import { LOCALES, type Locale } from '../../core/Locale';
import { experimentMarkdown, runExperiment } from '../../pipeline';
import type { CliContext } from '../CliContext';

/** `seglab ab`: analyse an A/B test overall and per segment (JSON + Markdown). */
export function abCommand(program: Command, cli: CliContext): void {
  program
    .command('ab')
    .description('Analyse an A/B test (conversion or revenue), overall and per segment: lift with intervals, corrected p-values, sample-ratio and peeking checks, a recommendation in words.')
    .requiredOption('--config <file>', 'experiment config (YAML): files, metric, variants, segments (see README, "Experiments")')
    .option('--out <dir>', 'write experiment.json, experiment.md and experiment.fr.md there (default: Markdown on stdout)')
    .addOption(new Option('--locale <locale>', 'language of the Markdown on stdout').choices([...LOCALES]).default('en'))
    .option('--json', 'print the result as JSON on stdout instead of Markdown')
    .action(async (opts: { config: string; out?: string; locale: Locale; json?: boolean }) => {
      const run = await runExperiment(opts.config, opts.out !== undefined ? { out: opts.out } : {});
      const r = run.result;
      if (!cli.quiet()) {
        const o = r.overall;
        process.stderr.write(`${r.experiment}: ${o.treatment.customers} ${r.treatment} vs ${o.control.customers} ${r.control}; overall p = ${o.pValue.toPrecision(3)} (${o.verdict}); ${r.segments.length} segments, ${r.warnings.length} warnings\n`);
      }
      if (opts.out !== undefined) process.stdout.write(`${run.written.join('\n')}\n`);
      else process.stdout.write(opts.json ? `${JSON.stringify(r, null, 2)}\n` : experimentMarkdown(r, opts.locale));
    });
}
