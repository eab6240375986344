import { assertUnreachable } from '../core/assertUnreachable';
import type { SizeChange } from '../personas/PersonaResult';
import { changeName } from './changeLabels';
import type { ReportStrings } from './i18n';
import type { ReportFormatter } from './reportFormatter';
import type { SegmentLookup } from './segmentLookup';

/**
 * One sentence per flagged size change (the flag comes from the data), already escaped with `escape`
 * for the output at hand. Suppressed segments are left out: their sizes are not published. A renamed
 * segment is named with its previous name too, so an alert never reads as being about another segment.
 */
export function sizeAlerts(changes: readonly SizeChange[], seg: SegmentLookup, t: ReportStrings, fmt: ReportFormatter, escape: (text: string) => string): string[] {
  const suppressed = new Set(seg.suppressedIds);
  return changes
    .filter((c) => c.alert && !(c.currentId !== null && suppressed.has(c.currentId)))
    .map((c) => {
      const own = c.currentId !== null && seg.isShown(c.currentId) ? seg.name(c.currentId) : changeName(c, t);
      const name = escape(c.renamedFrom ? t.renamedName(own, c.renamedFrom) : own);
      const before = escape(fmt.percent(c.previousShare));
      const after = escape(fmt.percent(c.currentShare));
      switch (c.status) {
        case 'new':
          return t.alertNew(name, after);
        case 'gone':
          return t.alertGone(name, before);
        case 'kept': {
          const change = escape(fmt.percent(c.relativeChange === null ? null : Math.abs(c.relativeChange), 0));
          return (c.relativeChange ?? 0) < 0 ? t.alertDown(name, change, before, after) : t.alertUp(name, change, before, after);
        }
        default:
          return assertUnreachable(c.status, 'size change status');
      }
    });
}
