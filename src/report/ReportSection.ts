import { changesSection } from './sections/changesSection';
import { driftSection } from './sections/driftSection';
import { experimentsSection } from './sections/experimentsSection';
import { kpisSection } from './sections/kpisSection';
import { modelSection } from './sections/modelSection';
import { personasSection } from './sections/personasSection';
import { predictionSection } from './sections/predictionSection';
import { projectionSection } from './sections/projectionSection';
import { qualitySection } from './sections/qualitySection';
import { rfmSection } from './sections/rfmSection';
import { sizesSection } from './sections/sizesSection';
import { summarySection } from './sections/summarySection';
import { traitsSection } from './sections/traitsSection';
import { valueSection } from './sections/valueSection';

/**
 * The review's sections in reading order; both renderers (HTML and Markdown) and the figures follow
 * this list. A new section is one file in sections/ (its words in every locale, its figures, its HTML
 * and Markdown parts: see defineSection) and one line here.
 */
export const SECTIONS = [
  // "What changed" leads the review when the run has a drift report (absent otherwise).
  driftSection,
  summarySection,
  sizesSection,
  personasSection,
  kpisSection,
  predictionSection,
  valueSection,
  experimentsSection,
  traitsSection,
  rfmSection,
  projectionSection,
  modelSection,
  qualitySection,
  changesSection,
] as const;

/** A section's id: its anchor in the HTML review. */
export type ReportSection = (typeof SECTIONS)[number]['id'];

/** The section ids in reading order. */
export const REPORT_SECTIONS: readonly ReportSection[] = SECTIONS.map((s) => s.id);
