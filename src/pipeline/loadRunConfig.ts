import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { ZodError, ZodIssue, ZodTypeAny } from 'zod';
import { InputError, type Problem } from '../core/errors';
import { pathsNamed, schemaAtPath } from '../core/schemaAtPath';
import { substituteVars, variablesIn, type ConfigPath } from '../core/substituteVars';
import { runConfigSchema, type RunConfig } from './RunConfig';

export interface LoadedRunConfig {
  config: RunConfig;
  /** Absolute path of the config file. */
  path: string;
  /** Folder that relative data paths are resolved against (the config file's folder). */
  baseDir: string;
}

/**
 * Changes to a config file made on the command line. They are applied to the parsed file before the
 * schema sees it, so an override is validated (and defaulted) exactly like a value written in the file.
 */
export interface RunConfigOverrides {
  /** `--data <path>`: the value of `${data}` in the config (a path, always text). */
  data?: string;
  /**
   * `--set name=value`: a `${name}` variable the config uses, else a config key by its dotted path
   * (`cluster.k`, `report.pdf`). The value is YAML (`7`, `false`, `[3, 8]`), typed by the schema: a key
   * that takes text gets the text as given (`name=007` stays "007").
   */
  set?: Record<string, string>;
  /** Already typed values by dotted path, e.g. { path: 'asOf', value: '2026-04-01', origin: '--as-of' }. */
  values?: readonly { path: string; value: unknown; origin?: string }[];
}

/**
 * Read a YAML (or JSON) run config, apply the overrides (`${vars}` such as `--data`, `--set`, `--as-of`),
 * validate it, and report every problem with its field path and line (or the option it came from).
 */
export function loadRunConfig(path: string, overrides: RunConfigOverrides = {}): LoadedRunConfig {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new InputError(`Config file not found: ${abs}`, [
      { severity: 'error', check: 'file-not-found', message: 'no such file', location: { file: abs }, hint: 'check the path given to --config' },
    ]);
  }
  const text = readFileSync(abs, 'utf8');
  return { config: parseRunConfig(text, abs, overrides), path: abs, baseDir: dirname(abs) };
}

/** Parse config text; `source` names the file in errors. */
export function parseRunConfig(text: string, source: string, overrides: RunConfigOverrides = {}): RunConfig {
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
  const parsed = doc.toJS() as unknown;
  const file = parsed === null || parsed === undefined ? {} : parsed;
  const { raw, origins } = applyOverrides(file, source, overrides);
  const result = runConfigSchema.safeParse(raw);
  if (!result.success) throw configError(result.error, source, text, raw, origins);
  return result.data;
}

type Origins = Map<string, string>;

/** The parsed file with variables substituted and keys set; `origins` says which option gave which field. */
function applyOverrides(file: unknown, source: string, overrides: RunConfigOverrides): { raw: unknown; origins: Origins } {
  const used = variablesIn(file);
  const problems: Problem[] = [];
  const origins: Origins = new Map();
  const vars: Record<string, string> = {};
  const keys: { path: string[]; text: string; origin: string }[] = [];

  for (const [name, text] of Object.entries(overrides.set ?? {})) {
    const origin = `--set ${name}=${text}`;
    if (name === 'data' && overrides.data !== undefined) continue; // --data wins
    if (used.includes(name)) {
      vars[name] = text;
      continue;
    }
    const path = name.split('.');
    const at = path.some((p) => p === '') ? undefined : schemaAtPath(runConfigSchema, path);
    if (at?.found) keys.push({ path, text, origin });
    else problems.push(unknownName(name, origin, source, used, at));
  }
  if (overrides.data !== undefined) {
    if (used.includes('data')) vars['data'] = overrides.data;
    else
      problems.push({
        severity: 'error',
        check: 'unused-override',
        message: `--data is given but the config has no \${data} to receive it`,
        location: { file: source },
        hint: 'write `path: ${data}` where the config names its data file, or drop --data',
      });
  }
  for (const v of overrides.values ?? []) {
    const at = schemaAtPath(runConfigSchema, v.path.split('.'));
    if (!at.found) throw new Error(`override of an unknown config key "${v.path}"`); // a caller's mistake, not the user's
  }
  if (problems.length) throw new InputError(`${source}: ${problems.length} command-line override${problems.length > 1 ? 's' : ''} cannot be applied.`, problems);

  const typed = (name: string, path: ConfigPath, text: string): unknown => {
    const value = yamlValue(name, text, source, problems);
    const at = schemaAtPath(runConfigSchema, path.map(String));
    return at.found ? typedBySchema(at.schemas, value, text) : value;
  };
  const raw = substituteVars(file, vars, {
    source,
    whole: (name, text, path) => {
      // --data is a path: never YAML, always text.
      if (name === 'data' && overrides.data !== undefined) return text;
      origins.set(path.join('.'), `\${${name}} = --set ${name}=${text}`);
      return typed(name, path, text);
    },
  });
  for (const k of keys) {
    setIn(raw, k.path, typed(k.path.join('.'), k.path, k.text));
    origins.set(k.path.join('.'), k.origin);
  }
  for (const v of overrides.values ?? []) {
    setIn(raw, v.path.split('.'), v.value);
    origins.set(v.path, v.origin ?? `override of ${v.path}`);
  }
  if (problems.length) throw new InputError(`${source}: ${problems.length} command-line override${problems.length > 1 ? 's' : ''} cannot be applied.`, problems);
  return { raw, origins };
}

