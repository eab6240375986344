import { UsageError } from '../core/errors';
import { canonicalJson } from './bundleChecksum';
import type { Condition, ConditionOperator } from './Condition';
import { conditionText } from './conditionText';
import type { RuleBundle, ScoreRule, SegmentNames } from './RuleBundle';

/** A threshold that moved: the same comparison on the same field with another number. */
export interface ThresholdMove {
  field: string;
  from: number;
  to: number;
}

/** A lead-scoring rule in the diff: its position (1-based) and what it says. */
export interface ScoreRuleRef {
  position: number;
  description: string | null;
  condition: Condition;
  points: number;
}

export interface BundleDiff {
  from: { name: string; kind: RuleBundle['kind']; version: number; checksum: string; status: string };
  to: { name: string; kind: RuleBundle['kind']; version: number; checksum: string; status: string };
  identical: boolean;
  added: { id: number; names: SegmentNames }[];
  removed: { id: number; names: SegmentNames }[];
  /** Segments whose name changed in any language. */
  renamed: { id: number; from: SegmentNames; to: SegmentNames }[];
  /** Segments whose condition changed; `thresholds` when only numbers of comparisons moved. */
  changed: { id: number; names: SegmentNames; from: Condition; to: Condition; thresholds: ThresholdMove[] | null }[];
  /** Segments whose position in the priority order changed. */
  reordered: { id: number; from: number; to: number }[];
  fieldsAdded: string[];
  fieldsRemoved: string[];
  /** Fields whose SQL definition or type changed: production must recompute them. */
  fieldsRedefined: string[];
  fallbackChanged: { from: RuleBundle['fallback']; to: RuleBundle['fallback'] } | null;
  /** Lead scoring (kind 'score'): base points and each rule, matched by condition, then description, then shape (same comparisons, other numbers). */
  score: {
    base: { from: number; to: number } | null;
    added: ScoreRuleRef[];
    removed: ScoreRuleRef[];
    /** Same rule (same condition, or same description): what changed about it. */
    changed: { from: ScoreRuleRef; to: ScoreRuleRef; points: boolean; condition: boolean; thresholds: ThresholdMove[] | null }[];
  } | null;
}

/**
 * What changed between two versions of a bundle: segments matched by id (added, removed, renamed in
 * either language, condition changed, reordered), lead-scoring rules matched by condition, then
 * description, then shape (points, condition and thresholds changed, added, removed), fields and the
 * fallback. Two bundles of different kinds (segments, score) cannot be compared (UsageError).
 */
export function diffBundles(a: RuleBundle, b: RuleBundle): BundleDiff {
  if (a.kind !== b.kind) {
    throw new UsageError(`Cannot compare a ${a.kind} bundle ("${a.name}" v${a.bundleVersion}) with a ${b.kind} bundle ("${b.name}" v${b.bundleVersion}): give two versions of the same bundle.`);
  }
  const segA = new Map(a.segments.map((s, i) => [s.id, { ...s, rank: i }]));
  const segB = new Map(b.segments.map((s, i) => [s.id, { ...s, rank: i }]));
  const fieldsA = new Map(a.fields.map((f) => [f.name, f]));
  const fieldsB = new Map(b.fields.map((f) => [f.name, f]));
  const head = (x: RuleBundle) => ({ name: x.name, kind: x.kind, version: x.bundleVersion, checksum: x.checksum, status: x.validation.status });
  const diff: BundleDiff = {
    from: head(a),
    to: head(b),
    identical: false,
    added: b.segments.filter((s) => !segA.has(s.id)).map((s) => ({ id: s.id, names: s.names })),
    removed: a.segments.filter((s) => !segB.has(s.id)).map((s) => ({ id: s.id, names: s.names })),
    renamed: [],
    changed: [],
    reordered: [],
    fieldsAdded: [...fieldsB.keys()].filter((f) => !fieldsA.has(f)),
    fieldsRemoved: [...fieldsA.keys()].filter((f) => !fieldsB.has(f)),
    fieldsRedefined: [...fieldsB.keys()].filter((f) => fieldsA.has(f) && (fieldsA.get(f)!.type !== fieldsB.get(f)!.type || (fieldsA.get(f)!.sql ?? null) !== (fieldsB.get(f)!.sql ?? null) || (fieldsA.get(f)!.unit ?? null) !== (fieldsB.get(f)!.unit ?? null))),
    fallbackChanged: canonicalJson(a.fallback) !== canonicalJson(b.fallback) ? { from: a.fallback, to: b.fallback } : null,
    score: a.kind === 'score' ? diffScores(a.score ?? { base: 0, rules: [] }, b.score ?? { base: 0, rules: [] }) : null,
  };
  for (const [id, sb] of segB) {
    const sa = segA.get(id);
    if (!sa) continue;
    if (canonicalJson(sa.names) !== canonicalJson(sb.names)) diff.renamed.push({ id, from: sa.names, to: sb.names });
    if (canonicalJson(sa.condition) !== canonicalJson(sb.condition)) diff.changed.push({ id, names: sb.names, from: sa.condition, to: sb.condition, thresholds: thresholdMoves(sa.condition, sb.condition) });
    if (sa.rank !== sb.rank) diff.reordered.push({ id, from: sa.rank, to: sb.rank });
  }
  const s = diff.score;
  diff.identical =
    !diff.added.length && !diff.removed.length && !diff.renamed.length && !diff.changed.length && !diff.reordered.length &&
    !diff.fieldsAdded.length && !diff.fieldsRemoved.length && !diff.fieldsRedefined.length && !diff.fallbackChanged &&
    (!s || (!s.base && !s.added.length && !s.removed.length && !s.changed.length));
  return diff;
}

