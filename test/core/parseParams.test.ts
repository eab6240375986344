import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UsageError } from '../../src/core/errors';
import { paramDefaults, parseParams } from '../../src/core/parseParams';

const shapeParams = z
  .object({
    k: z.number().int().min(1).describe('a whole number >= 1'),
    nInit: z.number().int().min(1).describe('a whole number >= 1').default(4),
    mode: z.enum(['fast', 'exact']).describe('fast or exact').default('fast'),
    label: z.string().describe('a name').optional(),
  })
  .strict();

describe('parseParams', () => {
  it('fills the declared defaults and keeps what is given', () => {
    expect(parseParams(shapeParams, { k: 3 }, 'Toy')).toEqual({ k: 3, nInit: 4, mode: 'fast' });
    expect(parseParams(shapeParams, { k: 3, nInit: 1, mode: 'exact', label: 'x' }, 'Toy')).toEqual({ k: 3, nInit: 1, mode: 'exact', label: 'x' });
    expect(paramDefaults(shapeParams)).toEqual({ nInit: 4, mode: 'fast' });
  });

  it('a bad value names the param, the value and what the param takes', () => {
    expect(() => parseParams(shapeParams, { k: 0 }, 'Toy')).toThrow(UsageError);
    expect(() => parseParams(shapeParams, { k: 0 }, 'Toy')).toThrow('Invalid Toy k: got 0, expected a whole number >= 1.');
    expect(() => parseParams(shapeParams, {}, 'Toy')).toThrow('Invalid Toy k: got undefined, expected a whole number >= 1.');
    expect(() => parseParams(shapeParams, { k: 2, nInit: 1.5 }, 'Toy')).toThrow('Invalid Toy nInit: got 1.5, expected a whole number >= 1.');
    expect(() => parseParams(shapeParams, { k: 2, mode: 'slow' }, 'Toy')).toThrow('Invalid Toy mode: got "slow", expected fast or exact.');
    expect(() => parseParams(shapeParams, { k: 2, nInit: 0 }, 'selectK', 'gap')).toThrow('Invalid selectK gap.nInit: got 0, expected a whole number >= 1.');
  });

  it('an unknown key lists the known ones; a non-object says what is required', () => {
    expect(() => parseParams(shapeParams, { k: 2, n_init: 5 }, 'Toy')).toThrow('Invalid Toy params: unknown key "n_init"; Toy takes k, nInit, mode, label.');
    expect(() => parseParams(shapeParams, null, 'Toy')).toThrow('Invalid Toy params: got null, expected an object with at least k.');
    expect(() => parseParams(z.object({ a: z.number().default(1) }), 5, 'Toy')).toThrow('Invalid Toy params: got 5, expected an object (or nothing, for the defaults).');
  });
});
