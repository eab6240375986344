import { z } from 'zod';
import { InputError } from '../core/errors';
import { LOCALES } from '../core/Locale';
import { parseSavedJson } from '../core/parseSavedJson';
import { MAX_SEED } from '../core/seedParam';
import { RULE_BUNDLE_SCHEMA_VERSION, type RuleBundle } from './RuleBundle';

// Conditions are checked in depth by parseCondition (against the bundle's fields); the schema keeps
// them as JSON values so that the published JSON Schema stays readable.
const condition = z.union([z.boolean(), z.record(z.string(), z.unknown())]);

/** A name per language: `{ "en": "Champions", "fr": "Champions" }`. */
export const segmentNamesSchema = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().min(1).max(120)])) as Record<(typeof LOCALES)[number], z.ZodString>).strict();

export const ruleBundleSchema = z
  .object({
    schemaVersion: z.literal(RULE_BUNDLE_SCHEMA_VERSION),
    kind: z.enum(['segments', 'score']),
    name: z.string().min(1).max(120),
    bundleVersion: z.number().int().min(1),
    source: z
      .object({
        runId: z.string().nullable(),
        dataFingerprints: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest')),
        asOf: z.string().nullable(),
        asOfSemantics: z.string(),
        seglabVersion: z.string(),
        seed: z.number().int().min(0).max(MAX_SEED).optional(),
      })
      .strict(),
    fields: z
      .array(
        z
          .object({
            name: z.string().min(1),
            type: z.enum(['number', 'string']),
            description: z.string(),
            unit: z.string().nullable().optional(),
            sql: z.string().nullable().optional(),
          })
          .strict(),
      )
      .min(1),
    segments: z.array(z.object({ id: z.number().int(), names: segmentNamesSchema, condition, description: z.string().optional() }).strict()),
    fallback: z.object({ id: z.number().int(), names: segmentNamesSchema }).strict().nullable(),
    score: z
      .object({
        base: z.number(),
        rules: z.array(z.object({ condition, points: z.number(), description: z.string().optional() }).strict()),
      })
      .strict()
      .nullable(),
    validation: z
      .object({
        status: z.enum(['validated', 'draft']),
        checks: z.array(
          z.object({ name: z.string(), passed: z.boolean(), value: z.number().nullable(), threshold: z.number().nullable(), message: z.string() }).strict(),
        ),
        reasons: z.array(z.string()),
      })
      .strict(),
    checksum: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest'),
  })
  .strict();

/** Parse a saved bundle: shape by the schema (errors name the path), conditions checked by the caller. */
export function parseBundleJson(json: unknown): RuleBundle {
  const version = json && typeof json === 'object' ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (typeof version === 'number' && version < RULE_BUNDLE_SCHEMA_VERSION) {
    throw new InputError(
      `This segment bundle has schemaVersion ${version}; this seglab reads version ${RULE_BUNDLE_SCHEMA_VERSION}: segment names in every language, and fields in days that read a missing value as "never" (version 1 read it as 0). Export it again with \`seglab export\`.`,
    );
  }
  return parseSavedJson(ruleBundleSchema, json, 'segment bundle') as RuleBundle;
}
