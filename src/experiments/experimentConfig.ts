import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError, type Problem } from '../core/errors';
import { seedParam } from '../core/seedParam';
import { ALTERNATIVES } from './Alternative';
import { P_VALUE_CORRECTIONS } from './adjustPValues';

/** `seglab ab --config experiment.yaml`: where the experiment's data is and how to read it. Paths are relative to the file. */
export const experimentConfigSchema = z
  .object({
    experiment: z.string().min(1).describe('the experiment name; filters the assignment file on its experiment column when it has one'),
    assignments: z.string().min(1).describe('CSV: customer_id, variant, assigned_at [, experiment] [, segment]'),
    outcomes: z.string().min(1).describe('CSV: customer_id, measured_at, the outcome column [, the pre-period column]; or a later run folder, whose behaviour-window feature (orders_30d, spend_30d, …) is the outcome'),
    metric: z.enum(['conversion', 'revenue']),
    outcome: z.string().min(1).describe('outcome column: 0/1 for conversion, an amount for revenue'),
    pre: z.string().min(1).optional().describe('pre-period column for CUPED (revenue); a feature of preRun when outcomes is a run folder'),
    preRun: z.string().min(1).optional().describe('a run folder as of on or before the first assignment: its feature `pre` is the pre-period value'),
    convertedAbove: z.number().optional().describe('conversion from a run feature (a count or an amount): converted when the value is above this'),
    control: z.string().min(1).default('control'),
    treatment: z.string().min(1),
    segments: z.string().min(1).optional().describe("a run folder: its assignments.csv gives each customer's segment, personas.json the names"),
    pseudonymise: z.boolean().default(false).describe("hash the experiment's ids with SEGLAB_PSEUDONYM_KEY before matching them to the run's (pseudonymised) ids"),
    alpha: z.number().gt(0).lt(1).default(0.05),
    alternative: z.enum(ALTERNATIVES as [string, ...string[]]).default('two-sided'),
    correction: z.enum(P_VALUE_CORRECTIONS as [string, ...string[]]).default('holm'),
    minPerVariant: z.number().int().min(2).default(200),
    plannedPerVariant: z.number().int().min(2).optional(),
    minimumEffect: z.number().optional(),
    treatmentShare: z.number().gt(0).lt(1).default(0.5),
    seed: seedParam,
  })
  .strict();

export type ExperimentConfig = z.infer<typeof experimentConfigSchema>;

/** The validated config and the folder its relative paths start from. */
export function loadExperimentConfig(path: string): { config: ExperimentConfig; baseDir: string; path: string } {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new InputError(`Experiment config not found: ${abs}`, [{ severity: 'error', check: 'file-not-found', message: 'no such file', location: { file: abs }, hint: 'check the path given to --config' }]);
  const text = readFileSync(abs, 'utf8');
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    throw new InputError(`${abs} is not valid YAML.`, doc.errors.map((e) => ({ severity: 'error' as const, check: 'yaml-syntax', message: e.message.split('\n')[0]!, location: { file: abs } })));
  }
  const parsed = experimentConfigSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.map((issue) => {
      const field = issue.path.join('.') || '(top level)';
      const key = String(issue.path[0] ?? '');
      const line = key ? text.split('\n').findIndex((l) => l.startsWith(`${key}:`)) + 1 : 0;
      return { severity: 'error', check: 'config', message: issue.message, location: { file: abs, field, ...(line > 0 && { line }) }, ...(issue.code === 'unrecognized_keys' && { hint: 'remove the key or check its spelling against the README (seglab ab)' }) };
    });
    throw new InputError(`${abs} has ${problems.length} problem${problems.length > 1 ? 's' : ''}.`, problems);
  }
  return { config: parsed.data, baseDir: dirname(abs), path: abs };
}
