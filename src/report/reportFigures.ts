import type { Figure } from '../viz/Figure';
import { reportContext } from './defineSection';
import type { ReportData } from './ReportData';
import { SECTIONS, type ReportSection } from './ReportSection';

export interface ReportFigure {
  /** Element id in the HTML report; stable, so tests and readers can link to a chart. */
  id: string;
  section: ReportSection;
  figure: Figure;
}

/**
 * Every chart of the review, section by section, built from the report data with the locale's words.
 * Suppressed segments never reach a figure: points, bars and hover names are taken from shown segments only.
 */
export function reportFigures(data: ReportData): ReportFigure[] {
  const ctx = reportContext(data);
  return SECTIONS.flatMap((s) => s.figures(ctx).map((f) => ({ id: f.id, section: s.id, figure: f.figure })));
}
