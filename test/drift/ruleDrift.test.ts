import { describe, expect, it } from 'vitest';
import { NO_PARTNER, NO_RULE, ruleDrift } from '../../src/drift/ruleDrift';

describe('ruleDrift', () => {
  it('measures coverage, the fallback share and agreement with this quarter (hand-counted), flagging a bundle below its gate', () => {
    // 10 customers: 7 matched by a rule (5 of them agree), 3 to the fallback segment 2 (1 of them is in 2 now).
    const ruleSegment = Int32Array.of(0, 0, 1, 1, 1, 2, 0, NO_RULE, NO_RULE, NO_RULE);
    const clusterSegment = Int32Array.of(0, 0, 1, 1, 0, 2, NO_PARTNER, 2, 1, NO_PARTNER);
    const r = ruleDrift({ bundleVersion: 'segments.v1', ruleSegment, fallbackId: 2, clusterSegment, validatedFidelity: 0.93, fidelityGate: 0.9 });
    expect(r).toEqual({ bundleVersion: 'segments.v1', coverage: 0.7, fallbackShare: 0.3, agreement: 0.6, validatedFidelity: 0.93, fidelityGate: 0.9, needsRevalidation: true });
  });

  it('a bundle that still agrees is not flagged; without a fallback the unmatched get no segment', () => {
    const same = Int32Array.of(0, 1, 1, 2);
    expect(ruleDrift({ bundleVersion: 'v', ruleSegment: same, fallbackId: null, clusterSegment: same, validatedFidelity: 1, fidelityGate: 0.9 })).toMatchObject({ coverage: 1, fallbackShare: 0, agreement: 1, needsRevalidation: false });
    const r = ruleDrift({ bundleVersion: 'v', ruleSegment: Int32Array.of(0, NO_RULE), fallbackId: null, clusterSegment: Int32Array.of(0, 1), validatedFidelity: null, fidelityGate: 0.4 });
    expect(r).toMatchObject({ coverage: 0.5, fallbackShare: 0, agreement: 0.5, needsRevalidation: false });
  });

  it('refuses columns of different lengths', () => {
    expect(() => ruleDrift({ bundleVersion: 'v', ruleSegment: Int32Array.of(0), fallbackId: null, clusterSegment: Int32Array.of(0, 1), validatedFidelity: null, fidelityGate: 0.9 })).toThrow(/clusterSegment/);
  });
});
