import { z } from 'zod';
import { jsonNumber } from '../core/jsonSchema';
import { MODEL_CARD_SCHEMA_VERSION, type ModelCard } from '../models/ModelCard';
import { CALIBRATION_METHODS } from '../models/evaluation/Calibrator';
import { MODEL_NAMES, VALIDATION_SCHEMES, familySpaceSchema, modelTargetSchema } from '../models/ModelsConfig';

const interval = z.object({ estimate: jsonNumber, low: jsonNumber, high: jsonNumber, level: jsonNumber, resamples: z.number().int().min(1) });
const count = z.number().int().min(0);

/** model-card.json as the models stage writes it, read back by `seglab report` (the review's model section). */
export const modelCardSchema: z.ZodType<ModelCard, z.ZodTypeDef, unknown> = z.object({
  schemaVersion: z.literal(MODEL_CARD_SCHEMA_VERSION),
  asOf: z.string(),
  target: modelTargetSchema,
  label: z.object({ definition: z.string(), population: z.string(), snapshots: z.string() }),
  snapshots: z.array(z.object({ index: z.number().int(), asOf: z.string(), windowEnd: z.string().nullable(), rows: count, positives: count })),
  trainingRows: count,
  positives: count,
  negatives: count,
  inputs: z.array(z.object({ name: z.string(), role: z.enum(['numeric', 'categorical']) })),
  excluded: z.array(z.object({ column: z.string(), reason: z.string() })),
  validation: z.object({ scheme: z.enum(VALIDATION_SCHEMES), folds: z.number().int().min(1).nullable(), trainRows: count, testRows: count, testPositives: count }),
  candidates: z.array(z.object({ family: z.enum(MODEL_NAMES), rocAuc: jsonNumber, fitSeconds: jsonNumber })),
  family: z.enum(MODEL_NAMES),
  chosenBy: z.enum(['config', 'auto']),
  params: z.record(z.unknown()),
  backend: z.string().nullable(),
  calibrator: z.object({
    method: z.enum(CALIBRATION_METHODS),
    fittedOn: z.string(),
    uncalibrated: z.object({ logLoss: jsonNumber, brier: jsonNumber, expectedCalibrationError: jsonNumber }).nullable(),
  }),
  search: z
    .object({
      budget: count,
      folds: count,
      rows: z.string(),
      families: z.array(
        z.object({
          family: z.enum(MODEL_NAMES),
          space: familySpaceSchema,
          candidates: z.array(z.object({ params: z.record(z.unknown()), rocAuc: jsonNumber, sd: jsonNumber })),
          chosen: z.record(z.unknown()),
        }),
      ),
    })
    .nullable(),
  metrics: z.object({ rocAuc: interval, averagePrecision: interval, logLoss: interval, brier: interval, expectedCalibrationError: jsonNumber }),
  calibration: z.array(z.object({ meanPredicted: jsonNumber, observed: jsonNumber, count })),
  // Rows and positives of a decile are weighted counts (sample weights), not always whole.
  lift: z.array(z.object({ decile: z.number().int(), rows: jsonNumber, positives: jsonNumber, rate: jsonNumber, lift: jsonNumber, cumulativeGain: jsonNumber })),
  baseRate: jsonNumber,
  // Infinity (nobody contacted) is written as null.
  budget: z.object({ share: jsonNumber, threshold: z.union([z.number(), z.null().transform(() => Infinity)]), contacted: count, precision: jsonNumber, recall: jsonNumber, truePositives: count, falsePositives: count }),
  drivers: z.array(z.object({ feature: z.string(), importance: jsonNumber, sd: jsonNumber })),
  coefficients: z.array(z.object({ feature: z.string(), coef: jsonNumber, oddsRatio: jsonNumber, standardError: jsonNumber.nullable(), pValue: jsonNumber.nullable() })).nullable(),
  explanations: z.string(),
  scored: z.object({ customers: count, meanScore: jsonNumber }),
  notes: z.array(z.string()),
});
