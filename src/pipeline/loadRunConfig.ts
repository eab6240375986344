import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { ZodError } from 'zod';
import { InputError, type Problem } from '../core/errors';
import { flattenUnionIssues } from '../data/configIssues';
import { substituteVars } from '../core/substituteVars';
import { runConfigSchema, type RunConfig } from './RunConfig';

export interface LoadedRunConfig {
  config: RunConfig;
  /** Absolute path of the config file. */
  path: string;
  /** Folder that relative data paths are resolved against (the config file's folder). */
  baseDir: string;
}

/** Values given on the command line in place of the config's (e.g. --as-of); validated as part of the config. */
export interface RunConfigOverrides {
  asOf?: string;
}

/** The command-line option of each override, named in errors. */
const OVERRIDE_OPTIONS: Record<keyof RunConfigOverrides, string> = { asOf: '--as-of' };

/**
 * Read a YAML (or JSON) run config, substitute `${vars}` (e.g. `--data`), apply the command-line
 * overrides, validate it, and report every problem with its field path and line, not just the first.
 */
export function loadRunConfig(path: string, vars: Record<string, string> = {}, overrides: RunConfigOverrides = {}): LoadedRunConfig {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new InputError(`Config file not found: ${abs}`, [
      { severity: 'error', check: 'file-not-found', message: 'no such file', location: { file: abs }, hint: 'check the path given to --config' },
    ]);
  }
  const text = readFileSync(abs, 'utf8');
  return { config: parseRunConfig(text, abs, vars, overrides), path: abs, baseDir: dirname(abs) };
}

/** Parse config text; `source` names the file in errors. */
export function parseRunConfig(text: string, source: string, vars: Record<string, string> = {}, overrides: RunConfigOverrides = {}): RunConfig {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    throw new InputError(
      `${source} is not valid YAML.`,
      doc.errors.map((e) => ({
        severity: 'error' as const,
        check: 'yaml-syntax',
        message: e.message.split('\n')[0]!,
        location: { file: source, ...positionOf(text, e.pos[0]) },
      })),
    );
  }
  const raw = substituteVars(doc.toJS() as unknown, vars, source);
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as RunConfigOverrides;
  const withOverrides = Object.keys(given).length && raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? { ...raw, ...given } : raw;
  const parsed = runConfigSchema.safeParse(withOverrides);
  if (!parsed.success) throw configError(parsed.error, source, text, given);
  return parsed.data;
}

function configError(error: ZodError, source: string, text: string, overrides: RunConfigOverrides): InputError {
  const problems: Problem[] = flattenUnionIssues(error.issues).map((issue) => {
    const field = issue.path.join('.');
    // A value from the command line is not in the file: name the option and the value, not a line.
    const key = issue.path.length === 1 ? (String(issue.path[0]) as keyof RunConfigOverrides) : undefined;
    if (key && key in OVERRIDE_OPTIONS && overrides[key] !== undefined) {
      const option = OVERRIDE_OPTIONS[key];
      return {
        severity: 'error',
        check: 'config',
        message: `${option} ${JSON.stringify(overrides[key])}: ${issue.message}`,
        location: { field: `${field} (${option})` },
        hint: `${option} takes a date like 2026-07-01 or 2026-07-01T00:00:00`,
      };
    }
    return {
      severity: 'error',
      check: 'config',
      message: issue.message,
      location: { file: source, field: field || '(top level)', line: lineOf(text, issue.path) },
      hint: issue.code === 'unrecognized_keys' ? 'remove the key or check its spelling against the README' : undefined,
    };
  });
  return new InputError(`${source} has ${problems.length} problem${problems.length > 1 ? 's' : ''}.`, problems);
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Best-effort line of a config path, so the message points into the file. */
function lineOf(text: string, path: readonly PropertyKey[]): number | undefined {
  const doc = parseDocument(text);
  const keys = path.filter((k): k is string | number => typeof k === 'string' || typeof k === 'number');
  for (let n = keys.length; n > 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return text.slice(0, node.range[0]).split('\n').length;
  }
  return undefined;
}
