import { describe, expect, it } from 'vitest';
import { substituteVars } from '../../src/core/substituteVars';
import { InputError } from '../../src/core/errors';

describe('substituteVars', () => {
  it('replaces variables in nested strings and keeps other values', () => {
    const cfg = { a: '${data}/x.csv', b: [1, '${n}'], c: { d: true, e: 'cost $${data}' } };
    expect(substituteVars(cfg, { data: '/d', n: '7' })).toEqual({ a: '/d/x.csv', b: [1, '7'], c: { d: true, e: 'cost ${data}' } });
  });
  it('names every missing variable and says how to pass it', () => {
    try {
      substituteVars({ a: '${data}', b: '${other}' }, {}, 'x.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).problems.map((p) => p.message)).toEqual(['variable "data" is not set', 'variable "other" is not set']);
      expect((e as Error).message).toContain('--data <path>');
    }
  });
});
