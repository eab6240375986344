import { zodToJsonSchema } from 'zod-to-json-schema';
import { ruleBundleSchema } from './bundleSchema';
import { RULE_BUNDLE_SCHEMA_VERSION } from './RuleBundle';

/** Where the published schema lives in the repository (`npm run schemas` writes it). */
export const BUNDLE_JSON_SCHEMA_PATH = 'schemas/segment-bundle.schema.json';

/**
 * The published JSON Schema of a rule bundle, generated from the zod schema the code validates with (one
 * source of truth); `schemas/segment-bundle.schema.json` is this, and a test fails when they differ.
 */
export function bundleJsonSchema(): Record<string, unknown> {
  // zod-to-json-schema declares its parameter with 'zod/v3', which Node10 resolution reads from another
  // declaration file than 'zod': the same classes at run time, two types to the compiler.
  const schema = ruleBundleSchema as unknown as Parameters<typeof zodToJsonSchema>[0];
  return {
    ...zodToJsonSchema(schema, { name: 'SegmentBundle', $refStrategy: 'none' }),
    $id: 'https://seglab.dev/schemas/segment-bundle.schema.json',
    title: `seglab segment rule bundle (schemaVersion ${RULE_BUNDLE_SCHEMA_VERSION})`,
    description:
      'Ordered segments with stable ids, names in every language and JSON Logic conditions (first match wins) and a fallback, or lead-scoring rules; the fields they read with their unit and SQL (a field in days reads a missing value as never, written out in the conditions); provenance; validation results; checksum (sha256 of the canonical JSON without it).',
  };
}
