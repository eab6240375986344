import { Option, type Command } from 'commander';
import { resolveDataInput, uploadFiles } from '../../pipeline';
import type { CliContext } from '../CliContext';
import { dataOptions, dataSource, type DataOpts } from './dataOptions';

/** `seglab load --engine clickhouse`: load and check the data, then upload it into a ClickHouse cluster. */
export function loadCommand(program: Command, cli: CliContext): void {
  dataOptions(program.command('load'))
    .description('Load and check the data, then upload it into a sharded ClickHouse cluster (SEGLAB_CLICKHOUSE_URL, _USER, _PASSWORD, _DATABASE, _CLUSTER, _SHARD_URLS).')
    .addOption(new Option('--engine <name>', 'where the tables go').choices(['clickhouse']).makeOptionMandatory())
    .action(async (path: string | undefined, opts: DataOpts & { engine: 'clickhouse' }) => {
      const result = await uploadFiles(resolveDataInput(dataSource(path, opts)), { progress: cli.progress(), env: process.env });
      for (const t of result.tables) {
        process.stdout.write(`${result.database}.${t.table}: ${t.rows} rows (${t.rowsPerShard.map((n, i) => `shard ${i + 1}: ${n}`).join(', ')}), Distributed over cluster ${result.cluster} by customer_id\n`);
      }
    });
}
