import Ajv from 'ajv';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { ruleBundleSchema } from '../../src/rules/bundleSchema';
import { RULE_BUNDLE_SCHEMA_VERSION } from '../../src/rules/RuleBundle';
import { smallBundle } from './fixtures';

const schemaPath = join(__dirname, '..', '..', 'schemas', 'segment-bundle.schema.json');

/** The published JSON Schema is generated from the zod schema the code validates with: one source of truth. */
function generated(): unknown {
  return {
    ...zodToJsonSchema(ruleBundleSchema, { name: 'SegmentBundle', $refStrategy: 'none' }),
    $id: 'https://seglab.dev/schemas/segment-bundle.schema.json',
    title: `seglab segment rule bundle (schemaVersion ${RULE_BUNDLE_SCHEMA_VERSION})`,
    description:
      'Ordered segments with stable ids, names in every language and JSON Logic conditions (first match wins) and a fallback, or lead-scoring rules; the fields they read with their unit and SQL (a field in days reads a missing value as never, written out in the conditions); provenance; validation results; checksum (sha256 of the canonical JSON without it).',
  };
}

describe('schemas/segment-bundle.schema.json', () => {
  it('is what the zod schema generates (UPDATE_GOLDEN=1 rewrites it)', () => {
    const want = generated();
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(schemaPath)) writeFileSync(schemaPath, JSON.stringify(want, null, 2) + '\n');
    expect(JSON.parse(readFileSync(schemaPath, 'utf8'))).toEqual(want);
  });

  it('accepts a bundle and rejects a broken one (validated with Ajv, as a warehouse team would)', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    expect(validate(JSON.parse(JSON.stringify(smallBundle())))).toBe(true);
    expect(validate({ ...smallBundle(), kind: 'clusters' })).toBe(false);
    expect(validate({ ...smallBundle(), checksum: 'nope' })).toBe(false);
  });
});
