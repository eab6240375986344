import type { Command } from 'commander';
import { exportRun, type ExportResult } from '../../pipeline';
import type { CliContext } from '../CliContext';
import { int, share, shareBelow1 } from '../options';

interface ExportOpts {
  from?: string;
  minFidelity?: number;
  minSegmentSize?: number;
  minStability?: number;
  minCoverage?: number;
  maxDepth?: number;
  distinctiveWithin?: number;
}

/** `seglab export`: a run's segments (or hand-written rules) as a versioned, validated rule bundle with SQL. */
export function exportCommand(program: Command, cli: CliContext): void {
  program
    .command('export')
    .description('Segment rules of a run: a versioned bundle (JSON Logic) and SQL for six dialects under <run>/rules/, validated or draft with reasons.')
    .argument('<run>', 'a run folder with the cluster stage (e.g. reports/sample-20260701-…)')
    .option('--from <file>', 'hand-written rules (JSON or YAML: segments or lead scoring) instead of rules extracted from the segments')
    .option('--min-fidelity <share>', 'holdout accuracy the rules need (default 0.9)', share('--min-fidelity'))
    .option('--min-segment-size <n>', 'customers every segment needs under the rules (default 50)', int('--min-segment-size'))
    .option('--min-stability <jaccard>', 'mean bootstrap Jaccard the segmentation needs (default 0.75)', share('--min-stability'))
    .option('--min-coverage <share>', 'share of customers a segment rule (not the fallback) must assign (default 1)', share('--min-coverage'))
    .option('--max-depth <n>', 'depth of the surrogate decision tree (default 4)', int('--max-depth'))
    .option('--distinctive-within <share>', 'prefer the features that define the segments among splits within this share of the best Gini decrease (default 0.01; 0 = plain CART)', shareBelow1('--distinctive-within'))
    .action(async (run: string, opts: ExportOpts) => {
      const gate = {
        ...(opts.minFidelity !== undefined ? { minFidelity: opts.minFidelity } : {}),
        ...(opts.minSegmentSize !== undefined ? { minSegmentSize: opts.minSegmentSize } : {}),
        ...(opts.minStability !== undefined ? { minStability: opts.minStability } : {}),
        ...(opts.minCoverage !== undefined ? { minCoverage: opts.minCoverage } : {}),
      };
      const r = await exportRun(run, { from: opts.from, gate, maxDepth: opts.maxDepth, distinctiveWithin: opts.distinctiveWithin, progress: cli.progress() });
      process.stdout.write(`${r.bundlePath}\n${r.sqlPaths.join('\n')}\n`);
      if (!cli.quiet()) {
        const checks = r.bundle.validation.checks.map((c) => `  ${c.passed ? 'pass' : 'FAIL'} ${c.name}: ${c.message}`);
        process.stderr.write(`${[`${r.bundle.name} v${r.bundle.bundleVersion}: ${r.bundle.validation.status}`, ...checks, ...sizeLines(r)].join('\n')}\n`);
      }
    });
}

/** Each segment's size under the clustering next to its size under the rules (and holdout precision / recall). */
function sizeLines(r: ExportResult): string[] {
  if (!r.segments.length) return [];
  const count = (v: number | undefined | null): string => (v === undefined || v === null ? '—' : v.toLocaleString('en-US'));
  const clustered = r.segments.some((s) => s.cluster);
  // The data's outcome (churn, subscription) beside each population, when the run has one.
  const withOutcome = r.segments.some((s) => s.cluster?.outcomeRate !== undefined || s.rules?.outcomeRate !== undefined);
  const rate = (v: number | null | undefined): string => (v === undefined || v === null ? '—' : `${(100 * v).toFixed(1)}%`);
  const rows = r.segments.map((s) => [
    `${s.id} ${s.names.en}`,
    ...(clustered ? [count(s.cluster?.customers)] : []),
    s.rules ? count(s.rules.customers) : 'no rule',
    ...(clustered ? [s.holdout ? s.holdout.precision.toFixed(2) : '—', s.holdout ? s.holdout.recall.toFixed(2) : '—'] : []),
    ...(withOutcome ? [...(clustered ? [rate(s.cluster?.outcomeRate)] : []), rate(s.rules?.outcomeRate)] : []),
  ]);
  if (clustered) rows.push([`no rule matches (→ ${r.bundle.fallback ? `${r.bundle.fallback.id} ${r.bundle.fallback.names.en}` : 'none'})`, '', count(r.unmatched), '', '', ...(withOutcome ? ['', ''] : [])]);
  const head = ['segment', ...(clustered ? ['cluster'] : []), 'rules', ...(clustered ? ['precision', 'recall'] : []), ...(withOutcome ? [...(clustered ? [`${r.outcome?.label ?? 'outcome'} (cluster)`] : []), `${r.outcome?.label ?? 'outcome'} (rules)`] : [])];
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j]!.length)));
  const line = (cells: string[]): string => `  ${cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ')}`.trimEnd();
  return [line(head), ...rows.map(line)];
}
