/**
 * How gamma is derived from the data when no number is given:
 * - 'balanced' (default): the categorical part as a whole weighs as much as the numeric part before
 *   clustering: gamma = Σ w·‖x − mean‖² / Σ w·(mismatches to the column modes), both over all rows.
 * - 'huang': half the mean population sd of the numeric columns (Huang 1997; the kmodes package's
 *   default), without sample weights as kmodes. On standardised columns that is 0.5, whatever the
 *   number of numeric columns, which a sum of p squared differences easily outweighs.
 */
export const KPROTOTYPES_GAMMA_RULES = ['balanced', 'huang'] as const;
export type KPrototypesGammaRule = (typeof KPROTOTYPES_GAMMA_RULES)[number];