function diffScores(a: { base: number; rules: ScoreRule[] }, b: { base: number; rules: ScoreRule[] }): NonNullable<BundleDiff['score']> {
  const ref = (r: ScoreRule, i: number): ScoreRuleRef => ({ position: i + 1, description: r.description ?? null, condition: r.condition, points: r.points });
  const left = a.rules.map(ref);
  const right = b.rules.map(ref);
  const pairs: [ScoreRuleRef, ScoreRuleRef][] = [];
  // Pair the same condition first, then the same description, then what is left at the same position.
  const pairBy = (key: (r: ScoreRuleRef) => string | null): void => {
    for (const l of [...left]) {
      const k = key(l);
      if (k === null) continue;
      const j = right.findIndex((r) => key(r) === k);
      if (j < 0) continue;
      pairs.push([l, right[j]!]);
      left.splice(left.indexOf(l), 1);
      right.splice(j, 1);
    }
  };
  pairBy((r) => canonicalJson(r.condition));
  pairBy((r) => r.description);
  pairBy((r) => thresholdShape(r.condition));
  const changed = pairs
    .filter(([l, r]) => l.points !== r.points || canonicalJson(l.condition) !== canonicalJson(r.condition) || l.description !== r.description || l.position !== r.position)
    .map(([l, r]) => {
      const condition = canonicalJson(l.condition) !== canonicalJson(r.condition);
      return { from: l, to: r, points: l.points !== r.points, condition, thresholds: condition ? thresholdMoves(l.condition, r.condition) : null };
    })
    // A rule that only moved in the list scores the same: not a change.
    .filter((c) => c.points || c.condition || c.from.description !== c.to.description);
  return { base: a.base !== b.base ? { from: a.base, to: b.base } : null, added: right, removed: left, changed };
}

/** The condition with every number of a comparison blanked: two conditions with one shape differ only in thresholds. */
function thresholdShape(c: Condition): string {
  return canonicalJson(mapNumbers(c, () => 0));
}

function mapNumbers(c: Condition, f: (field: string, v: number) => number): Condition {
  if (typeof c === 'boolean') return c;
  const [op, args] = Object.entries(c)[0] as [ConditionOperator, unknown];
  switch (op) {
    case 'and':
    case 'or':
      return { [op]: (args as Condition[]).map((x) => mapNumbers(x, f)) } as Condition;
    case '!':
      return { '!': [mapNumbers((Array.isArray(args) ? args[0] : args) as Condition, f)] };
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const a = args as unknown[];
      if (a.length === 3) {
        const field = (a[1] as { var: string }).var;
        return { [op]: [f(field, a[0] as number), a[1], f(field, a[2] as number)] } as Condition;
      }
      return { [op]: [a[0], f((a[0] as { var: string }).var, a[1] as number)] } as Condition;
    }
    default:
      return c;
  }
}

