import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, run } from './helpers';

describe('the build', () => {
  it('CommonJS and ES-module entry points expose the same API, backed by one implementation', async () => {
    const script = `
      import * as esm from ${JSON.stringify(join(root, 'dist/esm/index.js'))};
      import { createRequire } from 'node:module';
      const cjs = createRequire(import.meta.url)(${JSON.stringify(join(root, 'dist/cjs/index.js'))});
      const names = Object.keys(cjs).filter((n) => n !== '__esModule').sort();
      const missing = names.filter((n) => !(n in esm));
      console.log(JSON.stringify({ count: names.length, missing, same: esm.DuckSession === cjs.DuckSession }));`;
    const r = await run(process.execPath, ['--input-type=module', '-e', script]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { count: number; missing: string[]; same: boolean };
    expect(out.missing).toEqual([]);
    expect(out.count).toBeGreaterThan(40);
    expect(out.same).toBe(true);
  });

  it('ships .d.ts next to the CommonJS build (tslab notebooks compile against them)', () => {
    expect(readFileSync(join(root, 'dist/cjs/index.d.ts'), 'utf8')).toMatch(/export \{ DuckSession/);
  });
});