function unknownName(name: string, origin: string, source: string, used: string[], at: ReturnType<typeof schemaAtPath> | undefined): Problem {
  const vars = used.length ? `it uses ${used.map((u) => '${' + u + '}').join(', ')}` : 'it uses no ${…} variable';
  const path = name.split('.');
  if (!at || at.found) {
    return { severity: 'error', check: 'unknown-override', message: `"${name}" is not a config key (empty part in the dotted path)`, location: { file: source }, hint: `${origin}: write the key as section.key, e.g. cluster.k` };
  }
  const section = path.slice(0, at.depth).join('.');
  const similar = pathsNamed(runConfigSchema, path[path.length - 1]!);
  const didYouMean = similar.length ? `did you mean ${similar.map((s) => `--set ${s}=…`).join(' or ')}? ` : '';
  if (!at.allowed.length) {
    return {
      severity: 'error',
      check: 'unknown-override',
      message: `"${name}": ${section} is a value, not a section with keys`,
      location: { file: source, field: section },
      hint: `${didYouMean}set it with --set ${section}=<value>`,
    };
  }
  const where = at.depth === 0 ? `neither a \${variable} of the config (${vars}) nor a config key` : `not a key of ${section}`;
  return {
    severity: 'error',
    check: 'unknown-override',
    message: `"${name}" is ${where}`,
    location: { file: source, field: name },
    hint: `${didYouMean}allowed keys${at.depth ? ` under ${section}` : ''}: ${at.allowed.join(', ')}`,
  };
}

/** A --set value read as a YAML scalar or flow value: 7, false, [3, 8], {en: A, fr: B}, "quoted text". */
function yamlValue(name: string, text: string, source: string, problems: Problem[]): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  const contents = doc.contents as { comment?: string | null; commentBefore?: string | null } | null;
  const comment = doc.comment || doc.commentBefore || contents?.comment || contents?.commentBefore;
  if (doc.errors.length || comment) {
    problems.push({
      severity: 'error',
      check: 'override-value',
      message: `--set ${name}=${text}: ${doc.errors.length ? `the value is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})` : 'the value holds a YAML comment (" #"), which would be dropped'}`,
      location: { file: source },
      hint: `values are YAML (4, false, [3, 8], auto); quote text that is not: --set '${name}=${JSON.stringify(text)}'`,
    });
    return text;
  }
  return doc.toJS() as unknown;
}

/**
 * The YAML reading of a value, unless the schema at its key refuses it and accepts the text as given
 * (`name=007` is the name "007", not the number 7; `title=a: b` is a title, not a mapping).
 */
function typedBySchema(schemas: readonly ZodTypeAny[], value: unknown, text: string): unknown {
  if (typeof value === 'string' || schemas.some((s) => s.safeParse(value).success)) return value;
  return schemas.some((s) => s.safeParse(text).success) ? text : value;
}

/** Set a value at a path of a parsed config, creating the sections on the way. */
function setIn(target: unknown, path: readonly string[], value: unknown): void {
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return; // the schema refuses a file that is not a mapping
  let node = target as Record<string, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

function configError(error: ZodError, source: string, text: string, raw: unknown, origins: Origins): InputError {
  const problems: Problem[] = error.issues.map((issue) => {
    const field = issue.path.join('.');
    const origin = originOf(issue.path, origins);
    return {
      severity: 'error',
      check: 'config',
      message: messageOf(issue, raw),
      location: origin ? { field: field || '(top level)' } : { file: source, field: field || '(top level)', line: lineOf(text, issue.path) },
      hint: origin
        ? `the value comes from ${origin}`
        : issue.code === 'unrecognized_keys'
          ? 'remove the key or check its spelling against the README'
          : undefined,
    };
  });
  const from = origins.size ? ' (with the command-line overrides)' : '';
  return new InputError(`${source}${from} has ${problems.length} problem${problems.length > 1 ? 's' : ''}.`, problems);
}

/** The option that set a field or one of its parents, if any. */
function originOf(path: readonly PropertyKey[], origins: Origins): string | undefined {
  for (let n = path.length; n > 0; n--) {
    const o = origins.get(path.slice(0, n).map(String).join('.'));
    if (o) return o;
  }
  return undefined;
}

/**
 * zod says only "Invalid input" when no option of a union fits (`k: auto` or a number): list what each
 * option expected and what was given instead.
 */
function messageOf(issue: ZodIssue, raw: unknown): string {
  if (issue.code !== 'invalid_union') return issue.message;
  const expected: string[] = [];
  for (const branch of issue.unionErrors) {
    for (const i of branch.issues) {
      if (i.path.length !== issue.path.length) continue;
      if (i.code === 'invalid_type') expected.push(`a ${i.expected}`);
      else if (i.code === 'invalid_literal') expected.push(JSON.stringify(i.expected));
      else if (i.code === 'invalid_enum_value') expected.push(`one of ${i.options.map((o) => JSON.stringify(o)).join(', ')}`);
      else expected.push(`a value where: ${i.message}`);
    }
  }
  if (!expected.length) return issue.message;
  const got = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
  return `expected ${[...new Set(expected)].join(' or ')}, got ${JSON.stringify(got)}`;
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
