import { describe, expect, it } from 'vitest';
import { bundleChecksum, canonicalJson } from '../../src/rules/bundleChecksum';
import { DEFAULT_GATE, runGate } from '../../src/rules/bundleGate';
import { parseBundleJson } from '../../src/rules/bundleSchema';
import { diffBundles, formatBundleDiff } from '../../src/rules/diffBundles';
import type { RuleBundle } from '../../src/rules/RuleBundle';
import { parseRuleSpec } from '../../src/rules/ruleSpec';
import { smallBundle } from './fixtures';
import { UsageError } from '../../src/core/errors';
import { bundleMoves, formatBundleMoves } from '../../src/rules/bundleMoves';

describe('bundle checksum', () => {
  it('does not depend on key order and changes with any value', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    const b = smallBundle();
    const { checksum, segments, ...rest } = b;
    const reordered = JSON.parse(JSON.stringify({ checksum, segments, ...rest })) as RuleBundle;
    expect(bundleChecksum(reordered)).toBe(b.checksum);
    const changed = { ...b, segments: [{ ...b.segments[0]!, condition: { '<=': [{ var: 'recency_days' }, 31] } }, b.segments[1]!] } as RuleBundle;
    expect(bundleChecksum(changed)).not.toBe(b.checksum);
  });

  it('refuses a bundle of schema version 1 with how to get a current one', () => {
    const v1 = { ...JSON.parse(JSON.stringify(smallBundle())), schemaVersion: 1 };
    expect(() => parseBundleJson(v1)).toThrow(/schemaVersion 1; this seglab reads version 2.*Export it again/);
  });

  it('parses a saved bundle and names a bad field', () => {
    expect(parseBundleJson(JSON.parse(JSON.stringify(smallBundle())))).toEqual(smallBundle());
    expect(() => parseBundleJson({ ...smallBundle(), kind: 'clusters' })).toThrow(/kind/);
    expect(() => parseBundleJson({ ...smallBundle(), checksum: 'x' })).toThrow(/checksum: a sha256 hex digest/);
  });
});

