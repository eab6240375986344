import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UsageError } from '../../src/core/errors';
import { Registry, type RegistryEntry } from '../../src/core/Registry';

const params = z
  .object({
    k: z.number().int().min(1).describe('a whole number >= 1'),
    nInit: z.number().int().min(1).describe('a whole number >= 1').default(4),
    mode: z.enum(['fast', 'exact']).describe('fast or exact').default('fast'),
    label: z.string().describe('a name').optional(),
  })
  .strict();

interface ToyEntry<N extends string> extends RegistryEntry<N, typeof params, 'numeric'> {
  size: number;
}
const a: ToyEntry<'a'> = { name: 'a', description: 'first', params, accepts: 'numeric', size: 1 };
const b: ToyEntry<'b'> = { name: 'b', description: 'second', params, accepts: 'numeric', size: 2 };

describe('Registry', () => {
  const toys = new Registry('toy', [a, b]);

  it('lists names and entries in registration order; typed lookup by literal name', () => {
    expect(toys.names).toEqual(['a', 'b']);
    expect(toys.list().map((e) => e.description)).toEqual(['first', 'second']);
    const entry: ToyEntry<'b'> = toys.get('b');
    expect(entry.size).toBe(2);
    expect(z.enum(toys.names).parse('a')).toBe('a');
    expect(toys.has('a')).toBe(true);
    expect(toys.has('c')).toBe(false);
    expect(toys.has(undefined)).toBe(false);
  });

  it('an unknown name is a UsageError listing the known ones (and where it came from)', () => {
    expect(() => toys.lookup('c', 'cluster.algorithm')).toThrow(UsageError);
    expect(() => toys.lookup('c', 'cluster.algorithm')).toThrow('Unknown toy "c" (cluster.algorithm): expected one of a, b.');
    expect(() => toys.lookup(7)).toThrow('Unknown toy 7: expected one of a, b.');
  });

  it('refuses a name registered twice', () => {
    expect(() => new Registry('toy', [a, { ...b, name: 'a' }])).toThrow('toy "a" is registered twice.');
  });
});
