import { z } from 'zod';
import { seedParam } from '../../core/seedParam';
import { parseParams } from '../../core/parseParams';

/** Largest maxThresholds: bin codes are stored as Uint16. */
export const MAX_TREE_THRESHOLDS = 65535;

/** DecisionTree's params, declared once: the constructor validates with it and the registry (CLASSIFIERS) lists it. */
export const decisionTreeParamsSchema = z
  .object({
    /** Deepest level a split may sit on (root = depth 0); default 4, so rules stay at most 4 conditions long. */
    maxDepth: z.number().int().min(0).max(32).describe('a whole number from 0 to 32').default(4),
    /** Fewest training rows in a leaf (unweighted); default max(20, ceil(1% of the rows)), resolved at fit. */
    minSamplesLeaf: z.number().int().min(1).describe('a whole number >= 1').optional(),
    /** A split must lower the weighted Gini impurity by at least this share of the root weight (default 0, as scikit-learn). */
    minImpurityDecrease: z.number().finite().min(0).describe('a finite number >= 0').default(0),
    /**
     * Most candidate split points per feature (default 64). With at most maxThresholds + 1 distinct values a
     * feature is split exactly (every midpoint is a candidate, as scikit-learn); otherwise the candidates
     * sit between quantiles, so a million rows cost a histogram pass per node and level, not a sort.
     */
    maxThresholds: z.number().int().min(1).max(MAX_TREE_THRESHOLDS).describe(`a whole number from 1 to ${MAX_TREE_THRESHOLDS}`).default(64),
    /** Seed of the row sample the quantiles are read from when there are more than 100,000 rows (default DEFAULT_SEED). */
    seed: seedParam,
    /**
     * Columns (by name) whose missing value (NaN) reads as +Infinity instead of 0: fields in days, whose
     * NULL means "never happened" (rules/Condition.ts), so extracted rules read them as bundles do.
     */
    missingAsInfinity: z.array(z.string()).describe('a list of column names').default([]),
    /**
     * Rules a business reader can believe: among splits whose Gini decrease is within this share of the
     * best one (e.g. 0.01), take the feature on which the segments the split separates differ most from
     * the whole base (|standardised difference|, weighted by each segment's share of the node and by how
     * cleanly the split sends it to one side), so that a segment's rule uses the features that define it.
     * 0 (default): always the best split, as scikit-learn.
     */
    distinctiveWithin: z.number().finite().min(0).lt(1).describe('a share from 0 (off) up to, not including, 1').default(0),
  })
  .strict();

export type DecisionTreeParams = Omit<z.input<typeof decisionTreeParamsSchema>, 'missingAsInfinity'> & { missingAsInfinity?: readonly string[] };

export interface ResolvedDecisionTreeParams {
  maxDepth: number;
  /** null: the default, resolved from the row count at fit (the fitted model records the number used). */
  minSamplesLeaf: number | null;
  minImpurityDecrease: number;
  maxThresholds: number;
  seed: number;
  missingAsInfinity: string[];
  distinctiveWithin: number;
}

export function resolveTreeParams(p: DecisionTreeParams = {}): ResolvedDecisionTreeParams {
  const { minSamplesLeaf, ...rest } = parseParams(decisionTreeParamsSchema, p, 'DecisionTree');
  const { maxDepth, minImpurityDecrease, maxThresholds, seed, missingAsInfinity, distinctiveWithin } = rest;
  return { maxDepth, minSamplesLeaf: minSamplesLeaf ?? null, minImpurityDecrease, maxThresholds, seed, missingAsInfinity, distinctiveWithin };
}

/** The default leaf size: 1% of the rows, at least 20. */
export function defaultMinSamplesLeaf(rows: number): number {
  return Math.max(20, Math.ceil(rows * 0.01));
}
