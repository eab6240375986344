import type { Command } from 'commander';
import { diffRuleBundles } from '../../pipeline';
import type { CliContext } from '../CliContext';
import { EXIT } from '../exitCodes';

/** `seglab diff-rules`: what changed between two bundle versions; exits 1 when they differ, like diff. */
export function diffRulesCommand(program: Command, cli: CliContext): void {
  program
    .command('diff-rules')
    .description('What changed between two versions of a rule bundle (exit 0: identical, 1: they differ, 2: bad input), and with --input how many customers would move.')
    .argument('<a>', 'the older bundle (segments.vA.json)')
    .argument('<b>', 'the newer bundle (segments.vB.json)')
    .option('--input <file>', 'customers to score with both versions (features.parquet, .csv, .json): how many would change segment or score')
    .action(async (a: string, b: string, opts: { input?: string }) => {
      const diff = await diffRuleBundles(a, b, { input: opts.input }); // refuses bundles of different kinds (exit 2)
      process.stdout.write(`${diff.text}\n`);
      if (!diff.identical) cli.setExitCode(EXIT.failure);
    });
}
