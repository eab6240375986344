import { InputError } from './errors';

/** `${name}` (or the escape `$${name}`) inside a config string. */
const VARIABLE = /\$?\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;
/** A string that is one variable and nothing else, e.g. `k: ${k}`. */
const WHOLE_VARIABLE = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}$/;

export type ConfigPath = readonly (string | number)[];

export interface SubstituteVarsOptions {
  /** Names the config in errors (default "config"). */
  source?: string;
  /**
   * The value of a string that is exactly `${name}` (default: the text). A caller that knows the
   * schema returns a typed value here, so `k: ${k}` with k = "7" becomes the number 7.
   */
  whole?: (name: string, text: string, path: ConfigPath) => unknown;
}

/**
 * Replace `${name}` in every string of a parsed config with vars[name], so one committed config
 * serves any data path (`seglab run --config x.yaml --data path`). `$${` escapes a literal `${`.
 * Unknown names are an error that lists them and the names that were given.
 */
export function substituteVars<T>(value: T, vars: Record<string, string>, sourceOrOptions: string | SubstituteVarsOptions = 'config'): T {
  const options = typeof sourceOrOptions === 'string' ? { source: sourceOrOptions } : sourceOrOptions;
  const source = options.source ?? 'config';
  const missing = new Set<string>();
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (typeof v === 'string') {
      const whole = WHOLE_VARIABLE.exec(v);
      if (whole && options.whole) {
        const name = whole[1]!;
        const got = vars[name];
        if (got === undefined) {
          missing.add(name);
          return v;
        }
        return options.whole(name, got, path);
      }
      return v.replace(VARIABLE, (match, name: string) => {
        if (match.startsWith('$$')) return match.slice(1);
        const got = vars[name];
        if (got === undefined) {
          missing.add(name);
          return match;
        }
        return got;
      });
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
    }
    return v;
  };
  const out = walk(value, []) as T;
  if (missing.size) {
    const names = [...missing];
    throw new InputError(
      `${source} uses ${names.map((n) => '${' + n + '}').join(', ')} but no value was given.`,
      names.map((n) => ({
        severity: 'error' as const,
        check: 'missing-variable',
        message: `variable "${n}" is not set`,
        location: { file: source },
        hint: n === 'data' ? 'pass the data file with --data <path>' : `pass it with --set ${n}=<value>`,
      })),
    );
  }
  return out;
}

/** Names of the `${name}` variables a parsed config uses (escaped `$${name}` excluded), in order of first use. */
export function variablesIn(value: unknown): string[] {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(VARIABLE)) if (!m[0].startsWith('$$')) names.add(m[1]!);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...names];
}
