import { describe, expect, it } from 'vitest';
import { InputError, parseRunConfig, type RunConfigOverrides } from '../../src';

const problems = (text: string, vars: Record<string, string> = {}) => {
  try {
    parseRunConfig(text, 'c.yaml', vars);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).problems;
  }
  throw new Error('expected an InputError');
};

describe('parseRunConfig', () => {
  it('fills defaults and substitutes ${data}', () => {
    const c = parseRunConfig('name: x\nasOf: 2026-07-01\ndata:\n  transactions:\n    path: ${data}\n', 'c.yaml', { data: '/d/t.csv' });
    expect(c.seed).toBe(42);
    expect(c.output.dir).toBe('reports');
    expect(c.features.windows).toEqual([30, 60, 90, 180, 365]);
    expect(c.data.transactions!.path).toBe('/d/t.csv');
    expect(c.stages).toBeUndefined();
  });

  it('reports every problem with its field and line', () => {
    const ps = problems('name: bad name\nasOf: 2026-02-30\nseed: -1\ndata: {}\nextra: 1\n');
    const byField = Object.fromEntries(ps.map((p) => [p.location!.field, p]));
    expect(byField['name']!.location!.line).toBe(1);
    expect(byField['asOf']!.message).toMatch(/not a real calendar date|expected a date/);
    expect(byField['asOf']!.location!.line).toBe(2);
    expect(byField['seed']!.location!.line).toBe(3);
    expect(ps.some((p) => /extra/.test(p.message))).toBe(true);
    expect(ps.some((p) => /at least one of customers, transactions, events/.test(p.message))).toBe(true);
  });

  it('--as-of is validated with the config and named as the option, not as a line of the file', () => {
    const text = 'name: x\nasOf: 2026-07-01\ndata:\n  transactions:\n    path: t.csv\n';
    const asOf = (value: string) => ({ values: [{ path: 'asOf', value, origin: `--as-of ${value}` }] });
    expect(parseRunConfig(text, 'c.yaml', asOf('2026-03-31')).asOf.iso).toBe('2026-03-31');
    expect(parseRunConfig(text, 'c.yaml', {}).asOf.iso).toBe('2026-07-01');
    try {
      parseRunConfig(text, 'c.yaml', asOf('2026-02-30'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const p = (e as InputError).problems[0]!;
      expect(p.location?.field).toBe('asOf');
      expect(p.location?.line).toBeUndefined();
      expect(`${p.message} ${p.hint ?? ''}`).toMatch(/not a real calendar date/);
      expect(`${p.message} ${p.hint ?? ''}`).toMatch(/--as-of 2026-02-30/);
    }
  });

  it('names YAML syntax errors with line and column', () => {
    const ps = problems('name: x\nasOf: [2026\n');
    expect(ps[0]!.check).toBe('yaml-syntax');
    expect(ps[0]!.location!.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects unknown stages', () => {
    const ps = problems('name: x\nasOf: 2026-07-01\nstages: [load, frobnicate]\ndata:\n  customers:\n    path: c.csv\n');
    expect(ps[0]!.location!.field).toBe('stages.1');
  });

  it('cluster settings are checked with the field named', () => {
    const ps = problems('name: x\nasOf: 2026-07-01\ndata:\n  customers:\n    path: c.csv\ncluster:\n  algorithm: kmedoids\n');
    expect(ps[0]!.location!.field).toBe('cluster.algorithm');
    const kRange = problems('name: x\nasOf: 2026-07-01\ndata:\n  customers:\n    path: c.csv\ncluster:\n  kRange: [8, 3]\n');
    expect(kRange[0]!.message).toMatch(/must not exceed/);
  });
});

describe('parseRunConfig with command-line overrides (--set, --data, --as-of)', () => {
  const base = 'name: x\nasOf: 2026-07-01\ndata:\n  transactions:\n    path: t.csv\n';
  const withK = 'name: x\nasOf: 2026-07-01\ndata:\n  transactions:\n    path: ${data}\ncluster:\n  k: ${k}\n';
  const problemsWith = (text: string, overrides: RunConfigOverrides) => {
    try {
      parseRunConfig(text, 'c.yaml', overrides);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).problems;
    }
    throw new Error('expected an InputError');
  };

  it('--set sets any config key by its dotted path, typed as YAML', () => {
    const c = parseRunConfig(base, 'c.yaml', { set: { 'cluster.k': '4', 'cluster.kRange': '[3, 8]', 'report.pdf': 'false', seed: '7', 'data.transactions.delimiter': ';' } });
    expect(c.cluster.k).toBe(4);
    expect(c.cluster.kRange).toEqual([3, 8]);
    expect(c.report.pdf).toBe(false);
    expect(c.seed).toBe(7);
    expect(c.data.transactions!.delimiter).toBe(';');
    // Sections the file does not have are created, and the rest of the section gets its defaults.
    expect(c.cluster.algorithm).toBe('kmeans');
  });

  it('a ${variable} the config uses takes the typed value: `k: ${k}` with k=7 is the number 7', () => {
    const c = parseRunConfig(withK, 'c.yaml', { data: '/d/t.csv', set: { k: '7' } });
    expect(c.cluster.k).toBe(7);
    expect(c.data.transactions!.path).toBe('/d/t.csv');
    expect(parseRunConfig(withK, 'c.yaml', { data: '/d/t.csv', set: { k: 'auto' } }).cluster.k).toBe('auto');
  });

  it('a key that takes text keeps the text as given (the schema types the value)', () => {
    const c = parseRunConfig(base, 'c.yaml', { set: { name: '007', description: 'a: b', 'report.title': '"Q2 #1"' } });
    expect(c.name).toBe('007');
    expect(c.description).toBe('a: b');
    expect(c.report.title).toBe('Q2 #1');
    // --data is a path, never YAML: a file named 2026 stays "2026".
    expect(parseRunConfig(withK, 'c.yaml', { data: '2026', set: { k: '3' } }).data.transactions!.path).toBe('2026');
  });

  it('an unknown key is refused with the key and the allowed keys', () => {
    const [p] = problemsWith(base, { set: { 'cluster.kk': '4' } });
    expect(p!.location!.field).toBe('cluster.kk');
    expect(p!.message).toMatch(/not a key of cluster/);
    expect(p!.hint).toMatch(/allowed keys under cluster: .*\bk\b.*kRange/);
    const [nested] = problemsWith(base, { set: { 'cluster.k.x': '4' } });
    expect(nested!.message).toMatch(/cluster\.k is a value/);
  });

  it('a name that is neither a variable of the config nor a key is refused, with the key it probably meant', () => {
    const [p] = problemsWith(base, { set: { k: '4' } });
    expect(p!.message).toBe('"k" is neither a ${variable} of the config (it uses no ${…} variable) nor a config key');
    expect(p!.hint).toMatch(/did you mean --set cluster\.k=…\?/);
    expect(p!.hint).toMatch(/allowed keys: schemaVersion, name, .*cluster/);
  });

  it('a value of the wrong type names the key, what it takes and the option it came from', () => {
    const [p] = problemsWith(base, { set: { 'cluster.k': 'four' } });
    expect(p!.location!.field).toBe('cluster.k');
    expect(p!.message).toBe('expected "auto" or a number, got "four"');
    expect(p!.hint).toBe('the value comes from --set cluster.k=four');
    const [v] = problemsWith(withK, { data: '/d', set: { k: 'seven' } });
    expect(v!.location!.field).toBe('cluster.k');
    expect(v!.hint).toBe('the value comes from ${k} = --set k=seven');
    const [bool] = problemsWith(base, { set: { 'report.pdf': 'maybe' } });
    expect(bool!.message).toBe('expected a boolean or "auto", got "maybe"');
  });

  it('a value that is not YAML, or holds a comment that would be dropped, is refused', () => {
    expect(problemsWith(base, { set: { 'cluster.kRange': '[3,' } })[0]!.message).toMatch(/not valid YAML/);
    expect(problemsWith(base, { set: { 'report.title': 'Q2 #1' } })[0]!.message).toMatch(/comment/);
  });

  it('typed overrides (--as-of) go through the schema: an impossible date is an InputError naming the option', () => {
    const [p] = problemsWith(base, { values: [{ path: 'asOf', value: '2026-02-30', origin: '--as-of 2026-02-30' }] });
    expect(p!.location!.field).toBe('asOf');
    expect(p!.message).toMatch(/not a real calendar date/);
    expect(p!.hint).toBe('the value comes from --as-of 2026-02-30');
    expect(parseRunConfig(base, 'c.yaml', { values: [{ path: 'asOf', value: '2026-04-01' }] }).asOf.iso).toBe('2026-04-01');
  });

  it('--data is refused when the config has no ${data} to receive it', () => {
    const [p] = problemsWith(base, { data: '/d/t.csv' });
    expect(p!.message).toMatch(/--data is given but the config has no \$\{data\}/);
  });
});

describe('parseRunConfig overrides on a file that is not a mapping', () => {
  it('reports the file, not a crash', () => {
    expect(() => parseRunConfig('- a\n- b\n', 'c.yaml', { set: { 'cluster.k': '4' } })).toThrow(InputError);
  });
});
