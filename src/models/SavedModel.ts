import { z } from 'zod';
import { savedJsonError } from '../core/errors';
import type { Matrix } from '../core/Matrix';
import { DesignEncoder } from './design/DesignEncoder';
import { calibratedProbability, calibratorFromJSON, type Calibrator } from './evaluation/Calibrator';
import type { FittedModel, ModelName } from './ModelEntry';
import { MODELS } from './models';
import { modelTargetSchema, type ModelTarget } from './ModelsConfig';

/** 2: the calibrator (null without calibration); version 1 files (no calibrator) still read. */
export const SAVED_MODEL_SCHEMA_VERSION = 2;

const savedModelSchema = z
  .object({
    schemaVersion: z.union([z.literal(1), z.literal(SAVED_MODEL_SCHEMA_VERSION)]),
    kind: z.literal('seglab-model'),
    asOf: z.string(),
    target: modelTargetSchema,
    family: z.enum(MODELS.names),
    encoder: z.unknown(),
    model: z.unknown(),
    calibrator: z.unknown().optional(),
  })
  .strict()
  .refine((j) => j.schemaVersion !== 1 || j.calibrator === undefined, { message: 'a version 1 model has no calibrator', path: ['calibrator'] });

/**
 * model.json of a run: the fitted model with the encoder that builds its matrix from feature-table columns,
 * and what it predicts; `seglab score --model` and notebooks restore both from it.
 */
export interface SavedModel {
  asOf: string;
  target: ModelTarget;
  family: ModelName;
  encoder: DesignEncoder;
  model: FittedModel;
  /** Maps the model's raw score to the probability (absent or null: the model's own probability). */
  calibrator?: Calibrator | null;
}

export function savedModelToJSON(saved: SavedModel): unknown {
  return { schemaVersion: SAVED_MODEL_SCHEMA_VERSION, kind: 'seglab-model', asOf: saved.asOf, target: saved.target, family: saved.family, encoder: saved.encoder.toJSON(), model: saved.model.toJSON(), calibrator: saved.calibrator ? saved.calibrator.toJSON() : null };
}

/** Restore model.json; a damaged or foreign file is a UsageError saying what is wrong. */
export function savedModelFromJSON(json: unknown): SavedModel {
  const parsed = savedModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw savedJsonError('seglab model', `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const j = parsed.data;
  const encoder = DesignEncoder.fromJSON(j.encoder);
  const model = MODELS.lookup(j.family, 'model.json family').fromJSON(j.model);
  encoder.checkColumns(model.featureNames, 'model.json');
  const calibrator = j.calibrator === undefined || j.calibrator === null ? null : calibratorFromJSON(j.calibrator);
  return { asOf: j.asOf, target: j.target, family: j.family, encoder, model, calibrator };
}

/** The saved model's probabilities for a design matrix (its encoder's output): calibrated when it has a calibrator. */
export function savedModelProbability(saved: SavedModel, X: Matrix): Float64Array {
  return calibratedProbability(saved.model, saved.calibrator ?? null, X);
}
