// Writes the published JSON Schemas from the built library (`npm run schemas`): the zod schema the code
// validates with is the source; test/rules/bundleJsonSchema.test.ts fails when the committed file differs.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { bundleJsonSchema, BUNDLE_JSON_SCHEMA_PATH } = createRequire(import.meta.url)(join(root, 'dist/cjs/index.js'));
writeFileSync(join(root, BUNDLE_JSON_SCHEMA_PATH), JSON.stringify(bundleJsonSchema(), null, 2) + '\n');
console.error(`wrote ${BUNDLE_JSON_SCHEMA_PATH}`);