describe('validation gate', () => {
  const evidence = {
    fidelity: 0.93,
    sizes: new Map([
      [0, 400],
      [1, 120],
    ]),
    segmentNames: new Map([
      [0, 'Recent'],
      [1, 'Paris'],
    ]),
    coverage: { kind: 'segments' as const, matched: 1, fallback: { id: 0, name: 'Recent' } },
    stability: 0.8,
  };
  const covered = (matched: number) => ({ kind: 'segments' as const, matched, fallback: { id: 0, name: 'Recent' } });

  it('validates when every check passes', () => {
    const g = runGate(evidence);
    expect(g.status).toBe('validated');
    expect(g.checks.map((c) => c.name)).toEqual(['fidelity', 'min-size:0', 'min-size:1', 'coverage', 'stability']);
    expect(g.reasons).toEqual([]);
  });

  it('keeps a draft with one reason per failed check', () => {
    const g = runGate({ ...evidence, fidelity: 0.85, sizes: new Map([[0, 400], [1, 12]]), coverage: covered(0.97), stability: null });
    expect(g.status).toBe('draft');
    expect(g.reasons).toEqual([
      'rules agree with the segments on 85.0% of the holdout customers (need 90.0%)',
      'Paris: 12 customers (need 50)',
      'segment rules assign 97.0% of customers (need 100.0%); the other 3.0% match no rule and go to the fallback, segment 0 "Recent"',
      'stability was not computed (cluster.stabilityResamples is 0 or the algorithm has none)',
    ]);
    expect(DEFAULT_GATE.minFidelity).toBe(0.9);
  });

  it('prints a value just below its threshold with enough digits to see why it fails', () => {
    // Bank Marketing: "mean bootstrap Jaccard 0.75 (need 0.75)" failed with no visible reason.
    const g = runGate({ ...evidence, fidelity: 0.8996, coverage: covered(0.99996), stability: 0.7496 });
    expect(g.reasons).toEqual([
      'rules agree with the segments on 89.96% of the holdout customers (need 90.0%)',
      'segment rules assign 99.996% of customers (need 100.0%); the other 0.004% match no rule and go to the fallback, segment 0 "Recent"',
      'mean bootstrap Jaccard 0.7496 (need 0.75)',
    ]);
    expect(runGate({ ...evidence, stability: 0.749 }).reasons).toEqual(['mean bootstrap Jaccard 0.749 (need 0.75)']);
    // Thresholds keep their own digits, and the value is shown with at least as many.
    expect(runGate({ ...evidence, fidelity: 0.93 }, { ...DEFAULT_GATE, minFidelity: 0.9375 }).reasons).toEqual(['rules agree with the segments on 93.00% of the holdout customers (need 93.75%)']);
    expect(runGate({ ...evidence, stability: 0.8 }).checks.find((c) => c.name === 'stability')!.message).toBe('mean bootstrap Jaccard 0.80 (need 0.75)');
  });

  it('fails naming every segment that has no rule', () => {
    // Telco, k = 11: segments 5, 8 and 10 (about 20% of customers) had no rule and no check failed.
    const g = runGate({ ...evidence, withoutRule: [{ id: 5, name: 'Month-to-month, fibre', share: 0.08 }, { id: 8, name: 'Segment 8', share: 0.067 }] });
    expect(g.status).toBe('draft');
    expect(g.checks.map((c) => c.name)).toEqual(['fidelity', 'rule:5', 'rule:8', 'min-size:0', 'min-size:1', 'coverage', 'stability']);
    expect(g.reasons).toEqual([
      'Month-to-month, fibre: no rule for this segment (8.0% of customers): no leaf of the decision tree predicts it (try --max-depth 6 or fewer segments)',
      'Segment 8: no rule for this segment (6.7% of customers): no leaf of the decision tree predicts it (try --max-depth 6 or fewer segments)',
    ]);
  });

  it('speaks of coverage in the words of the bundle kind', () => {
    // Hand-written rules with a named "everyone else": every customer gets a segment, whatever --min-coverage says.
    const handWritten = runGate({ ...evidence, fidelity: null, stability: 'n/a', coverage: { kind: 'catch-all', matched: 0.62, catchAll: { id: 0, name: 'Everyone else' } } });
    expect(handWritten.status).toBe('validated');
    expect(handWritten.checks.find((c) => c.name === 'coverage')).toMatchObject({ passed: true, value: 1, message: 'every customer gets a segment: 62.0% by a rule, 38.0% by the catch-all "Everyone else"' });
    // Score bundles have neither segments nor a fallback.
    const lead = runGate({ ...evidence, fidelity: null, stability: 'n/a', sizes: new Map(), coverage: { kind: 'score', matched: 0.71, base: 0 } });
    expect(lead.status).toBe('validated');
    const message = lead.checks.find((c) => c.name === 'coverage')!.message;
    expect(message).toBe('every customer gets a score: 71.0% match at least one rule, the others get the base score 0');
    expect(message).not.toMatch(/segment|fallback/);
  });

  it('--min-stability 0 means "not required": a missing stability then passes', () => {
    // k-prototypes runs have no stability: their bundles could never be validated, even with --min-stability 0.
    const g = runGate({ ...evidence, stability: null }, { ...DEFAULT_GATE, minStability: 0 });
    expect(g.status).toBe('validated');
    expect(g.checks.find((c) => c.name === 'stability')).toMatchObject({ passed: true, value: null, threshold: 0 });
    expect(g.checks.find((c) => c.name === 'stability')!.message).toMatch(/not required.*not computed/);
    expect(runGate({ ...evidence, stability: null }).status).toBe('draft');
  });
});

