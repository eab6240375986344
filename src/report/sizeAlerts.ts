import { assertUnreachable } from '../core/assertUnreachable';
import type { SizeChange } from '../personas/PersonaResult';
import { changeName } from './changeLabels';
import type { ReportContext } from './defineSection';
import { localTexts } from './localTexts';

/** The words of the size alerts: the summary lists them, the changes section states the rule. */
export const SIZE_ALERT_TEXTS = localTexts(
  {
    alerts: 'Alerts',
    noAlerts: (threshold: string) => `No segment’s share changed by more than ${threshold} since the previous run.`,
    noPreviousRun: 'No previous run to compare with: size alerts appear from the next run on.',
    inDrift: 'This run’s alerts against the previous run (key figures moving by more than the threshold) are in “What changed”, at the top of this review.',
    alertUp: (name: string, change: string, before: string, after: string) => `${name}: share up ${change} (${before} → ${after})`,
    alertDown: (name: string, change: string, before: string, after: string) => `${name}: share down ${change} (${before} → ${after})`,
    alertNew: (name: string, after: string) => `${name}: new segment (${after} of customers)`,
    alertGone: (name: string, before: string) => `${name}: no longer found (was ${before} of customers)`,
    alertRule: (threshold: string) => `Alert when a segment’s share of customers moves by more than ${threshold} (relative), or a segment appears or disappears.`,
  },
  {
    alerts: 'Alertes',
    noAlerts: (threshold) => `La part d’aucun segment n’a varié de plus de ${threshold} depuis l’analyse précédente.`,
    noPreviousRun: 'Aucune analyse précédente à comparer : les alertes de taille apparaîtront à partir de la prochaine analyse.',
    inDrift: 'Les alertes de cette analyse par rapport à la précédente (indicateurs clés variant de plus que le seuil) figurent dans « Ce qui a changé », en tête de cette revue.',
    alertUp: (name, change, before, after) => `${name} : part en hausse de ${change} (${before} → ${after})`,
    alertDown: (name, change, before, after) => `${name} : part en baisse de ${change} (${before} → ${after})`,
    alertNew: (name, after) => `${name} : nouveau segment (${after} des clients)`,
    alertGone: (name, before) => `${name} : segment disparu (${before} des clients auparavant)`,
    alertRule: (threshold) => `Alerte quand la part de clients d’un segment varie de plus de ${threshold} (en relatif), ou quand un segment apparaît ou disparaît.`,
  },
);

/**
 * One sentence per flagged size change (the flag comes from the data), already escaped with `escape`
 * for the output at hand. Suppressed segments are left out: their sizes are not published. A renamed
 * segment is named with its previous name too, so an alert never reads as being about another segment.
 */
export function sizeAlerts(changes: readonly SizeChange[], ctx: ReportContext, escape: (text: string) => string): string[] {
  const { seg, fmt, common } = ctx;
  const t = SIZE_ALERT_TEXTS[ctx.data.locale];
  const suppressed = new Set(seg.suppressedIds);
  return changes
    .filter((c) => c.alert && !(c.currentId !== null && suppressed.has(c.currentId)))
    .map((c) => {
      const own = c.currentId !== null && seg.isShown(c.currentId) ? seg.name(c.currentId) : changeName(c, common);
      const name = escape(c.renamedFrom ? common.renamedName(own, c.renamedFrom) : own);
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
