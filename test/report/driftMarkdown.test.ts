import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/drift/DriftResult';
import { driftMarkdown } from '../../src/report/driftMarkdown';

const report: DriftReport = {
  schemaVersion: 1,
  referenceRunId: 'q1',
  currentRunId: 'q2',
  referenceAsOf: '2026-04-01',
  currentAsOf: '2026-07-01',
  alertThreshold: 0.15,
  features: { features: [], driftedColumns: 0, driftedShare: 0, datasetDriftShare: 0.5, datasetDrift: false, sample: null },
  sizeShift: {
    chiSquare: 10.75,
    degreesOfFreedom: 1,
    pValue: 0.001,
    segments: [
      { currentId: 3, referenceId: 4, name: 'Cart | abandoners', referenceCustomers: 100, currentCustomers: 120, referenceShare: 0.5, currentShare: 0.6, shareChange: 0.1, shareChangeInterval: { low: 0.02, high: 0.18, level: 0.95 } },
      { currentId: null, referenceId: 3, name: 'At-risk', referenceCustomers: 100, currentCustomers: 0, referenceShare: 0.5, currentShare: 0, shareChange: -0.5, shareChangeInterval: { low: -0.56, high: -0.43, level: 0.95 } },
    ],
  },
  alerts: [{ segmentId: 3, segmentName: 'Cart | abandoners', figure: 'aov', reference: 40, current: 50, relativeChange: 0.25, threshold: 0.15 }],
  migration: { referenceIds: [3, 4], currentIds: [3], counts: [[60], [100]], newCustomers: [20], lostCustomers: [40, 0], cameBack: [0], stayed: 100, moved: 60, totalReference: 200, totalCurrent: 180, biggestFlows: [{ fromId: 3, toId: 3, customers: 60, shareOfFrom: 0.6 }] },
  segments: [{ referenceId: 4, currentId: 3, name: 'Cart | abandoners', centreDistance: 3.5e-16, features: { features: [], driftedColumns: 0, driftedShare: 0, datasetDriftShare: 0.5, datasetDrift: false, sample: null } }],
  rules: { bundleVersion: 'segments.v2', coverage: 0.9, fallbackShare: 0.1, agreement: 0.7, validatedFidelity: 0.92, fidelityGate: 0.9, needsRevalidation: true },
  scores: [],
  notes: ['No customer id is in both runs'],
};

describe('driftMarkdown', () => {
  const md = driftMarkdown(report);
  it('names both ends of a flow: the same id is another segment in each run', () => {
    expect(md).toContain('- 60 customers from 3 At-risk (then) to 3 Cart \\| abandoners (now): 60.0% of 3.');
  });
  it('writes alerts, the size test, the matrix with its new and lost customers, rule health and notes', () => {
    expect(md).toContain('| 3 Cart \\| abandoners | Average order value | 40 | 50 | +25.0% |');
    expect(md).toContain('χ² = 10.75, 1 degrees of freedom, p = 0.001');
    expect(md).toContain('| 3 ← 4 Cart \\| abandoners | 100 | 120 | 50.0% | 60.0% | +10.0 pts | 2.0 to 18.0 pts |');
    expect(md).toContain('| 3 | 60 | 40 |');
    expect(md).toContain('| new | 20 |   |');
    expect(md).toContain('**Re-validate the bundle**');
    expect(md).toContain('- No customer id is in both runs');
    // A centre that did not move reads 0.00 spreads, not float noise.
    expect(md).toContain('| 3 ← 4 Cart \\| abandoners | 0.00 | none |');
  });
});

describe('driftMarkdown with a minimum group size', () => {
  // Reference segment 3 (At-risk) had 30 customers: below 50, so it is shown by id only, and so is every cell it
  // touches; the flow of 45 from 3 to 3 and the 20 new customers are below 50 too.
  const small: DriftReport = {
    ...report,
    minGroupSize: 50,
    sizeShift: { ...report.sizeShift!, segments: [report.sizeShift!.segments[0]!, { ...report.sizeShift!.segments[1]!, referenceCustomers: 30 }] },
    migration: { ...report.migration!, counts: [[45], [100]], lostCustomers: [0, 0], newCustomers: [20], biggestFlows: [{ fromId: 3, toId: 3, customers: 45, shareOfFrom: 1 }] },
  };
  const md = driftMarkdown(small);
  it('blanks segments, flows and matrix cells of fewer customers, and says so', () => {
    expect(md).toContain('Groups of fewer than 50 customers are not shown (—).');
    expect(md).toContain('| gone ← 3 | — | 0 | — | 0.0% | — | — |');
    expect(md).not.toContain('45 customers from');
    expect(md).toContain('| 3 | — | — |'); // a hidden segment's whole row
    expect(md).toContain('| new | — |   |');
    // The segment with 100 then and 120 now is published as before.
    expect(md).toContain('| 3 ← 4 Cart \\| abandoners | 100 | 120 | 50.0% | 60.0% | +10.0 pts | 2.0 to 18.0 pts |');
  });
  it('without a minimum (older drift.json files) every count is shown', () => {
    expect(driftMarkdown({ ...small, minGroupSize: undefined })).toContain('| 3 | 45 | 0 |');
  });
});
