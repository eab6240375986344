import { assertUnreachable } from '../core/assertUnreachable';
import type { ReportStrings } from './i18n';
import type { ReportData } from './ReportData';
import type { ReportFormatter } from './reportFormatter';

/** One sentence on how the number of segments was set: by the config, by the sweep, or by the algorithm. */
export function kChoiceText(c: ReportData['clustering'], t: ReportStrings, fmt: ReportFormatter): string {
  const k = fmt.integer(c.k);
  switch (c.kSource) {
    case 'config':
      return t.kFromConfig(k);
    case 'auto':
      return t.kFromAuto(k);
    case 'algorithm':
      return t.kFromAlgorithm(c.algorithm, k);
    default:
      return assertUnreachable(c.kSource, 'kSource');
  }
}
