import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectGoldenJson, expectGoldenText, GOLDEN_UPDATE_ENV, roundNumbers } from './golden';

describe('golden files', () => {
  const saved = process.env[GOLDEN_UPDATE_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[GOLDEN_UPDATE_ENV];
    else process.env[GOLDEN_UPDATE_ENV] = saved;
  });
  const dir = () => mkdtempSync(join(tmpdir(), 'seglab-golden-'));

  it('a missing golden file fails, names the update command and is not written', () => {
    delete process.env[GOLDEN_UPDATE_ENV];
    const file = join(dir(), 'a.json');
    expect(() => expectGoldenJson(file, { a: 1 })).toThrow(/golden file .*a\.json is missing: write it with `npm run golden:update`/);
    expect(() => expectGoldenText(file, 'x', { regenerate: 'npm run schemas' })).toThrow(/`npm run schemas`/);
    expect(existsSync(file)).toBe(false);
  });

  it('a different value fails; only the update command rewrites the file', () => {
    delete process.env[GOLDEN_UPDATE_ENV];
    const file = join(dir(), 'b.sql');
    writeFileSync(file, 'SELECT 1;\n');
    expectGoldenText(file, 'SELECT 1;\n');
    expect(() => expectGoldenText(file, 'SELECT 2;\n')).toThrow(/differs from/);
    expect(readFileSync(file, 'utf8')).toBe('SELECT 1;\n');
    process.env[GOLDEN_UPDATE_ENV] = '1';
    expectGoldenText(file, 'SELECT 2;\n');
    expect(readFileSync(file, 'utf8')).toBe('SELECT 2;\n');
  });

  it('JSON numbers are rounded to the stated significant digits before comparing and writing', () => {
    const file = join(dir(), 'c.json');
    process.env[GOLDEN_UPDATE_ENV] = '1';
    expectGoldenJson(file, { share: 0.123456789, n: 1234567, p: [0.000123456] }, { precision: (k) => (k === 'p' ? 3 : 4) });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ share: 0.1235, n: 1234567, p: [0.000123] });
    delete process.env[GOLDEN_UPDATE_ENV];
    // float noise below the precision passes, a change above it fails
    expectGoldenJson(file, { share: 0.12345000001, n: 1234567, p: [0.0001234] }, { precision: (k) => (k === 'p' ? 3 : 4) });
    expect(() => expectGoldenJson(file, { share: 0.1236, n: 1234567, p: [0.000123] }, { precision: (k) => (k === 'p' ? 3 : 4) })).toThrow(/differs/);
    expect(roundNumbers({ a: 1 / 3, b: NaN, c: [Infinity, 2] })).toEqual({ a: 0.333333, b: NaN, c: [Infinity, 2] });
  });
});
