import type { QualityProfile } from '../data/QualityProfile';
import { barChart } from './barChart';
import type { Figure } from './Figure';

/** Share of missing values per column of every table, worst first; columns with none are left out. */
export function missingValuesFigure(profile: QualityProfile): Figure {
  const rows = profile.tables
    .flatMap((t) => t.columns.map((c) => ({ label: `${t.table}.${c.name}`, share: c.missingShare })))
    .filter((r) => r.share > 0)
    .sort((a, b) => a.share - b.share);
  return barChart(
    rows.map((r) => r.label),
    rows.map((r) => r.share),
    { title: rows.length ? 'Missing values by column' : 'Missing values by column (none)', xTitle: 'column', yTitle: 'share missing', horizontal: true, percent: true },
  );
}
