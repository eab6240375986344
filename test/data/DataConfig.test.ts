import { runConfigSchema } from '../../src/pipeline/RunConfig';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { substituteVars } from '../../src/core/substituteVars';
import { InputError } from '../../src/core/errors';
import { configuredTables, dataConfigSchema, parseDataConfig, redactDataConfig } from '../../src/data/DataConfig';
import { CONFIGS } from './helpers';

describe('DataConfig', () => {
  it.each(['online-retail', 'cdnow', 'telco', 'bank-marketing'])('example config %s: run-config shape, ${data} path, valid data section', (name) => {
    const file = join(CONFIGS, `${name}.yaml`);
    const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['asOf', 'data', 'description', 'name']));
    // The whole file is a valid run config (outcome, report and cluster sections included).
    expect(runConfigSchema.safeParse(substituteVars(doc, { data: '/some/file' }, file)).success).toBe(true);
    expect(doc.name).toMatch(/^[a-z0-9-]+$/);
    expect(String(doc.asOf)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const data = parseDataConfig(substituteVars(doc.data, { data: '/some/file' }, file));
    const tables = configuredTables(data);
    expect(tables).toHaveLength(1);
    expect(data[tables[0]!]!.path).toBe('/some/file');
    // Without --data the variable is reported, not silently left in place.
    expect(() => substituteVars(doc.data, {}, file)).toThrow(/--data <path>/);
  });

  it('accepts the full shape', () => {
    const config = {
      customers: { path: 'c.csv', keepUnmapped: true, roles: { churn: 'target' as const }, columns: { customer_id: 'id', churn: 'Churn' } },
      transactions: {
        path: 't.txt',
        format: 'whitespace' as const,
        header: false,
        delimiter: '|',
        quote: '',
        nullValues: ['NA'],
        timestampFormat: ['%Y%m%d', '%d/%m/%Y'],
        encoding: 'latin-1' as const,
        columns: { amount: { sql: 'x * 2' } },
        filter: 'amount > 0',
      },
      events: { path: 'e.parquet' },
      pseudonymise: { keyEnv: 'MY_KEY', enabled: true },
    };
    expect(parseDataConfig(config)).toEqual(config);
    expect(dataConfigSchema.safeParse(config).success).toBe(true);
  });

  it('a value that fits no allowed shape says which shapes are allowed', () => {
    try {
      parseDataConfig({ transactions: { path: 'x.csv', timestampFormat: 3, columns: { amount: 5, items: { sql: '' } } } });
      expect.unreachable();
    } catch (e) {
      const byField = Object.fromEntries((e as InputError).problems.map((p) => [p.location?.field, p.message]));
      expect(byField['data.transactions.timestampFormat']).toMatch(/strptime format/);
      expect(byField['data.transactions.columns.amount']).toMatch(/source column name or \{ sql/);
      // The right shape with a wrong value: the value's own field and message.
      expect(byField['data.transactions.columns.items.sql']).toMatch(/DuckDB expression/);
    }
  });

  it('reports every problem with its field', () => {
    try {
      parseDataConfig(
        { customers: { path: '', format: 'xlsx', roles: { x: 'label' }, columns: { 'bad name': 'a' } }, pseudonymise: { keyEnv: 'not-an-env name' } },
        'data',
        'run.yaml',
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const fields = (e as InputError).problems.map((p) => p.location?.field).sort();
      expect(fields).toEqual([
        'data.customers.columns.bad name',
        'data.customers.format',
        'data.customers.path',
        'data.customers.roles.x',
        'data.pseudonymise.keyEnv',
      ]);
      expect((e as InputError).problems.every((p) => p.location?.file === 'run.yaml')).toBe(true);
    }
  });

  it('redacts the key for manifests', () => {
    const c = { transactions: { path: 'x' }, pseudonymise: { key: 'secret', enabled: true } };
    expect(redactDataConfig(c).pseudonymise).toEqual({ key: '<redacted>', enabled: true });
    expect(c.pseudonymise.key).toBe('secret');
    expect(redactDataConfig({ transactions: { path: 'x' } })).toEqual({ transactions: { path: 'x' } });
  });
});
