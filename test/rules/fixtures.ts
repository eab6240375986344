import { bundleChecksum } from '../../src/rules/bundleChecksum';
import type { RuleBundle } from '../../src/rules/RuleBundle';

/** A two-segment bundle with a number and a text field, checksum filled in. */
export function smallBundle(version = 1): RuleBundle {
  const b: Omit<RuleBundle, 'checksum'> = {
    schemaVersion: 2,
    kind: 'segments',
    name: 'sample',
    bundleVersion: version,
    source: { runId: 'run-1', dataFingerprints: ['a'.repeat(64)], asOf: '2026-07-01', asOfSemantics: 'fields computed as of the scoring date', seglabVersion: '0.1.0' },
    fields: [
      { name: 'recency_days', type: 'number', description: 'days since last order', unit: 'days', sql: 'SELECT 1' },
      { name: 'city', type: 'string', description: 'city' },
    ],
    segments: [
      { id: 0, names: { en: 'Recent', fr: 'Récents' }, condition: { '<=': [{ var: 'recency_days' }, 30] } },
      { id: 1, names: { en: 'Paris', fr: 'Paris' }, condition: { '==': [{ var: 'city' }, 'Paris'] } },
    ],
    fallback: { id: -1, names: { en: 'Unassigned', fr: 'Non affectés' } },
    score: null,
    validation: { status: 'draft', checks: [], reasons: [] },
  };
  return { ...b, checksum: bundleChecksum(b) };
}

