import { Command, CommanderError } from 'commander';
import { InputError, SeglabError, UsageError } from '../core/errors';
import type { CliContext } from './CliContext';
import { abCommand } from './commands/ab';
import { diffRulesCommand } from './commands/diffRules';
import { driftCommand } from './commands/drift';
import { exportCommand } from './commands/export';
import { featuresCommand } from './commands/features';
import { profileCommand } from './commands/profile';
import { loadCommand } from './commands/load';
import { reportCommand } from './commands/report';
import { runCommand } from './commands/run';
import { sampleSizeCommand } from './commands/sampleSize';
import { scoreCommand } from './commands/score';
import { trainCommand } from './commands/train';
import { synthCommand } from './commands/synth';
import { EXIT } from './exitCodes';
import { StderrProgress } from './StderrProgress';

export { EXIT } from './exitCodes';

/** Run the CLI with the given arguments (without `node seglab`); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const outcome = { code: EXIT.ok as number };
  const program = buildProgram(outcome);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return outcome.code;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander already printed its message (or help / version, which exit 0).
    return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (err instanceof InputError || err instanceof UsageError) {
    process.stderr.write(`seglab: ${err.message}\n`);
    return EXIT.badInput;
  }
  if (err instanceof SeglabError) {
    process.stderr.write(`seglab: ${err.message}\n`);
    return EXIT.failure;
  }
  process.stderr.write(`seglab: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.failure;
}

/** The program with one file per command (commands/<name>.ts); `outcome.code` is set by a command that found something. */
function buildProgram(outcome: { code: number }): Command {
  const program = new Command('seglab')
    .description('Customer segmentation workbench: data quality, features, segments, reports and rules.')
    .option('-q, --quiet', 'no progress on stderr')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  const cli: CliContext = {
    quiet: () => Boolean(program.opts().quiet),
    progress: () => new StderrProgress(process.stderr, cli.quiet()),
    setExitCode: (code) => (outcome.code = code),
  };
  for (const command of [synthCommand, profileCommand, loadCommand, featuresCommand, runCommand, trainCommand, reportCommand, exportCommand, scoreCommand, diffRulesCommand, driftCommand, abCommand, sampleSizeCommand]) command(program, cli);
  return program;
}
