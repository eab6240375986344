import { Option, type Command } from 'commander';
import { compareRuns, driftMarkdown, writeDriftFiles } from '../../pipeline';
import type { CliContext } from '../CliContext';

/** `seglab drift`: what changed between two run folders (JSON and Markdown, on stdout or into a folder). */
export function driftCommand(program: Command, cli: CliContext): void {
  program
    .command('drift')
    .description('What changed between two runs (last quarter and this one): feature drift, segment size shift, KPI alerts, migration matrix, drift inside segments, rule and score drift.')
    .argument('<reference-run>', 'the earlier run folder (reports/<run-id>)')
    .argument('<current-run>', 'the later run folder')
    .option('--out <dir>', 'write drift.json and drift.md there (default: print on stdout)')
    .addOption(new Option('--format <format>', 'what to print on stdout without --out').choices(['markdown', 'json']).default('markdown'))
    .option('--alert-threshold <share>', 'alert when a key figure moves by more than this share (default 0.15)', parseFloat)
    .action(async (reference: string, current: string, opts: { out?: string; format: 'markdown' | 'json'; alertThreshold?: number }) => {
      const progress = cli.progress();
      progress.start(`drift: ${reference} → ${current}`);
      const report = await compareRuns(reference, current, opts.alertThreshold !== undefined ? { alertThreshold: opts.alertThreshold } : {});
      progress.end(`${report.alerts.length} alert(s), ${report.features.driftedColumns} drifted column(s)`);
      const text = opts.out !== undefined ? `${writeDriftFiles(report, opts.out).join('\n')}\n` : opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : driftMarkdown(report);
      // The report runs to hundreds of kB: wait until a pipe has taken it all, or the launcher's process.exit cuts it short.
      await new Promise<void>((done, fail) => process.stdout.write(text, (err) => (err ? fail(err) : done())));
    });
}
