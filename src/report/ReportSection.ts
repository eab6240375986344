/** The review's sections, in reading order; each id is also its anchor and its title key in i18n. */
export const REPORT_SECTIONS = ['summary', 'sizes', 'personas', 'kpis', 'traits', 'rfm', 'projection', 'model', 'quality', 'changes'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
