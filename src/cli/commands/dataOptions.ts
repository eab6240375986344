import { Option, type Command } from 'commander';
import { TABLE_NAMES, type DataInputSource, type TableName } from '../../pipeline';
import { asOfDate, keyValue, overrides, SET_HELP } from '../options';

/** Options of the commands that read data from a path or a config (profile, features). */
export interface DataOpts {
  config?: string;
  data?: string;
  set?: Record<string, string>;
  table?: TableName;
  asOf?: string;
}

/** The data arguments and options shared by `seglab profile` and `seglab features`. */
export function dataOptions(cmd: Command): Command {
  return cmd
    .argument('[path]', 'a data file, or a folder with customers.*, transactions.*, events.* files')
    .option('-c, --config <file>', 'run config (YAML) whose data section describes the files')
    .option('--data <path>', 'value of ${data} in the config')
    .option('--set <name=value>', SET_HELP, keyValue, {})
    .addOption(new Option('--table <name>', 'table of a single data file').choices(TABLE_NAMES as string[]))
    .option('--as-of <date>', 'reference date (YYYY-MM-DD); default: the config\'s asOf', asOfDate);
}

/** Where the data comes from, as the pipeline's resolveDataInput takes it. */
export function dataSource(path: string | undefined, opts: DataOpts): DataInputSource {
  return { config: opts.config, overrides: overrides(opts), path, table: opts.table, asOf: opts.asOf };
}