/** The thresholds that moved when two conditions differ only in the numbers of their comparisons; else null. */
export function thresholdMoves(from: Condition, to: Condition): ThresholdMove[] | null {
  if (thresholdShape(from) !== thresholdShape(to)) return null;
  const before: { field: string; v: number }[] = [];
  const after: { field: string; v: number }[] = [];
  mapNumbers(from, (field, v) => (before.push({ field, v }), v));
  mapNumbers(to, (field, v) => (after.push({ field, v }), v));
  const moves: ThresholdMove[] = [];
  before.forEach((x, i) => {
    const y = after[i]!;
    if (x.v !== y.v && !moves.some((m) => m.field === x.field && m.from === x.v && m.to === y.v)) moves.push({ field: x.field, from: x.v, to: y.v });
  });
  return moves;
}

function quoted(n: SegmentNames): string {
  return n.fr && n.fr !== n.en ? `"${n.en}" (fr "${n.fr}")` : `"${n.en}"`;
}

function points(p: number): string {
  return p > 0 ? `+${p}` : String(p);
}

function ruleLabel(r: ScoreRuleRef): string {
  return `score rule ${r.position}${r.description ? ` "${r.description}"` : ''}`;
}

/** The diff as lines a reviewer reads: conditions in words (conditionText), thresholds and points that moved. */
export function formatBundleDiff(d: BundleDiff): string {
  const lines = [`${d.from.name} v${d.from.version} (${d.from.status}, ${d.from.checksum.slice(0, 12)}) → ${d.to.name} v${d.to.version} (${d.to.status}, ${d.to.checksum.slice(0, 12)})`];
  if (d.identical) return [...lines, d.from.kind === 'score' ? 'no change in the base score, rules, points or fields' : 'no change in segments, conditions, order, fields or fallback'].join('\n');
  const moved = (t: ThresholdMove[] | null): string[] => (t && t.length ? [`    thresholds: ${t.map((m) => `${m.field} ${m.from} → ${m.to}`).join(', ')}`] : []);
  for (const s of d.added) lines.push(`+ segment ${s.id} ${quoted(s.names)}`);
  for (const s of d.removed) lines.push(`- segment ${s.id} ${quoted(s.names)}`);
  for (const s of d.renamed) lines.push(`~ segment ${s.id} renamed ${quoted(s.from)} → ${quoted(s.to)}`);
  for (const s of d.changed) lines.push(`~ segment ${s.id} ${quoted(s.names)} condition`, `    was ${conditionText(s.from)}`, `    now ${conditionText(s.to)}`, ...moved(s.thresholds));
  for (const s of d.reordered) lines.push(`~ segment ${s.id} priority ${s.from + 1} → ${s.to + 1}`);
  if (d.score) {
    if (d.score.base) lines.push(`~ base score ${d.score.base.from} → ${d.score.base.to}`);
    for (const r of d.score.added) lines.push(`+ ${ruleLabel(r)}: ${points(r.points)} when ${conditionText(r.condition)}`);
    for (const r of d.score.removed) lines.push(`- ${ruleLabel(r)}: ${points(r.points)} when ${conditionText(r.condition)}`);
    for (const c of d.score.changed) {
      lines.push(`~ ${ruleLabel(c.to)}${c.from.description !== c.to.description ? ` (was "${c.from.description ?? ''}")` : ''}`);
      if (c.points) lines.push(`    points ${points(c.from.points)} → ${points(c.to.points)}`);
      if (c.condition) lines.push(`    was ${conditionText(c.from.condition)}`, `    now ${conditionText(c.to.condition)}`, ...moved(c.thresholds));
    }
  }
  for (const f of d.fieldsAdded) lines.push(`+ field ${f}`);
  for (const f of d.fieldsRemoved) lines.push(`- field ${f}`);
  for (const f of d.fieldsRedefined) lines.push(`~ field ${f} redefined (type, unit or SQL): production must recompute it`);
  if (d.fallbackChanged) {
    const f = (x: RuleBundle['fallback']): string => (x ? `segment ${x.id} ${quoted(x.names)}` : 'none');
    lines.push(`~ fallback ${f(d.fallbackChanged.from)} → ${f(d.fallbackChanged.to)}`);
  }
  return lines.join('\n');
}