describe('diffBundles', () => {
  it('says what changed between two versions, conditions in words', () => {
    const a = smallBundle(1);
    const b = { ...smallBundle(2), segments: [{ id: 1, names: { en: 'Paris', fr: 'Parisiens' }, condition: { in: [{ var: 'city' }, ['Paris', 'Lyon']] } }, { id: 2, names: { en: 'New', fr: 'Nouveaux' }, condition: true }] } as RuleBundle;
    const d = diffBundles(a, b);
    expect(d.added).toEqual([{ id: 2, names: { en: 'New', fr: 'Nouveaux' } }]);
    expect(d.removed).toEqual([{ id: 0, names: { en: 'Recent', fr: 'Récents' } }]);
    expect(d.renamed).toEqual([{ id: 1, from: { en: 'Paris', fr: 'Paris' }, to: { en: 'Paris', fr: 'Parisiens' } }]);
    expect(d.changed.map((c) => c.id)).toEqual([1]);
    expect(d.reordered).toEqual([{ id: 1, from: 1, to: 0 }]);
    expect(d.identical).toBe(false);
    const text = formatBundleDiff(d);
    expect(text).toContain('+ segment 2 "New" (fr "Nouveaux")');
    expect(text).toContain('- segment 0 "Recent" (fr "Récents")');
    expect(text).toContain('~ segment 1 renamed "Paris" → "Paris" (fr "Parisiens")');
    expect(text).toContain('    was city = "Paris"\n    now city in {"Paris", "Lyon"}');
    expect(text).not.toContain('{"var"');
    expect(text).toContain('priority 2 → 1');
    expect(diffBundles(a, smallBundle(1)).identical).toBe(true);
  });

  it('names the threshold that moved in a segment condition', () => {
    const a = smallBundle(1);
    const b = smallBundle(2);
    b.segments[0] = { ...b.segments[0]!, condition: { '<=': [{ var: 'recency_days' }, 45] } };
    const text = formatBundleDiff(diffBundles(a, b));
    expect(text).toContain('~ segment 0 "Recent" (fr "Récents") condition\n    was recency_days ≤ 30\n    now recency_days ≤ 45\n    thresholds: recency_days 30 → 45');
  });

  it('lead scoring: which rule, its points and its threshold changed, and rules added or removed', () => {
    // It printed only "~ lead-scoring rules changed".
    const lead = (rules: { description?: string; condition: unknown; points: number }[], base = 0) =>
      ({ ...smallBundle(1), kind: 'score', name: 'lead scoring', segments: [], fallback: null, score: { base, rules } }) as RuleBundle;
    const v = (n: string) => ({ var: n });
    const a = lead([
      { description: '+10 for a purchase in 90 days', condition: { '>=': [v('orders_90d'), 1] }, points: 10 },
      { description: '+5 for opening emails', condition: { '>=': [v('email_open_rate'), 0.2] }, points: 5 },
      { description: '-20 after 90 days', condition: { '>=': [v('recency_days'), 90] }, points: -20 },
    ]);
    const b = lead(
      [
        { description: '+10 for a purchase in 90 days', condition: { '>=': [v('orders_90d'), 1] }, points: 15 },
        { description: '+5 for opening emails', condition: { '>': [v('email_open_rate'), 0] }, points: 5 },
        { description: '-20 after 90 days', condition: { '>=': [v('recency_days'), 120] }, points: -20 },
        { description: '+5 for 5+ sessions', condition: { '>=': [v('sessions_90d'), 5] }, points: 5 },
      ],
      1,
    );
    const d = diffBundles(a, b);
    expect(d.identical).toBe(false);
    expect(formatBundleDiff(d).split('\n').slice(1)).toEqual([
      '~ base score 0 → 1',
      '+ score rule 4 "+5 for 5+ sessions": +5 when sessions_90d ≥ 5',
      '~ score rule 1 "+10 for a purchase in 90 days"',
      '    points +10 → +15',
      '~ score rule 2 "+5 for opening emails"',
      '    was email_open_rate ≥ 0.2',
      '    now email_open_rate > 0',
      '~ score rule 3 "-20 after 90 days"',
      '    was recency_days ≥ 90',
      '    now recency_days ≥ 120',
      '    thresholds: recency_days 90 → 120',
    ]);
    expect(formatBundleDiff(diffBundles(a, lead(a.score!.rules)))).toMatch(/no change in the base score, rules, points or fields$/);
    // Rules without a description pair by shape; one gone is listed with its condition.
    const bare = (t: number) => lead([{ condition: { '>=': [v('orders_90d'), t] }, points: 10 }, { condition: { '==': [v('city'), 'Paris'] }, points: 3 }]);
    const fewer = lead([{ condition: { '>=': [v('orders_90d'), 2] }, points: 10 }]);
    expect(formatBundleDiff(diffBundles(bare(1), fewer)).split('\n').slice(1)).toEqual([
      '- score rule 2: +3 when city = "Paris"',
      '~ score rule 1',
      '    was orders_90d ≥ 1',
      '    now orders_90d ≥ 2',
      '    thresholds: orders_90d 1 → 2',
    ]);
  });

  it('refuses to compare a segments bundle with a score bundle', () => {
    const score = { ...smallBundle(2), kind: 'score', segments: [], fallback: null, score: { base: 0, rules: [] } } as RuleBundle;
    expect(() => diffBundles(smallBundle(1), score)).toThrow(UsageError);
    expect(() => diffBundles(smallBundle(1), score)).toThrow(/Cannot compare a segments bundle .* with a score bundle/);
  });

  it('counts the customers who would move, with a feature table', () => {
    const a = smallBundle(1);
    const b = smallBundle(2);
    b.segments[0] = { ...b.segments[0]!, condition: { '<=': [{ var: 'recency_days' }, 45] } };
    const columns = { rowCount: 5, numeric: { recency_days: Float64Array.from([10, 40, 40, 100, NaN]) }, categorical: { city: ['Lyon', 'Paris', 'Lyon', 'Paris', null] } };
    const m = bundleMoves(a, b, columns);
    expect(m).toEqual({ kind: 'segments', rows: 5, moved: 2, transitions: [{ from: -1, to: 0, customers: 1 }, { from: 1, to: 0, customers: 1 }] });
    expect(formatBundleMoves(m, (id) => ({ 0: 'Recent', 1: 'Paris', [-1]: 'Unassigned' })[id], 'features.csv')).toBe(
      'customers in features.csv: 2 of 5 would move\n    -1 "Unassigned" → 0 "Recent": 1\n    1 "Paris" → 0 "Recent": 1',
    );
  });
});

