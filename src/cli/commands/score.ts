import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors';
import { scoreWithBundle, scoreWithModel, SCORING_ENGINES, type ScoringEngine } from '../../pipeline';
import type { CliContext } from '../CliContext';
import { CSV_RAW_HELP } from '../options';

/** `seglab score`: customers to segments (or lead scores) with an exported bundle. */
export function scoreCommand(program: Command, cli: CliContext): void {
  program
    .command('score')
    .description('Assign customers to segments (or lead scores) with an exported bundle, or score them with a churn / propensity model; writes CSV customer_id,segment (or customer_id,probability).')
    .option('--rules <bundle>', 'a bundle written by `seglab export` (segments.vN.json)')
    .option('--model <model.json>', "a run's model.json (models stage): writes customer_id,probability")
    .requiredOption('--input <file>', 'one row per customer with customer_id and the fields the rules read (.parquet, .csv, .json)')
    .requiredOption('--out <file>', 'CSV to write')
    .addOption(new Option('--engine <engine>', 'in process on typed arrays, or the bundle SQL pushed down to DuckDB').choices([...SCORING_ENGINES]).default('columnar'))
    .option('--csv-raw', CSV_RAW_HELP)
    .action(async (opts: { rules?: string; model?: string; input: string; out: string; engine: ScoringEngine; csvRaw?: boolean }) => {
      if ((opts.rules === undefined) === (opts.model === undefined)) throw new UsageError('seglab score needs exactly one of --rules <bundle> and --model <model.json>.');
      if (opts.model !== undefined) {
        const m = await scoreWithModel(resolve(opts.model), resolve(opts.input), { out: resolve(opts.out), csvFormulaGuard: !opts.csvRaw });
        if (!cli.quiet()) process.stderr.write(`scored ${m.rows.toLocaleString('en-US')} customers with the ${m.family} model in ${m.seconds.toFixed(2)} s — mean probability ${m.meanProbability.toFixed(4)}\n`);
        process.stdout.write(`${m.out}\n`);
        return;
      }
      const r = await scoreWithBundle(resolve(opts.rules!), resolve(opts.input), { out: resolve(opts.out), engine: opts.engine, csvFormulaGuard: !opts.csvRaw });
      const counts = r.counts ? ` — ${[...r.counts].sort((a, b) => a[0] - b[0]).map(([id, n]) => `segment ${id}: ${n.toLocaleString('en-US')}`).join(', ')}` : '';
      if (!cli.quiet()) process.stderr.write(`scored ${r.rows.toLocaleString('en-US')} customers with ${r.engine} in ${r.seconds.toFixed(2)} s${counts}\n`);
      process.stdout.write(`${r.out}\n`);
    });
}
