import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors';
import { resolveSynthParams, type SynthParams } from '../../src/synth/synthParams';
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
  ];
  it.each(bad)('rejects a bad %s with a UsageError that names it', (name, patch) => {
    const call = () => resolveSynthParams({ ...ok, ...patch } as unknown as SynthParams);
    expect(call).toThrow(UsageError);
    expect(call).toThrow(`Invalid ${name}:`);
  });

  it('validates before writing anything', async () => {
    const dir = join(tempDir(), 'out');
    await expect(writeSynthetic({ customers: -5, seed: 1 }, dir)).rejects.toThrow(/Invalid customers: got -5/);
    await expect(writeSynthetic(ok, '')).rejects.toThrow(/Invalid outDir/);
    expect(existsSync(dir)).toBe(false);
  });
});
