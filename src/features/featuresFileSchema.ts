import { z } from 'zod';
import type { FeatureResult } from './computeFeatures';
import { FEATURE_GROUPS } from './FeatureConfig';
import { FEATURE_ROLES, FEATURE_UNITS, type FeatureColumn, type FeatureDefinition } from './FeatureDefinition';

/** A run's features.json as read back: the feature result without its SQL (features.sql holds it). */
export type FeaturesFile = Omit<FeatureResult, 'sql'>;

const group = z.enum(FEATURE_GROUPS);
const unit = z.enum(FEATURE_UNITS);

const columnSchema: z.ZodType<FeatureColumn, z.ZodTypeDef, unknown> = z.object({
  name: z.string(),
  role: z.enum(FEATURE_ROLES),
  description: z.string(),
  group: group.optional(),
  unit: unit.optional(),
});

const definitionSchema: z.ZodType<FeatureDefinition, z.ZodTypeDef, unknown> = z.object({
  name: z.string(),
  group,
  role: z.enum(['numeric', 'categorical', 'outcome']),
  unit,
  description: z.string(),
  nullWhen: z.string().optional(),
  expression: z.string(),
  sql: z.string(),
});

/** features.json of a run folder (written by the features stage), checked where a later command reads it back. */
export const featuresFileSchema: z.ZodType<FeaturesFile, z.ZodTypeDef, unknown> = z.object({
  schemaVersion: z.literal(1),
  asOf: z.string(),
  table: z.string(),
  rowCount: z.number().int().min(0),
  columns: z.array(columnSchema),
  features: z.array(definitionSchema),
  skipped: z.array(z.object({ group, reason: z.string(), column: z.string().optional() })),
  levels: z.object({ categories: z.array(z.string()).optional(), channels: z.array(z.string()).optional() }),
});
