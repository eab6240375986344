import { describe, expect, it } from 'vitest';
import { clusterConfigSchema, InputError, prepareClusterInput, type FeatureColumn, type FeatureTable } from '../../src';

/** 100 customers: a rare 0/1 flag (3 ones), a long-tailed balance, a plain number, spend with two returns. */
function table(): { table: FeatureTable; columns: FeatureColumn[] } {
  const n = 100;
  const flag = Float64Array.from({ length: n }, (_, i) => (i < 3 ? 1 : 0));
  const balance = Float64Array.from({ length: n }, (_, i) => (i === 0 ? 100_000 : i === 1 ? 50_000 : 100 + i));
  const age = Float64Array.from({ length: n }, (_, i) => 20 + (i % 50));
  const spend = Float64Array.from({ length: n }, (_, i) => (i < 2 ? -30 : 10 * i));
  const churn = Float64Array.from({ length: n }, (_, i) => i % 2);
  const table: FeatureTable = { rowCount: n, ids: Array.from({ length: n }, (_, i) => `c${i}`), names: ['default', 'balance', 'age', 'monetary_avg', 'churn'], numeric: { default: flag, balance, age, monetary_avg: spend, churn }, categorical: {} };
  const columns: FeatureColumn[] = [
    { name: 'customer_id', role: 'id', description: '' },
    { name: 'default', role: 'numeric', description: '', unit: 'flag' },
    { name: 'balance', role: 'numeric', description: '', unit: 'value' },
    { name: 'age', role: 'numeric', description: '', unit: 'years' },
    { name: 'monetary_avg', role: 'numeric', description: '', unit: 'currency per order' },
    { name: 'churn', role: 'outcome', description: '', unit: 'flag' },
  ];
  return { table, columns };
}

describe('prepareClusterInput', () => {
  const { table: t, columns } = table();
  const prep = prepareClusterInput(t, columns, clusterConfigSchema.parse({}));

  it('never clusters on the outcome, and refuses it when named', () => {
    expect(prep.X.columns).toEqual(['default', 'balance', 'age', 'monetary_avg']);
    expect(() => prepareClusterInput(t, columns, clusterConfigSchema.parse({ features: ['age', 'churn'] }))).toThrow(InputError);
    expect(() => prepareClusterInput(t, columns, clusterConfigSchema.parse({ features: ['age', 'churn'] }))).toThrow(/outcome column cannot be a clustering feature/);
  });

  it('keeps a 0/1 flag as 0/1: standardised, 3 ones in 100 would sit 5.7 sd out and make a segment of their own', () => {
    const j = prep.X.columns.indexOf('default');
    const values = new Set(Array.from({ length: prep.X.rows }, (_, i) => prep.X.get(i, j)));
    expect([...values].sort()).toEqual([0, 1]);
    expect(prep.notes).toContain('0/1 flag(s) kept as 0/1, not scaled: default.');
    // The other columns are standardised.
    const a = prep.X.columns.indexOf('age');
    let mean = 0;
    for (let i = 0; i < prep.X.rows; i++) mean += prep.X.get(i, a);
    expect(mean / prep.X.rows).toBeCloseTo(0, 10);
  });

  it('logs a long-tailed attribute of unknown unit (skewness above 2), not a symmetric one; signed log where values go below 0', () => {
    const byName = Object.fromEntries(prep.columns.map((c) => [c.name, c]));
    expect(byName.balance).toMatchObject({ log1p: true, signedLog: false });
    expect(byName.age).toMatchObject({ log1p: false });
    expect(byName.monetary_avg).toMatchObject({ log1p: true, signedLog: true });
    expect(prep.notes.some((n) => n.startsWith('signed log') && n.includes('monetary_avg (2 customers below 0)'))).toBe(true);
    // Centres go back to original units through the signed log.
    const back = prep.toOriginal(prep.X);
    const m = back.columns.indexOf('monetary_avg');
    expect(back.get(0, m)).toBeCloseTo(-30, 8);
    expect(back.get(50, m)).toBeCloseTo(500, 8);
  });

  it('takes the settings a cluster config holds, and hands categorical columns over as text, row for row', () => {
    const region = Array.from({ length: t.rowCount }, (_, i) => (i % 3 === 0 ? null : i % 3 === 1 ? 'north' : 'south'));
    const withText: FeatureTable = { ...t, names: [...t.names, 'region'], categorical: { region } };
    const p = prepareClusterInput(withText, columns, { features: ['age', 'balance'], categorical: ['region'], impute: {}, log1p: 'none', scale: 'none' });
    expect(p.X.columns).toEqual(['age', 'balance']);
    expect(p.categorical).toEqual({ region });
    expect(prep.categorical).toBeNull();
    expect(() => prepareClusterInput(withText, columns, { categorical: ['device'], impute: {}, log1p: 'auto', scale: 'standard' })).toThrow(/cluster.categorical names columns the feature table does not have as text/);
  });
});
