import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { inputError } from '../core/errors';

// NaN (a too-small segment's estimate) is written as null in JSON.
const num = z.number().nullable();
const interval = z.object({ low: num, high: num });
const arm = z.object({ variant: z.string(), customers: z.number().int().min(0) });
const estimate = z.object({
  segment: z.string().nullable(),
  treatment: arm,
  control: arm,
  difference: num,
  interval,
  relativeLift: num,
  liftInterval: interval,
  pValue: num,
  adjustedPValue: num,
  significant: z.boolean(),
  verdict: z.enum(['roll-out', 'stop', 'keep-testing', 'too-small']),
  neededPerVariant: z.number().int().optional(),
});

/** What the quarterly review reads of an experiment.json written by `seglab ab --out` (checked, the rest ignored). */
export const experimentSummarySchema = z.object({
  experiment: z.string(),
  metric: z.enum(['conversion', 'revenue']),
  control: z.string(),
  treatment: z.string(),
  alpha: z.number(),
  overall: estimate,
  segments: z.array(estimate),
  heterogeneity: z.object({ q: z.number(), pValue: z.number() }).optional(),
  warnings: z.array(z.string()),
});

export type ExperimentSummary = z.infer<typeof experimentSummarySchema>;
export type ExperimentSummaryEstimate = z.infer<typeof estimate>;

/** An experiment.json read back for the review; an InputError naming the file and the field when it is not one. */
export function readExperimentSummary(path: string, field: string): ExperimentSummary {
  const fix = 'give the experiment.json that `seglab ab --config <file> --out <dir>` wrote';
  if (!existsSync(path)) throw inputError({ check: 'missing-file', what: 'the experiment result does not exist', where: { file: path, field }, fix });
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw inputError({ check: 'run-file', what: `not JSON (${err instanceof Error ? err.message : String(err)})`, where: { file: path, field }, fix });
  }
  const r = experimentSummarySchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw inputError({ check: 'run-file', what: `${issue.path.join('.') || '(top level)'}: ${issue.message}`, where: { file: path, field }, fix });
  }
  return r.data;
}
