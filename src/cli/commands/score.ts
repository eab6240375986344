import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { scoreWithBundle, SCORING_ENGINES, type ScoringEngine } from '../../pipeline';
import type { CliContext } from '../CliContext';
import { CSV_RAW_HELP } from '../options';

/** `seglab score`: customers to segments (or lead scores) with an exported bundle. */
export function scoreCommand(program: Command, cli: CliContext): void {
  program
    .command('score')
    .description('Assign customers to segments (or lead scores) with an exported bundle; writes CSV customer_id,segment.')
    .requiredOption('--rules <bundle>', 'a bundle written by `seglab export` (segments.vN.json)')
    .requiredOption('--input <file>', 'one row per customer with customer_id and the fields the rules read (.parquet, .csv, .json)')
    .requiredOption('--out <file>', 'CSV to write')
    .addOption(new Option('--engine <engine>', 'in process on typed arrays, or the bundle SQL pushed down to DuckDB').choices([...SCORING_ENGINES]).default('columnar'))
    .option('--csv-raw', CSV_RAW_HELP)
    .action(async (opts: { rules: string; input: string; out: string; engine: ScoringEngine; csvRaw?: boolean }) => {
      const r = await scoreWithBundle(resolve(opts.rules), resolve(opts.input), { out: resolve(opts.out), engine: opts.engine, csvFormulaGuard: !opts.csvRaw });
      const counts = r.counts ? ` — ${[...r.counts].sort((a, b) => a[0] - b[0]).map(([id, n]) => `segment ${id}: ${n.toLocaleString('en-US')}`).join(', ')}` : '';
      if (!cli.quiet()) process.stderr.write(`scored ${r.rows.toLocaleString('en-US')} customers with ${r.engine} in ${r.seconds.toFixed(2)} s${counts}\n`);
      process.stdout.write(`${r.out}\n`);
    });
}
