import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from '../../core/errors';
import { LOCALES, type Locale } from '../../core/Locale';
import { type Alternative, ALTERNATIVES, planExperiment, planMarkdown, surveyMarkdown, surveySampleSize, type PlanMetric } from '../../pipeline';
import type { CliContext } from '../CliContext';

const num = (name: string) => (v: string) => {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new InvalidArgumentError(`${name} must be a number, got "${v}".`);
  return x;
};

/** `seglab sample-size`: customers per variant for a test, the effect a size detects, or respondents for a survey. */
export function sampleSizeCommand(program: Command, _cli: CliContext): void {
  program
    .command('sample-size')
    .description('Plan a test or a survey: customers per variant for a minimum effect (or the effect a size detects), days from daily traffic, survey respondents with the finite population correction.')
    .addOption(new Option('--metric <metric>', 'what the test compares').choices(['proportion', 'mean', 'survey']).default('proportion'))
    .option('--baseline <x>', "control's rate (proportion) or mean (mean)", num('--baseline'))
    .option('--sd <x>', 'standard deviation per customer (mean)', num('--sd'))
    .option('--effect <x>', 'smallest absolute difference worth detecting (0.02 = +2 points)', num('--effect'))
    .option('--n <n>', 'customers per variant: gives the minimum detectable effect instead', num('--n'))
    .option('--alpha <x>', 'significance level', num('--alpha'), 0.05)
    .option('--power <x>', 'power', num('--power'), 0.8)
    .option('--ratio <x>', 'treatment size / control size', num('--ratio'), 1)
    .addOption(new Option('--alternative <alt>', 'alternative hypothesis').choices([...ALTERNATIVES]).default('two-sided'))
    .option('--daily <n>', 'eligible customers per day (gives the duration)', num('--daily'))
    .option('--share <x>', 'share of daily traffic put into the test', num('--share'))
    .option('--margin <x>', 'survey: margin of error (0.05 = ±5 points)', num('--margin'), 0.05)
    .option('--level <x>', 'survey: confidence level', num('--level'), 0.95)
    .option('--population <n>', 'survey: customers in the segment (finite population correction)', num('--population'))
    .addOption(new Option('--locale <locale>', 'language of the Markdown').choices([...LOCALES]).default('en'))
    .option('--json', 'print JSON instead of Markdown')
    .action((opts: { metric: PlanMetric | 'survey'; baseline?: number; sd?: number; effect?: number; n?: number; alpha: number; power: number; ratio: number; alternative: Alternative; daily?: number; share?: number; margin: number; level: number; population?: number; locale: Locale; json?: boolean }) => {
      if (opts.metric === 'survey') {
        const s = surveySampleSize({ margin: opts.margin, level: opts.level, ...(opts.population !== undefined && { population: opts.population }) });
        process.stdout.write(opts.json ? `${JSON.stringify(s, null, 2)}\n` : surveyMarkdown(s, opts.locale));
        return;
      }
      if (opts.baseline === undefined) throw new UsageError(`seglab sample-size --metric ${opts.metric} needs --baseline (the control's ${opts.metric === 'proportion' ? 'rate, e.g. 0.05' : 'mean'}).`);
      if (opts.metric === 'mean' && opts.sd === undefined) throw new UsageError('seglab sample-size --metric mean needs --sd (the standard deviation of the outcome per customer, e.g. from last quarter).');
      const plan = planExperiment({
        metric: opts.metric,
        baseline: opts.baseline as number,
        alpha: opts.alpha,
        power: opts.power,
        ratio: opts.ratio,
        alternative: opts.alternative,
        ...(opts.sd !== undefined && { sd: opts.sd }),
        ...(opts.effect !== undefined && { minimumEffect: opts.effect }),
        ...(opts.n !== undefined && { nobsPerVariant: opts.n }),
        ...(opts.daily !== undefined && { dailyTraffic: opts.daily }),
        ...(opts.share !== undefined && { trafficShare: opts.share }),
      });
      process.stdout.write(opts.json ? `${JSON.stringify(plan, null, 2)}\n` : planMarkdown(plan, opts.baseline as number, opts.locale));
    });
}
