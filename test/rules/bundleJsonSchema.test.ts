import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_JSON_SCHEMA_PATH, bundleJsonSchema } from '../../src';
import { expectGoldenJson } from '../golden';
import { smallBundle } from './fixtures';

const schemaPath = join(__dirname, '..', '..', BUNDLE_JSON_SCHEMA_PATH);

describe('schemas/segment-bundle.schema.json', () => {
  it('is what the zod schema generates (`npm run schemas` rewrites it)', () => {
    expectGoldenJson(schemaPath, bundleJsonSchema(), { regenerate: 'npm run schemas' });
  });

  it('accepts a bundle and rejects a broken one (validated with Ajv, as a warehouse team would)', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    expect(validate(JSON.parse(JSON.stringify(smallBundle())))).toBe(true);
    expect(validate({ ...smallBundle(), kind: 'clusters' })).toBe(false);
    expect(validate({ ...smallBundle(), checksum: 'nope' })).toBe(false);
  });
});
