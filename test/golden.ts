import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { expect } from 'vitest';

/**
 * Golden files: a test's output compared with a committed file. A missing file fails (a test that writes its
 * own expectation cannot fail); the files are (re)written only by `npm run golden:update`, which sets this
 * variable and runs the tests that import this helper. Review the diff before committing it.
 */
export const GOLDEN_UPDATE_ENV = 'SEGLAB_UPDATE_GOLDEN';

const ROOT = dirname(__dirname);

/** Significant digits a golden JSON file keeps: 6 unless a key says otherwise. */
export type GoldenPrecision = number | ((key: string) => number);

export interface GoldenOptions {
  /** The command that rewrites this file, named in the failure (default `npm run golden:update`). */
  regenerate?: string;
}

export interface GoldenJsonOptions extends GoldenOptions {
  /** Significant digits of non-integer numbers before comparing and writing (default 6). */
  precision?: GoldenPrecision;
}

export const DEFAULT_GOLDEN_PRECISION = 6;

const updating = (): boolean => process.env[GOLDEN_UPDATE_ENV] === '1';

/**
 * Numbers rounded to `precision` significant digits (integers, NaN and infinities unchanged), recursively;
 * the key is the property name the number sits under (array items inherit their array's key).
 */
export function roundNumbers(value: unknown, precision: GoldenPrecision = DEFAULT_GOLDEN_PRECISION, key = ''): unknown {
  if (typeof value === 'number') {
    if (Number.isInteger(value) || !Number.isFinite(value)) return value;
    const digits = typeof precision === 'number' ? precision : precision(key);
    return Number(value.toPrecision(digits));
  }
  if (Array.isArray(value)) return value.map((v) => roundNumbers(v, precision, key));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundNumbers(v, precision, k)]));
  return value;
}

/** The golden file's text; writes `actual` first only under `npm run golden:update`. */
function golden(file: string, actual: string, options: GoldenOptions): string {
  const regenerate = options.regenerate ?? 'npm run golden:update';
  if (updating()) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    process.stderr.write(`golden: wrote ${relative(ROOT, file)}\n`);
  }
  if (!existsSync(file)) throw new Error(`golden file ${relative(ROOT, file)} is missing: write it with \`${regenerate}\`, review it and commit it`);
  return readFileSync(file, 'utf8');
}

/** `actual` equals the golden text file byte for byte. */
export function expectGoldenText(file: string, actual: string, options: GoldenOptions = {}): void {
  const want = golden(file, actual, options);
  expect(actual, `differs from ${relative(ROOT, file)} (rewrite with \`${options.regenerate ?? 'npm run golden:update'}\` if the change is meant)`).toBe(want);
}

/** `actual` with numbers rounded equals the golden JSON file (written as 2-space JSON with a final newline). */
export function expectGoldenJson(file: string, actual: unknown, options: GoldenJsonOptions = {}): void {
  const value = roundNumbers(actual, options.precision);
  const want = JSON.parse(golden(file, JSON.stringify(value, null, 2) + '\n', options)) as unknown;
  expect(value, `differs from ${relative(ROOT, file)} (rewrite with \`${options.regenerate ?? 'npm run golden:update'}\` if the change is meant)`).toEqual(want);
}
