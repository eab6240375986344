import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { writeFileAtomic, writeJsonAtomic } from '../core/atomicWrite';
import { usageError } from '../core/errors';
import { SEGMENT_PROFILES, type Segment } from './segments';
import { simulateExperiment, type SimulatedExperimentSpec } from './simulateExperiment';
import type { SynthSummary } from './writeSynthetic';

/** The offer test `seglab synth --experiment` writes: promo hunters respond (+12 points), loyal regulars do not. */
export const SYNTH_EXPERIMENT: Omit<SimulatedExperimentSpec, 'assignedAt' | 'measuredAt'> & { segments: { segment: Segment; baseRate: number; trueLift: number }[] } = {
  experiment: 'email-offer',
  segments: [
    { segment: 'promo_hunter', baseRate: 0.1, trueLift: 0.12 },
    { segment: 'loyal_regular', baseRate: 0.15, trueLift: 0 },
  ],
  perVariant: 250,
  meanOrderValue: 60,
};

const DAY_MS = 86_400_000;

/**
 * A synthetic e-mail offer test for a synthetic data set (by default into its folder `experiment/`): assignments.csv
 * (customer, experiment, variant, assigned at the data's end, latent segment), outcomes.csv (converted,
 * revenue and pre-period revenue two weeks later), experiment.yaml for `seglab ab`, and truth.json with
 * the true lifts (never read by the analysis). Customers are the ones alive in the last quarter.
 */
export function writeSyntheticExperiment(dataDir: string, summary: SynthSummary, outDir = join(dataDir, 'experiment')): string {
  const truthName = summary.files.ground_truth;
  if (!truthName) throw usageError('seglab synth --experiment', 'the data set has no ground_truth file', 'write the data set with its ground truth');
  const truthPath = join(dataDir, truthName);
  if (!existsSync(truthPath)) throw usageError('seglab synth --experiment', `${truthPath} is missing`, 'write the data set first');
  const raw = readFileSync(truthPath);
  const text = (truthName.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const lastQuarter = summary.quarters[summary.quarters.length - 1].quarter;
  const customers: { id: string; segment: string }[] = [];
  for (const line of text.split('\n').slice(1)) {
    const [id, quarter, segment, churned] = line.split(',');
    if (quarter === lastQuarter && churned === 'false') customers.push({ id, segment: SEGMENT_PROFILES[segment as Segment]?.label ?? segment });
  }
  const assignedAt = summary.quarters[summary.quarters.length - 1].asOf;
  const measuredAt = new Date(Date.parse(`${assignedAt}T00:00:00Z`) + 14 * DAY_MS).toISOString().slice(0, 10);
  const spec: SimulatedExperimentSpec = {
    ...SYNTH_EXPERIMENT,
    segments: SYNTH_EXPERIMENT.segments.map((s) => ({ ...s, segment: SEGMENT_PROFILES[s.segment as Segment].label })),
    assignedAt,
    measuredAt,
  };
  const sim = simulateExperiment(customers, spec, summary.seed);
  const dir = outDir;
  mkdirSync(dir, { recursive: true });
  const csv = (header: string[], rows: Record<string, string | number>[]) => `${header.join(',')}\n${rows.map((r) => header.map((h) => String(r[h])).join(',')).join('\n')}\n`;
  writeFileAtomic(join(dir, 'assignments.csv'), csv(['customer_id', 'experiment', 'variant', 'assigned_at', 'segment'], sim.assignments));
  writeFileAtomic(join(dir, 'outcomes.csv'), csv(['customer_id', 'measured_at', 'converted', 'revenue', 'pre_revenue'], sim.outcomes));
  writeJsonAtomic(join(dir, 'truth.json'), { experiment: spec.experiment, seed: summary.seed, assignedAt, measuredAt, perVariant: spec.perVariant, segments: spec.segments, note: 'The true lifts of the synthetic offer; seglab ab never reads this file.' });
  writeFileAtomic(
    join(dir, 'experiment.yaml'),
    [
      '# seglab ab --config experiment.yaml: the synthetic e-mail offer (seglab synth --experiment).',
      `experiment: ${spec.experiment}`,
      'assignments: assignments.csv',
      'outcomes: outcomes.csv',
      'metric: conversion',
      'outcome: converted',
      'control: control',
      'treatment: offer',
      `plannedPerVariant: ${spec.perVariant}`,
      '',
    ].join('\n'),
  );
  return dir;
}
