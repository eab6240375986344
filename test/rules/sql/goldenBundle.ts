import type { RuleBundle } from '../../../src/rules/RuleBundle';

/**
 * A small hand-written bundle: 4 segments + fallback, a 3-argument <, in, !, !=, a text field, a quoted
 * name, and a field in days (a missing value reads as +Infinity, written out as IS NULL).
 */
export const GOLDEN_BUNDLE: RuleBundle = {
  schemaVersion: 2,
  kind: 'segments',
  name: 'golden "demo" bundle',
  bundleVersion: 3,
  source: { runId: 'run-golden', dataFingerprints: [], asOf: '2024-06-30', asOfSemantics: 'fields computed as of the scoring date', seglabVersion: '0.0.0-golden' },
  fields: [
    { name: 'age', type: 'number', description: 'age in years' },
    { name: 'city', type: 'string', description: 'home city' },
    { name: 'rev"enue', type: 'number', description: 'a name with a double quote' },
    { name: 'orders', type: 'number', description: 'orders in 90 days' },
    { name: 'recency_days', type: 'number', description: 'days since the last order (NULL: never ordered)', unit: 'days' },
  ],
  segments: [
    {
      id: 1,
      names: { en: 'young city dwellers', fr: 'jeunes citadins' },
      condition: { and: [{ '<': [18, { var: 'age' }, 30] }, { in: [{ var: 'city' }, ['Paris', "L'Haÿ-les-Roses", 'Zürich\\West']] }] },
    },
    { id: 2, names: { en: 'not refunded', fr: 'non remboursés' }, condition: { '!': [{ '<=': [{ var: 'rev"enue' }, -12.5] }] } },
    {
      id: 3,
      names: { en: 'regulars', fr: 'habitués' },
      condition: { or: [{ and: [{ '!=': [{ var: 'city' }, "x'; DROP TABLE t; --"] }, { '>=': [{ var: 'orders' }, 3] }] }, { '==': [{ var: 'city' }, 'new\nline'] }] },
    },
    { id: 4, names: { en: 'lapsed or never bought', fr: 'partis ou jamais acheté' }, condition: { '>': [{ var: 'recency_days' }, 180] } },
  ],
  fallback: { id: 0, names: { en: 'everyone else', fr: 'tous les autres' } },
  score: null,
  validation: { status: 'validated', checks: [], reasons: [] },
  checksum: 'sha256:0123456789abcdef',
};
