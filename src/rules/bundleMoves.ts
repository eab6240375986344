import { usageError } from '../core/errors';
import { ColumnarScorer, type ScoringColumns } from './ColumnarScorer';
import type { RuleBundle } from './RuleBundle';

/** Customers whose segment or score would change from one bundle version to the next. */
export type BundleMoves =
  | {
      kind: 'segments';
      rows: number;
      moved: number;
      /** From one segment to another (null: no segment, a bundle without fallback), most customers first. */
      transitions: { from: number | null; to: number | null; customers: number }[];
    }
  | { kind: 'score'; rows: number; changed: number; up: number; down: number; meanChange: number };

/**
 * Score the same customers with two bundles of one kind and count who would move: per pair of segments
 * (first match wins, else the fallback), or how many scores go up and down and by how much on average.
 */
export function bundleMoves(a: RuleBundle, b: RuleBundle, columns: ScoringColumns): BundleMoves {
  if (a.kind !== b.kind) throw usageError('bundleMoves', `a ${a.kind} bundle and a ${b.kind} bundle cannot be compared`);
  const scorer = new ColumnarScorer(columns);
  const n = columns.rowCount;
  if (a.kind === 'score') {
    const x = scorer.scores(a);
    const y = scorer.scores(b);
    let up = 0;
    let down = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const d = y[i]! - x[i]!;
      if (d > 0) up++;
      else if (d < 0) down++;
      sum += d;
    }
    return { kind: 'score', rows: n, changed: up + down, up, down, meanChange: n ? sum / n : 0 };
  }
  // -1 is what the scorer gives without a fallback; segment ids are any integers, so keep that apart.
  const none = (bundle: RuleBundle, v: number): number | null => (bundle.fallback === null && v === -1 ? null : v);
  const x = scorer.segments(a);
  const y = scorer.segments(b);
  const counts = new Map<string, { from: number | null; to: number | null; customers: number }>();
  let moved = 0;
  for (let i = 0; i < n; i++) {
    const from = none(a, x[i]!);
    const to = none(b, y[i]!);
    if (from === to) continue;
    moved++;
    const key = `${from}|${to}`;
    const t = counts.get(key);
    if (t) t.customers++;
    else counts.set(key, { from, to, customers: 1 });
  }
  const transitions = [...counts.values()].sort((p, q) => q.customers - p.customers || (p.from ?? -Infinity) - (q.from ?? -Infinity) || (p.to ?? -Infinity) - (q.to ?? -Infinity));
  return { kind: 'segments', rows: n, moved, transitions };
}

/** The moves as lines: "57 of 3,000 customers would move: 0 "Champions" → 4 "Newcomers": 30, …". */
export function formatBundleMoves(m: BundleMoves, nameOf: (id: number) => string | undefined = () => undefined, source = 'the input'): string {
  const count = (v: number): string => v.toLocaleString('en-US');
  if (m.kind === 'score') {
    if (!m.changed) return `customers in ${source}: none of ${count(m.rows)} would change score`;
    return `customers in ${source}: ${count(m.changed)} of ${count(m.rows)} would change score (${count(m.up)} up, ${count(m.down)} down, mean change ${m.meanChange >= 0 ? '+' : ''}${Number(m.meanChange.toFixed(2))} points)`;
  }
  if (!m.moved) return `customers in ${source}: none of ${count(m.rows)} would move`;
  const seg = (id: number | null): string => (id === null ? 'no segment' : nameOf(id) ? `${id} "${nameOf(id)}"` : `segment ${id}`);
  return [`customers in ${source}: ${count(m.moved)} of ${count(m.rows)} would move`, ...m.transitions.map((t) => `    ${seg(t.from)} → ${seg(t.to)}: ${count(t.customers)}`)].join('\n');
}
