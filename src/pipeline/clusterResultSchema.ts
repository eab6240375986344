import { z } from 'zod';
import { integerArray, jsonNumber, jsonObject } from '../core/jsonSchema';
import { FEATURE_UNITS } from '../features/FeatureDefinition';
import { IMPUTE_STRATEGIES } from '../features/transformers/ImputeStrategy';
import type { TransformerJSON } from '../features/transformers/Transformer';
import { CLUSTER_ALGORITHMS } from '../cluster/clusterers';
import { KPROTOTYPES_GAMMA_RULES } from '../cluster/kprototypes/KPrototypesGammaRule';
import type { ModelSelectionResult } from '../cluster/selection/selectK';
import { STABILITY_SCHEMA_VERSION, STABILITY_THRESHOLDS, type StabilityResult } from '../cluster/selection/stability';
import { CLUSTER_RESULT_SCHEMA_VERSION, type ClusterResult } from '../cluster/summary/ClusterResult';
import type { RunMatching } from '../cluster/summary/matchPreviousRun';

const stabilitySchema: z.ZodType<StabilityResult, z.ZodTypeDef, unknown> = z.object({
  schemaVersion: z.literal(STABILITY_SCHEMA_VERSION),
  B: z.number().int().min(1),
  seed: z.number(),
  rows: z.number().int().min(0),
  thresholds: z.object({ stable: z.literal(STABILITY_THRESHOLDS.stable), patterns: z.literal(STABILITY_THRESHOLDS.patterns), dissolved: z.literal(STABILITY_THRESHOLDS.dissolved) }),
  clusters: z.array(
    z.object({
      label: z.number().int(),
      size: z.number().int().min(0),
      meanJaccard: z.number().nullable(),
      verdict: z.enum(['stable', 'patterns', 'doubtful', 'dissolved', 'unknown']),
      description: z.string(),
      dissolved: z.number().int().min(0),
      recovered: z.number().int().min(0),
      jaccard: z.array(z.number().nullable()),
    }),
  ),
  meanJaccard: jsonNumber,
  ari: z.object({ mean: jsonNumber, sd: jsonNumber, min: jsonNumber, max: jsonNumber, values: z.array(jsonNumber) }),
});

const matchingSchema: z.ZodType<RunMatching, z.ZodTypeDef, unknown> = z.object({
  mapping: integerArray(0),
  matches: z.array(z.object({ current: z.number().int(), previous: z.number().int(), distance: jsonNumber })),
  newClusters: z.array(z.object({ current: z.number().int(), id: z.number().int() })),
  disappeared: integerArray(),
  totalDistance: jsonNumber,
  previousRun: z.string(),
  spread: jsonNumber,
  maxDistanceSpreads: jsonNumber,
  maxDistance: jsonNumber,
});

/**
 * cluster.json as the cluster stage writes it, checked where it is read back (seglab report, export, a later
 * run's previous): a file that does not match is refused naming the field. `selection` (owned by selectK) and
 * the saved model and transformers (each checked by its own fromJSON) are only checked for their shape here.
 */
export const clusterResultSchema: z.ZodType<ClusterResult, z.ZodTypeDef, unknown> = z.object({
  schemaVersion: z.literal(CLUSTER_RESULT_SCHEMA_VERSION),
  algorithm: z.enum(CLUSTER_ALGORITHMS),
  k: z.number().int().min(0),
  kSource: z.enum(['config', 'auto', 'algorithm']),
  rows: z.number().int().min(0),
  features: z.array(
    z.object({
      name: z.string(),
      unit: z.enum(FEATURE_UNITS).nullable(),
      missing: z.number().int().min(0),
      impute: z.enum(IMPUTE_STRATEGIES).nullable(),
      log1p: z.boolean(),
      signedLog: z.boolean(),
    }),
  ),
  categorical: z.array(z.string()),
  notes: z.array(z.string()),
  segments: z.array(
    z.object({
      id: z.number().int(),
      size: z.number().int().min(0),
      share: jsonNumber,
      centroid: z.record(jsonNumber),
      mean: z.record(z.number().nullable()),
      median: z.record(z.number().nullable()),
    }),
  ),
  noise: z.object({ count: z.number().int().min(0), share: jsonNumber }),
  selection: jsonObject<ModelSelectionResult>('the choice of k (an object with candidates)', (v) => Array.isArray(v.candidates)).nullable(),
  stability: stabilitySchema.nullable(),
  sample: z
    .object({
      rows: z.number().int().min(0),
      size: z.number().int().min(1),
      seed: z.number().int(),
      usedFor: z.array(z.enum(['selection', 'stability'])),
      shareMargin95: jsonNumber,
      text: z.string(),
    })
    .nullable()
    .optional(),
  engineAssignment: z
    .object({
      engine: z.literal('clickhouse'),
      customers: z.number().int().min(0),
      sampleSize: z.number().int().min(0),
      seed: z.number().int(),
      sizes: z.array(z.object({ segment: z.number().int(), size: z.number().int().min(0), share: jsonNumber })),
      sampleDisagreements: z.number().int().min(0),
      file: z.string(),
      text: z.string(),
    })
    .nullable()
    .optional(),
  kprototypes: z
    .object({
      categorical: z.array(z.string()),
      gamma: jsonNumber,
      gammaRule: z.enum([...KPROTOTYPES_GAMMA_RULES, 'given']),
      costShare: z.object({ numeric: jsonNumber, categorical: jsonNumber }),
      explained: z.object({ numeric: jsonNumber, categorical: jsonNumber }),
      movedByCategorical: z.number().int().min(0),
      modes: z.array(z.object({ segment: z.number().int(), values: z.record(z.string()) })),
    })
    .nullable(),
  absent: z.object({ projection: z.string().nullable(), stability: z.string().nullable() }),
  matching: matchingSchema.nullable(),
  eps: jsonNumber.nullable(),
  preprocessing: z.array(jsonObject<TransformerJSON>('a saved transformer (an object with its kind)', (v) => typeof v.kind === 'string')),
  model: z.object({ schemaVersion: z.number(), kind: z.enum(CLUSTER_ALGORITHMS) }).passthrough(),
  labels: integerArray(-1),
});
