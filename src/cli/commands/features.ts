import type { Command } from 'commander';
import { featureFile, resolveDataInput } from '../../pipeline';
import type { CliContext } from '../CliContext';
import { CSV_RAW_HELP } from '../options';
import { dataOptions, dataSource, type DataOpts } from './dataOptions';

/** `seglab features`: the per-customer feature table to a file. */
export function featuresCommand(program: Command, cli: CliContext): void {
  dataOptions(program.command('features'))
    .description('Per-customer feature table as of a date (RFM, windows, trend, shares, engagement, demographics).')
    .requiredOption('-o, --out <file>', 'output file: .parquet, .csv or .json')
    .option('--sql <file>', 'also write the SQL that computed the table')
    .option('--csv-raw', CSV_RAW_HELP)
    .action(async (path: string | undefined, opts: DataOpts & { out: string; sql?: string; csvRaw?: boolean }) => {
      await featureFile(resolveDataInput(dataSource(path, opts)), opts.out, { sql: opts.sql, csvRaw: opts.csvRaw, progress: cli.progress(), env: process.env });
    });
}
