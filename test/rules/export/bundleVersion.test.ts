import { describe, expect, it } from 'vitest';
import { bundleSlug, nextBundleVersion } from '../../../src/rules/export/bundleVersion';
import { handWrittenCondition } from '../../../src/rules/export/handWrittenCondition';

describe('bundle versions and names', () => {
  it('takes 1 + the highest version of that name, ignoring other names and the SQL files', () => {
    expect(nextBundleVersion([], 'segments')).toBe(1);
    expect(nextBundleVersion(['segments.v1.json', 'segments.v3.json', 'segments.v3.duckdb.sql', 'vip.v9.json', 'segmentsXv7.json'], 'segments')).toBe(4);
  });
  it('a name with regex characters matches itself only', () => {
    expect(nextBundleVersion(['a.b.v2.json', 'aXb.v5.json'], 'a.b')).toBe(3);
  });
  it('slugs a spec name into a file name', () => {
    expect(bundleSlug('VIP & Lapsed (Q3)')).toBe('vip-lapsed-q3');
    expect(bundleSlug('***')).toBe('rules');
  });
});

describe('handWrittenCondition', () => {
  it('refuses a condition nobody can meet, naming the file and path', () => {
    const c = { and: [{ '>': [{ var: 'x' }, 200] }, { '<=': [{ var: 'x' }, 200] }] };
    expect(() => handWrittenCondition(c, { x: 'number' }, [], '/tmp/rules.yaml', 'segments[0].condition')).toThrow(/rules\.yaml: segments\[0\]\.condition can match nobody: x > 200 and x ≤ 200/);
  });
  it('returns the simplified condition', () => {
    const c = { and: [{ '>': [{ var: 'x' }, 1] }, { '>': [{ var: 'x' }, 5] }] };
    expect(handWrittenCondition(c, { x: 'number' }, [], 'r.json', 'p')).toEqual({ '>': [{ var: 'x' }, 5] });
  });
});
