import { existsSync } from 'node:fs';
import { z } from 'zod';
import { inputError } from '../core/errors';
import { jsonNumber } from '../core/jsonSchema';
import type { DriftReport } from '../drift/DriftResult';
import { readRunFile } from './RunFolder';

/*
 * drift.json as read back (`seglab report <run>` re-renders "What changed" from it): every field of DriftReport,
 * checked, so a damaged file is an InputError naming the file and the field. Numbers a result may hold as NaN
 * (written null) read back as NaN.
 */

const interval = z.object({ low: jsonNumber, high: jsonNumber, level: z.number() });
const distribution = z.object({ bins: z.array(z.string()), reference: z.array(jsonNumber), current: z.array(jsonNumber) });
const share = jsonNumber;

const featureDrift = z.object({
  column: z.string(),
  kind: z.enum(['numeric', 'categorical', 'binary']),
  test: z.enum(['ks', 'chi-square', 'z-test', 'psi', 'jensen-shannon', 'wasserstein']),
  statisticKind: z.enum(['p-value', 'distance']),
  statistic: jsonNumber,
  pValue: jsonNumber.nullable(),
  threshold: z.number(),
  drifted: z.boolean(),
  referenceRows: z.number().int().min(0),
  currentRows: z.number().int().min(0),
  referenceMissing: share,
  currentMissing: share,
  effectSize: jsonNumber,
  samplingError: jsonNumber.optional(),
  chosenBy: z.enum(['auto-small', 'auto-large', 'override']),
  distribution,
});

const featureDriftResult = z.object({
  features: z.array(featureDrift),
  driftedColumns: z.number().int().min(0),
  driftedShare: share,
  datasetDriftShare: z.number(),
  datasetDrift: z.boolean(),
  sample: z.object({ rows: z.number().int().min(0), seed: z.number().int() }).nullable(),
});

const segmentId = z.number().int();

export const driftReportSchema: z.ZodType<DriftReport, z.ZodTypeDef, unknown> = z.object({
  schemaVersion: z.literal(1),
  referenceRunId: z.string(),
  currentRunId: z.string(),
  referenceAsOf: z.string().nullable(),
  currentAsOf: z.string().nullable(),
  alertThreshold: z.number(),
  minGroupSize: z.number().int().min(0).optional(),
  features: featureDriftResult,
  sizeShift: z
    .object({
      chiSquare: jsonNumber,
      degreesOfFreedom: z.number().int().min(0),
      pValue: jsonNumber,
      segments: z.array(
        z.object({
          currentId: segmentId.nullable(),
          referenceId: segmentId.nullable(),
          name: z.string().nullable(),
          referenceCustomers: z.number().int().min(0),
          currentCustomers: z.number().int().min(0),
          referenceShare: share,
          currentShare: share,
          shareChange: jsonNumber,
          shareChangeInterval: interval,
        }),
      ),
      notes: z.array(z.string()).optional(),
    })
    .nullable(),
  alerts: z.array(
    z.object({
      segmentId: segmentId.nullable(),
      segmentName: z.string().nullable(),
      figure: z.enum(['size', 'revenue-share', 'aov', 'churn-risk', 'clv']),
      reference: z.number(),
      current: z.number(),
      relativeChange: z.number(),
      threshold: z.number(),
    }),
  ),
  migration: z
    .object({
      referenceIds: z.array(segmentId),
      currentIds: z.array(segmentId),
      counts: z.array(z.array(z.number().int().min(0))),
      newCustomers: z.array(z.number().int().min(0)),
      lostCustomers: z.array(z.number().int().min(0)),
      cameBack: z.array(z.number().int().min(0)),
      stayed: z.number().int().min(0),
      moved: z.number().int().min(0),
      totalReference: z.number().int().min(0),
      totalCurrent: z.number().int().min(0),
      biggestFlows: z.array(z.object({ fromId: segmentId, toId: segmentId, customers: z.number().int().min(0), shareOfFrom: share })),
    })
    .nullable(),
  segments: z.array(z.object({ referenceId: segmentId, currentId: segmentId, name: z.string().nullable(), centreDistance: jsonNumber, features: featureDriftResult })),
  rules: z
    .object({
      bundleVersion: z.string(),
      coverage: share,
      fallbackShare: share,
      agreement: share,
      validatedFidelity: jsonNumber.nullable(),
      fidelityGate: z.number(),
      needsRevalidation: z.boolean(),
    })
    .nullable(),
  scores: z.array(z.object({ column: z.string(), psi: jsonNumber, threshold: z.number(), drifted: z.boolean(), distribution })),
  notes: z.array(z.string()).optional(),
});

/** A run's drift.json (or any drift.json `seglab drift --out` wrote), schema-checked: a damaged file is exit 2 naming file and field. */
export function readDriftReport(path: string): DriftReport {
  if (!existsSync(path)) throw inputError({ summary: `No drift report at ${path}.`, check: 'missing-file', what: 'file not found', where: { file: path }, fix: 'give a drift.json written by `seglab drift --out` or by the drift stage of `seglab run`' });
  return readRunFile(path, driftReportSchema, 'write it again with `seglab drift <reference-run> <current-run> --out <folder>` or the drift stage');
}