describe('parseRuleSpec', () => {
  it('takes a name for every language, or names per language', () => {
    const spec = parseRuleSpec(
      { kind: 'segments', name: 'x', segments: [{ id: 1, name: 'VIP', condition: true }, { id: 2, names: { en: 'Lapsed', fr: 'Partis' }, condition: true }], fallback: { id: 0, names: { en: 'Everyone else', fr: 'Tous les autres' } } },
      'x.yaml',
    );
    expect(spec.kind === 'segments' && spec.segments.map((s) => s.names)).toEqual([{ en: 'VIP', fr: 'VIP' }, { en: 'Lapsed', fr: 'Partis' }]);
    expect(spec.kind === 'segments' && spec.fallback).toEqual({ id: 0, names: { en: 'Everyone else', fr: 'Tous les autres' } });
    expect(() => parseRuleSpec({ kind: 'segments', name: 'x', segments: [{ id: 1, condition: true }], fallback: { id: 0, name: 'o' } }, 'x.yaml')).toThrow(/either name .* or names/);
    expect(() => parseRuleSpec({ kind: 'segments', name: 'x', segments: [{ id: 1, names: { en: 'a' }, condition: true }], fallback: { id: 0, name: 'o' } }, 'x.yaml')).toThrow(/fr/);
  });

  it('accepts segments and lead scoring, and names every problem with its path', () => {
    expect(parseRuleSpec({ kind: 'score', name: 'lead', rules: [{ condition: { '>': [{ var: 'frequency' }, 0] }, points: 10 }] }, 'lead.yaml')).toMatchObject({ base: 0 });
    expect(() => parseRuleSpec({ kind: 'segments', name: 'x', segments: [], fallback: { id: 0, name: 'o' } }, 'x.yaml')).toThrow(/x\.yaml.*\n.*field segments/);
    expect(() =>
      parseRuleSpec({ kind: 'segments', name: 'x', segments: [{ id: 1, name: 'a', condition: true }], fallback: { id: 1, name: 'o' } }, 'x.yaml'),
    ).toThrow(/unique; repeated: 1/);
  });
});

describe('parseCondition', () => {
  it('refuses dotted field names: JSON Logic reads them as nested paths, SQL as one column', async () => {
    const { parseCondition } = await import('../../src/rules/Condition');
    expect(() => parseCondition({ '>': [{ var: 'a.b' }, 1] }, { 'a.b': 'number' })).toThrow(/contains a dot/);
    expect(() => parseCondition({ and: [{ '>': [{ var: 'x' }, 'one'] }, { '<': [{ var: 's' }, 2] }] }, { x: 'number', s: 'string' })).toThrow(/condition\.and\[0\]/);
  });
});

describe('conditionText', () => {
  it('reads a condition aloud', async () => {
    const { conditionText } = await import('../../src/rules/conditionText');
    expect(conditionText({ and: [{ '<=': [{ var: 'recency_days' }, 30] }, { or: [{ in: [{ var: 'city' }, ['Paris', 'Lyon']] }, { '!': [{ '>': [{ var: 'spend' }, 50] }] }] }] })).toBe(
      'recency_days ≤ 30 and (city in {"Paris", "Lyon"} or not spend > 50)',
    );
    expect(conditionText({ '<': [1, { var: 'x' }, 5] })).toBe('1 < x < 5');
    expect(conditionText(true)).toBe('everyone');
  });
});
