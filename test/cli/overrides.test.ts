import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, seglab, tempDir } from './helpers';

/** The run folder's JSON files, read back. */
const readJson = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, any>;

/** A config over the sample's customers only (fast to load) whose cluster.k is a ${k} variable. */
function configWithK(): string {
  const dir = tempDir();
  const path = join(dir, 'k.yaml');
  writeFileSync(path, `name: k-var\nasOf: 2026-07-01\ndata:\n  customers:\n    path: ${join(root, 'data', 'sample', 'customers.csv.gz')}\ncluster:\n  k: \${k}\n`);
  return path;
}

describe('seglab --set, --as-of and --data go through the config schema', () => {
  it('--set cluster.k=4 runs with k = 4 (a config key by its dotted path, typed by the schema)', async () => {
    const out = tempDir();
    const r = await seglab(['run', '--config', 'data/configs/sample.yaml', '--set', 'cluster.k=4', '--set', 'cluster.stabilityResamples=0', '--stages', 'features,cluster', '--out', out, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const dir = r.stdout.trim();
    const cluster = readJson(dir, 'cluster.json');
    expect(cluster.k).toBe(4);
    expect(cluster.kSource).toBe('config');
    expect(cluster.segments).toHaveLength(4);
    expect(readJson(dir, 'manifest.json').config.cluster).toMatchObject({ k: 4, stabilityResamples: 0 });
  });

  it('`k: ${k}` with --set k=7 is the number 7 (not the text "7")', async () => {
    const out = tempDir();
    const r = await seglab(['run', '--config', configWithK(), '--set', 'k=7', '--stages', 'load', '--out', out, '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(readJson(r.stdout.trim(), 'manifest.json').config.cluster.k).toBe(7);
  });

  it('an unknown key, or a name that is neither a key nor a variable, is exit 2 naming it and the allowed keys; nothing is written', async () => {
    const out = tempDir();
    const kk = await seglab(['run', '--config', 'data/configs/sample.yaml', '--set', 'cluster.kk=4', '--out', out]);
    expect(kk.code).toBe(2);
    expect(kk.stderr).toMatch(/"cluster\.kk" is not a key of cluster/);
    expect(kk.stderr).toMatch(/allowed keys under cluster: algorithm, features, categorical, k, kRange/);
    const k = await seglab(['run', '--config', 'data/configs/sample.yaml', '--set', 'k=4', '--out', out]);
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(/"k" is neither a \$\{variable\} of the config \(it uses no \$\{…\} variable\) nor a config key/);
    expect(k.stderr).toMatch(/did you mean --set cluster\.k=…\?/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a value of the wrong type is exit 2 naming the key, what it takes and the option', async () => {
    const r = await seglab(['run', '--config', 'data/configs/sample.yaml', '--set', 'cluster.k=four', '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/field cluster\.k: expected "auto" or a number, got "four"/);
    expect(r.stderr).toMatch(/the value comes from --set cluster\.k=four/);
  });

  it('an impossible --as-of is exit 2 with a clear message, before any data is read (run, profile, features)', async () => {
    const out = tempDir();
    const cases = [
      ['run', '--config', 'data/configs/sample.yaml', '--as-of', '2026-02-30', '--out', out],
      ['profile', '--config', 'data/configs/sample.yaml', '--as-of', '2026-02-30'],
      ['profile', 'data/sample', '--as-of', '2026-02-30'],
      ['features', 'data/sample', '--as-of', '2026-02-30', '--out', join(out, 'f.csv')],
    ];
    for (const args of cases) {
      const r = await seglab(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/option '--as-of <date>' argument '2026-02-30' is invalid\. not a real calendar date \(February 2026 has 28 days\), got "2026-02-30"\./);
      expect(r.stderr).not.toMatch(/unexpected failure|SELECT|load customers/);
    }
    expect(existsSync(join(out, 'f.csv'))).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a seed outside 0..2^32-1 (2^32+1 drew what 1 draws) or not whole is exit 2 naming the range: run --set seed, synth --seed', async () => {
    const out = tempDir();
    for (const seed of ['4294967297', '1.5']) {
      const r = await seglab(['run', '--config', 'data/configs/sample.yaml', '--set', `seed=${seed}`, '--stages', 'load', '--out', out]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`field seed: expected a whole number from 0 to 4294967295 (2^32 - 1)`);
      expect(r.stderr).toContain(`--set seed=${seed}`);
    }
    const synth = await seglab(['synth', '--customers', '10', '--seed', '4294967297', '--out', join(out, 'synth')]);
    expect(synth.code, synth.stderr).toBe(2);
    expect(synth.stderr).toContain('Invalid seed: got 4294967297, expected a whole number from 0 to 4294967295');
    expect(readdirSync(out)).toEqual([]);
  });

  it('asOf with a time of day is refused the same way by every command and path (it was an instant to the features, a date to the run id)', async () => {
    const out = tempDir();
    const TIME = /a date has no time of day \(only T00:00 may follow it\); it stands for 00:00 UTC of its day/;
    const cases = [
      ['run', '--config', 'data/configs/sample.yaml', '--as-of', '2026-07-01T12:00', '--stages', 'load', '--out', out],
      ['run', '--config', 'data/configs/sample.yaml', '--set', 'asOf=2026-07-01T12:00', '--stages', 'load', '--out', out],
      ['profile', '--config', 'data/configs/sample.yaml', '--as-of', '2026-07-01 12:00:00'],
      ['profile', 'data/sample', '--as-of', '2026-07-01T12:00'],
      ['features', '--config', 'data/configs/sample.yaml', '--set', 'asOf=2026-07-01T12:00', '--out', join(out, 'f.csv')],
      ['features', 'data/sample', '--as-of', '2026-07-01T12:00', '--out', join(out, 'f.csv')],
    ];
    for (const args of cases) {
      const r = await seglab(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(TIME);
      expect(r.stderr).not.toMatch(/unexpected failure|SELECT|load customers/);
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it('--set and --data without a config are refused instead of ignored', async () => {
    const r = await seglab(['profile', 'data/sample', '--set', 'cluster.k=4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--set change a config: use them with --config <file>/);
  });
});
