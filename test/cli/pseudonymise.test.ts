import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hmacId } from '../../src/data/pseudonymise';
import type { Manifest } from '../../src/pipeline/Manifest';
import { root, seglab, tempDir } from './helpers';

const KEY = 'cli-test-key-0123456789abcdef';
const sample = join(root, 'data', 'sample');

describe('SEGLAB_PSEUDONYM_KEY alone pseudonymises run, profile and features (as the README says)', () => {
  it('features <folder> --out x.csv: every id is HMAC(key, id)', async () => {
    const out = join(tempDir(), 'f.csv');
    const r = await seglab(['features', sample, '--as-of', '2026-07-01', '--out', out], { env: { SEGLAB_PSEUDONYM_KEY: KEY } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/pseudonymise customer ids — 3,000 ids/);
    const ids = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
    expect(ids.length).toBe(3000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(ids).toContain(hmacId(KEY, 'C000001'));
  }, 120_000);

  it('profile <folder> pseudonymises on load; run records it in manifest.json and load.json', async () => {
    const p = await seglab(['profile', sample], { env: { SEGLAB_PSEUDONYM_KEY: KEY } });
    expect(p.code, p.stderr).toBe(0);
    expect(p.stderr).toMatch(/pseudonymise customer ids — 3,000 ids/);
    const r = await seglab(['run', '--config', 'data/configs/sample.yaml', '--out', tempDir(), '--stages', 'features'], { env: { SEGLAB_PSEUDONYM_KEY: KEY } });
    expect(r.code, r.stderr).toBe(0);
    const dir = r.stdout.trim();
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.pseudonymised).toBe(true);
    expect(m.pseudonymisation).toMatchObject({ applied: true, keySource: 'env', keyEnv: 'SEGLAB_PSEUDONYM_KEY' });
    expect(readFileSync(join(dir, 'features.csv'), 'utf8')).not.toContain('C000001');
    for (const f of ['manifest.json', 'load.json', 'features.csv']) expect(readFileSync(join(dir, f), 'utf8')).not.toContain(KEY);
  }, 120_000);

  it('a key set but unused (enabled: false) is said on stderr and in manifest.json and load.json', async () => {
    const dir = tempDir();
    const config = join(dir, 'c.yaml');
    const text = readFileSync(join(root, 'data', 'configs', 'sample.yaml'), 'utf8').replace(/path: \.\.\/sample\//g, `path: ${sample}/`);
    writeFileSync(config, `${text}\n`.replace('data:\n', 'data:\n  pseudonymise: { enabled: false }\n'));
    const r = await seglab(['run', '--config', config, '--out', dir, '--stages', 'profile'], { env: { SEGLAB_PSEUDONYM_KEY: KEY } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning \[unused-pseudonym-key\] SEGLAB_PSEUDONYM_KEY is set but NOT used: data\.pseudonymise\.enabled is false; customer ids are written as they are, NOT pseudonymised/);
    const run = r.stdout.trim();
    const m = JSON.parse(readFileSync(join(run, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.pseudonymised).toBe(false);
    expect(m.pseudonymisation!.unusedKeys).toEqual(['SEGLAB_PSEUDONYM_KEY']);
    const load = JSON.parse(readFileSync(join(run, 'load.json'), 'utf8')) as { warnings: { check: string }[] };
    expect(load.warnings.map((w) => w.check)).toContain('unused-pseudonym-key');
    const p = await seglab(['profile', '--config', config], { env: { SEGLAB_PSEUDONYM_KEY: KEY } });
    expect(p.code, p.stderr).toBe(0);
    expect(p.stderr).toMatch(/unused-pseudonym-key/);
  }, 120_000);
});
