import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { pathsNamed, schemaAtPath } from '../../src/core/schemaAtPath';

const schema = z
  .object({
    name: z.string(),
    cluster: z
      .object({
        k: z.union([z.literal('auto'), z.number().int()]).default('auto'),
        kRange: z.tuple([z.number(), z.number()]).refine(([a, b]) => a <= b).default([2, 12]),
        impute: z.record(z.enum(['median', 'mean'])).default({}),
      })
      .strict()
      .default({}),
    label: z.union([z.string(), z.object({ en: z.string(), fr: z.string() }).strict()]).optional(),
    loose: z.object({ a: z.number() }).optional(), // zod strips unknown keys here
    free: z.object({}).passthrough().optional(),
  })
  .strict();

describe('schemaAtPath', () => {
  it('walks objects behind defaults, refinements and optionals, records, tuples and unions', () => {
    const k = schemaAtPath(schema, ['cluster', 'k']);
    expect(k.found && k.schemas[0]!.safeParse(4).success).toBe(true);
    const range = schemaAtPath(schema, ['cluster', 'kRange', '1']);
    expect(range.found && range.schemas[0]!.safeParse(8).success).toBe(true);
    const impute = schemaAtPath(schema, ['cluster', 'impute', 'any_column']);
    expect(impute.found && impute.schemas[0]!.safeParse('median').success).toBe(true);
    expect(schemaAtPath(schema, ['label', 'fr']).found).toBe(true);
    expect(schemaAtPath(schema, ['free', 'anything']).found).toBe(true);
  });

  it('says where a path leaves the schema and which keys were allowed there', () => {
    expect(schemaAtPath(schema, ['cluster', 'kk'])).toEqual({ found: false, depth: 1, allowed: ['k', 'kRange', 'impute'] });
    expect(schemaAtPath(schema, ['clusters', 'k'])).toEqual({ found: false, depth: 0, allowed: ['name', 'cluster', 'label', 'loose', 'free'] });
    expect(schemaAtPath(schema, ['cluster', 'kRange', '2'])).toEqual({ found: false, depth: 2, allowed: ['0', '1'] });
    // A value is not a section; a key zod would strip silently is refused like a strict one.
    expect(schemaAtPath(schema, ['cluster', 'k', 'x'])).toEqual({ found: false, depth: 2, allowed: [] });
    expect(schemaAtPath(schema, ['loose', 'b'])).toEqual({ found: false, depth: 1, allowed: ['a'] });
  });

  it('finds the dotted paths of a key name', () => {
    expect(pathsNamed(schema, 'k')).toEqual(['cluster.k']);
    expect(pathsNamed(schema, 'en')).toEqual(['label.en']);
    expect(pathsNamed(schema, 'nope')).toEqual([]);
  });
});
