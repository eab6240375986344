import { InputError } from './errors';

/**
 * Replace `${name}` in every string of a parsed config with vars[name], so one committed config
 * serves any data path (`seglab run --config x.yaml --data path`). `$${` escapes a literal `${`.
 * Unknown names are an error that lists them and the names that were given.
 */
export function substituteVars<T>(value: T, vars: Record<string, string>, source = 'config'): T {
  const missing = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v.replace(/\$?\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g, (match, name: string) => {
        if (match.startsWith('$$')) return match.slice(1);
        const got = vars[name];
        if (got === undefined) {
          missing.add(name);
          return match;
        }
        return got;
      });
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const out = walk(value) as T;
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
