import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { parseRunConfig } from '../../src/pipeline/loadRunConfig';

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
    expect(parseRunConfig(text, 'c.yaml', {}, { asOf: '2026-03-31' }).asOf).toBe('2026-03-31');
    expect(parseRunConfig(text, 'c.yaml', {}, {}).asOf).toBe('2026-07-01');
    try {
      parseRunConfig(text, 'c.yaml', {}, { asOf: '2026-02-30' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const p = (e as InputError).problems[0]!;
      expect(p.location).toEqual({ field: 'asOf (--as-of)' });
      expect(p.message).toBe('--as-of "2026-02-30": not a real calendar date');
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
