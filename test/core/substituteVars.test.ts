import { describe, expect, it } from 'vitest';
import { substituteVars, variablesIn } from '../../src/core/substituteVars';
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
  it('hands a string that is one variable to `whole` with its path, so a caller can type it', () => {
    const seen: unknown[] = [];
    const out = substituteVars({ cluster: { k: '${k}', kRange: ['${lo}', 8] }, path: '${data}/x.csv', lit: '$${k}' }, { k: '7', lo: '3', data: '/d' }, {
      whole: (name, text, path) => {
        seen.push([name, path]);
        return Number(text);
      },
    });
    expect(out).toEqual({ cluster: { k: 7, kRange: [3, 8] }, path: '/d/x.csv', lit: '${k}' });
    expect(seen).toEqual([['k', ['cluster', 'k']], ['lo', ['cluster', 'kRange', 0]]]);
  });
  it('lists the variables a config uses, escapes excluded', () => {
    expect(variablesIn({ a: '${data}/x', b: ['${k}', 3, { c: '${data} $${lit}' }] })).toEqual(['data', 'k']);
    expect(variablesIn({ a: 1 })).toEqual([]);
  });
});
