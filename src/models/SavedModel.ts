import { z } from 'zod';
import { savedJsonError } from '../core/errors';
import { DesignEncoder } from './design/DesignEncoder';
import type { FittedModel, ModelName } from './ModelEntry';
import { MODELS } from './models';
import { modelTargetSchema, type ModelTarget } from './ModelsConfig';

export const SAVED_MODEL_SCHEMA_VERSION = 1;

const savedModelSchema = z
  .object({
    schemaVersion: z.literal(SAVED_MODEL_SCHEMA_VERSION),
    kind: z.literal('seglab-model'),
    asOf: z.string(),
    target: modelTargetSchema,
    family: z.enum(MODELS.names),
    encoder: z.unknown(),
    model: z.unknown(),
  })
  .strict();

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
}

export function savedModelToJSON(saved: SavedModel): unknown {
  return { schemaVersion: SAVED_MODEL_SCHEMA_VERSION, kind: 'seglab-model', asOf: saved.asOf, target: saved.target, family: saved.family, encoder: saved.encoder.toJSON(), model: saved.model.toJSON() };
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
  return { asOf: j.asOf, target: j.target, family: j.family, encoder, model };
}
