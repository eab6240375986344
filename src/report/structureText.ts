import { assertUnreachable } from '../core/assertUnreachable';
import type { ReportStrings } from './i18n';
import type { ReportData, SelectionCurves } from './ReportData';
import type { ReportFormatter } from './reportFormatter';

/**
 * Whether the segments are natural groups of the data or a partition for action, and why, in the report's
 * language (from the structured verdict, never from the English sentences of cluster.json). Null when the
 * rule did not test it (k set in the config, or another rule).
 */
export function structureText(c: ReportData['clustering'], t: ReportStrings, fmt: ReportFormatter): { found: boolean; text: string } | null {
  const s = c.selection?.structure;
  if (!s || c.kSource !== 'auto') return null;
  const k = fmt.integer(c.k);
  const check = s.check;
  switch (check.code) {
    case 'found':
      return { found: true, text: t.structureFound(k, fmt.number(check.silhouette, 2), fmt.number(check.stability, 2)) };
    case 'gap-not-computed':
      return { found: false, text: t.structureNone(k, t.whyGapNotComputed) };
    case 'gap-no-structure':
      return { found: false, text: t.structureNone(k, t.whyGapNoStructure) };
    case 'gap-still-growing':
      return { found: false, text: t.structureNone(k, t.whyGapStillGrowing(fmt.integer(check.maxK))) };
    case 'gap-excluded':
      return { found: false, text: t.structureNone(k, t.whyGapExcluded(fmt.integer(check.k))) };
    case 'low-silhouette':
      return { found: false, text: t.structureNone(k, t.whyLowSilhouette(fmt.integer(check.k), fmt.number(check.silhouette, 2))) };
    case 'unstable':
      return { found: false, text: t.structureNone(k, t.whyUnstable(fmt.integer(check.k), fmt.number(check.stability, 2))) };
    default:
      return assertUnreachable(check, 'structure check');
  }
}

/** How k was picked within the preferred range when the data has no natural groups. */
export function partitionText(sel: SelectionCurves, t: ReportStrings, fmt: ReportFormatter): string | null {
  const s = sel.structure;
  if (!s || s.found || sel.recommendedK === null) return null;
  const [from, to] = s.preferredK;
  const k = sel.recommendedK;
  return k >= from && k <= to ? t.partitionChoice(fmt.integer(k), fmt.integer(from), fmt.integer(to)) : t.partitionNearest(fmt.integer(k), fmt.integer(from), fmt.integer(to));
}

/** Each criterion's preferred k, and the k the business limits excluded, in the report's language. */
export function selectionLines(sel: SelectionCurves, t: ReportStrings, fmt: ReportFormatter): { votes: string[]; excluded: string | null } {
  const votes = sel.votes.map((v) => (v.k === null ? t.voteAbstains(t.criterionName(v.criterion)) : t.voteFor(t.criterionName(v.criterion), fmt.integer(v.k))));
  const excludedKs = sel.ks.filter((_, i) => !sel.eligible[i]);
  const excluded = excludedKs.length
    ? t.excludedKs(excludedKs.map((k) => fmt.integer(k)).join(', '), fmt.percent(sel.limits.minShare), fmt.percent(sel.limits.maxShare), fmt.integer(sel.limits.maxSegments))
    : null;
  return { votes, excluded };
}
