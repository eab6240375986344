import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors';
import { SEGMENT_PROFILES, SEGMENTS } from '../../src/synth/segments';
import { resolveSynthParams, segmentShares, type SynthParams } from '../../src/synth/synthParams';
import { writeSynthetic } from '../../src/synth/writeSynthetic';
import { cleanup, tempDir } from './helpers';

afterAll(cleanup);

const ok: SynthParams = { customers: 100, seed: 1 };

describe('resolveSynthParams', () => {
  it('fills the documented defaults', () => {
    expect(resolveSynthParams(ok)).toMatchObject({
      quarters: ['2026-Q1', '2026-Q2'],
      startDate: '2024-01-01',
      events: true,
      eventsFrom: '2025-10-01',
      compress: false,
      transactionsPerCustomer: null,
      driftEnabled: true,
    });
    expect(resolveSynthParams({ ...ok, quarters: ['2025-Q4', '2026-Q1', '2026-Q2'], startDate: '2023-06-15' }).eventsFrom).toBe('2025-07-01');
    expect(resolveSynthParams({ ...ok, drift: { atRiskToLapsed: 0.6 } }).drift.atRiskToLapsed).toBe(0.6);
  });

  const bad: [string, Record<string, unknown>][] = [
    ['customers', { customers: 0 }],
    ['customers', { customers: 2.5 }],
    ['customers', { customers: '100' }],
    ['seed', { seed: -1 }],
    ['seed', { seed: 2 ** 32 }],
    ['quarters', { quarters: [] }],
    ['quarters[0]', { quarters: ['2026Q1'] }],
    ['quarters[1]', { quarters: ['2026-Q1', '2026-Q3'] }],
    ['startDate', { startDate: '2025-06-01' }],
    ['startDate', { startDate: '2024-02-30' }],
    ['eventsFrom', { eventsFrom: '2023-01-01' }],
    ['events', { events: 'yes' }],
    ['compress', { compress: 1 }],
    ['transactionsPerCustomer', { transactionsPerCustomer: 0 }],
    ['drift', { drift: 'strong' }],
    ['drift field', { drift: { mobile: 0.9 } }],
    ['drift.atRiskToLapsed', { drift: { atRiskToLapsed: 1.5 } }],
    ['drift.appChannelBoost', { drift: { appChannelBoost: 0 } }],
    ['parameter name', { customer: 100 }],
    ['segmentMix', { segmentMix: 'lapsed=0.3' }],
    ['segmentMix', { segmentMix: [0.3] }],
    ['segmentMix segment name', { segmentMix: { lapsed: 0.3, vip: 0.1 } }],
    ['segmentMix.lapsed', { segmentMix: { lapsed: 1.2 } }],
    ['segmentMix.lapsed', { segmentMix: { lapsed: -0.1 } }],
    ['segmentMix.lapsed', { segmentMix: { lapsed: '0.3' } }],
    ['segmentMix.lapsed', { segmentMix: { lapsed: Number.NaN } }],
    ['segmentMix', { segmentMix: { lapsed: 0.7, promo_hunter: 0.4 } }],
    ['segmentMix', { segmentMix: { vip_ambassador: 0.1, loyal_regular: 0.1, promo_hunter: 0.1, new_promising: 0.1, at_risk: 0.1, lapsed: 0.1, window_shopper: 0.1 } }],
  ];
  it.each(bad)('rejects a bad %s with a UsageError that names it', (name, patch) => {
    const call = () => resolveSynthParams({ ...ok, ...patch } as unknown as SynthParams);
    expect(call).toThrow(UsageError);
    expect(call).toThrow(`Invalid ${name}:`);
  });

  it('says why a mix is refused: the sum, and that a full mix must sum to 1', () => {
    expect(() => resolveSynthParams({ ...ok, segmentMix: { lapsed: 0.7, promo_hunter: 0.4 } })).toThrow(/sum to at most 1 \(these sum to 1\.1\)/);
    const seven = { vip_ambassador: 0.1, loyal_regular: 0.1, promo_hunter: 0.1, new_promising: 0.1, at_risk: 0.1, lapsed: 0.1, window_shopper: 0.1 };
    expect(() => resolveSynthParams({ ...ok, segmentMix: seven })).toThrow(/sum to 1 when all 7 segments are given \(these sum to 0\.7\)/);
  });

  it('completes a partial segmentMix in proportion to the default shares, in segment order', () => {
    // Left out: loyal 0.20, promo 0.18, new 0.12, at risk 0.14 (sum 0.64) share 1 - 0.42 = 0.58, i.e. × 0.90625.
    const p = resolveSynthParams({ ...ok, segmentMix: { window_shopper: 0.05, lapsed: 0.35, vip_ambassador: 0.02 } });
    expect(Object.entries(p.segmentMix!)).toEqual([
      ['vip_ambassador', 0.02],
      ['loyal_regular', 0.18125],
      ['promo_hunter', 0.163125],
      ['new_promising', 0.10875],
      ['at_risk', 0.126875],
      ['lapsed', 0.35],
      ['window_shopper', 0.05],
    ]);
    expect(segmentShares(p)).toEqual([0.02, 0.18125, 0.163125, 0.10875, 0.126875, 0.35, 0.05]);
    // Shares summing to 1 leave nothing to the others; a full mix within rounding of 1 is accepted as given.
    expect(resolveSynthParams({ ...ok, segmentMix: { lapsed: 0.6, promo_hunter: 0.4 } }).segmentMix).toMatchObject({ vip_ambassador: 0, window_shopper: 0, lapsed: 0.6 });
    const full = { vip_ambassador: 0.1, loyal_regular: 0.2, promo_hunter: 0.1, new_promising: 0.1, at_risk: 0.1, lapsed: 0.3, window_shopper: 0.1 };
    expect(resolveSynthParams({ ...ok, segmentMix: full }).segmentMix).toEqual(full);
    // The default mix is not written into the resolved params (synth.json of data/sample stays as it is).
    expect('segmentMix' in resolveSynthParams(ok)).toBe(false);
    expect(segmentShares(resolveSynthParams(ok))).toEqual(SEGMENTS.map((s) => SEGMENT_PROFILES[s].share));
  });

  it('validates before writing anything', async () => {
    const dir = join(tempDir(), 'out');
    await expect(writeSynthetic({ customers: -5, seed: 1 }, dir)).rejects.toThrow(/Invalid customers: got -5/);
    await expect(writeSynthetic(ok, '')).rejects.toThrow(/Invalid outDir/);
    expect(existsSync(dir)).toBe(false);
  });
});
