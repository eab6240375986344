import type { Command } from 'commander';
import { profileFiles, resolveDataInput } from '../../pipeline';
import type { CliContext } from '../CliContext';
import { dataOptions, dataSource, type DataOpts } from './dataOptions';

/** `seglab profile`: the data-quality profile as Markdown on stdout (and JSON with --json). */
export function profileCommand(program: Command, cli: CliContext): void {
  dataOptions(program.command('profile'))
    .description('Data-quality profile: missing values, duplicates, constant columns, outliers, returns, future dates.')
    .option('--json <file>', 'also write the profile as JSON')
    .action(async (path: string | undefined, opts: DataOpts & { json?: string }) => {
      const { markdown } = await profileFiles(resolveDataInput(dataSource(path, opts)), { json: opts.json, progress: cli.progress(), env: process.env });
      process.stdout.write(markdown);
    });
}
