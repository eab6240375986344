/** How SimpleImputer fills a missing value. */
export const IMPUTE_STRATEGIES = ['median', 'mean', 'max', 'constant'] as const;
export type ImputeStrategy = (typeof IMPUTE_STRATEGIES)[number];
