import { canonicalJson } from './bundleChecksum';
import type { RuleBundle } from './RuleBundle';

export interface BundleDiff {
  from: { name: string; version: number; checksum: string; status: string };
  to: { name: string; version: number; checksum: string; status: string };
  identical: boolean;
  added: { id: number; name: string }[];
  removed: { id: number; name: string }[];
  renamed: { id: number; from: string; to: string }[];
  /** Segments whose condition changed. */
  changed: { id: number; name: string; from: unknown; to: unknown }[];
  /** Segments whose position in the priority order changed. */
  reordered: { id: number; from: number; to: number }[];
  fieldsAdded: string[];
  fieldsRemoved: string[];
  /** Fields whose SQL definition or type changed: production must recompute them. */
  fieldsRedefined: string[];
  fallbackChanged: boolean;
  scoreChanged: boolean;
}

/** What changed between two versions of a bundle, segment by segment (matched by id). */
export function diffBundles(a: RuleBundle, b: RuleBundle): BundleDiff {
  const segA = new Map(a.segments.map((s, i) => [s.id, { ...s, rank: i }]));
  const segB = new Map(b.segments.map((s, i) => [s.id, { ...s, rank: i }]));
  const fieldsA = new Map(a.fields.map((f) => [f.name, f]));
  const fieldsB = new Map(b.fields.map((f) => [f.name, f]));
  const diff: BundleDiff = {
    from: { name: a.name, version: a.bundleVersion, checksum: a.checksum, status: a.validation.status },
    to: { name: b.name, version: b.bundleVersion, checksum: b.checksum, status: b.validation.status },
    identical: false,
    added: b.segments.filter((s) => !segA.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
    removed: a.segments.filter((s) => !segB.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
    renamed: [],
    changed: [],
    reordered: [],
    fieldsAdded: [...fieldsB.keys()].filter((f) => !fieldsA.has(f)),
    fieldsRemoved: [...fieldsA.keys()].filter((f) => !fieldsB.has(f)),
    fieldsRedefined: [...fieldsB.keys()].filter((f) => fieldsA.has(f) && (fieldsA.get(f)!.type !== fieldsB.get(f)!.type || (fieldsA.get(f)!.sql ?? null) !== (fieldsB.get(f)!.sql ?? null))),
    fallbackChanged: canonicalJson(a.fallback) !== canonicalJson(b.fallback),
    scoreChanged: canonicalJson(a.score) !== canonicalJson(b.score),
  };
  for (const [id, sb] of segB) {
    const sa = segA.get(id);
    if (!sa) continue;
    if (sa.name !== sb.name) diff.renamed.push({ id, from: sa.name, to: sb.name });
    if (canonicalJson(sa.condition) !== canonicalJson(sb.condition)) diff.changed.push({ id, name: sb.name, from: sa.condition, to: sb.condition });
    if (sa.rank !== sb.rank) diff.reordered.push({ id, from: sa.rank, to: sb.rank });
  }
  diff.identical =
    !diff.added.length && !diff.removed.length && !diff.renamed.length && !diff.changed.length && !diff.reordered.length &&
    !diff.fieldsAdded.length && !diff.fieldsRemoved.length && !diff.fieldsRedefined.length && !diff.fallbackChanged && !diff.scoreChanged;
  return diff;
}

/** The diff as lines a reviewer reads. */
export function formatBundleDiff(d: BundleDiff): string {
  const lines = [`${d.from.name} v${d.from.version} (${d.from.status}, ${d.from.checksum.slice(0, 12)}) → ${d.to.name} v${d.to.version} (${d.to.status}, ${d.to.checksum.slice(0, 12)})`];
  if (d.identical) return [...lines, 'no change in segments, conditions, order, fields, fallback or scores'].join('\n');
  for (const s of d.added) lines.push(`+ segment ${s.id} "${s.name}"`);
  for (const s of d.removed) lines.push(`- segment ${s.id} "${s.name}"`);
  for (const s of d.renamed) lines.push(`~ segment ${s.id} renamed "${s.from}" → "${s.to}"`);
  for (const s of d.changed) lines.push(`~ segment ${s.id} "${s.name}" condition\n    was ${JSON.stringify(s.from)}\n    now ${JSON.stringify(s.to)}`);
  for (const s of d.reordered) lines.push(`~ segment ${s.id} priority ${s.from + 1} → ${s.to + 1}`);
  for (const f of d.fieldsAdded) lines.push(`+ field ${f}`);
  for (const f of d.fieldsRemoved) lines.push(`- field ${f}`);
  for (const f of d.fieldsRedefined) lines.push(`~ field ${f} redefined (type or SQL): production must recompute it`);
  if (d.fallbackChanged) lines.push('~ fallback segment changed');
  if (d.scoreChanged) lines.push('~ lead-scoring rules changed');
  return lines.join('\n');
}
