import { z } from 'zod';
import { CLUSTER_ALGORITHMS, CLUSTERERS } from '../cluster/clusterers';
import { TRANSFORMERS } from '../features/transformers/transformers';
import { SELECT_K_DEFAULTS, SELECTION_RULES } from '../cluster/selection/selectK';

/**
 * cluster.matchMaxDistance default, in spreads. On the sample, Q1 → Q2 centres of the same segment moved
 * 0.17–0.46 spreads (CDNOW, 1998-04-01 → 1998-07-01: 0.10–0.19), while two different segments of one
 * run are at least 1.19 apart (CDNOW: 1.43).
 */
export const MATCH_MAX_DISTANCE_DEFAULT = 1;

/** cluster.engineSample's default: a million customers' feature rows still fit comfortably in Node. */
export const ENGINE_SAMPLE_DEFAULT = 1_000_000;

const kSetting = z.union([z.literal('auto'), z.number().int().min(1).max(50)]);

/** `cluster:` in the run config: which features, how they are prepared, which algorithm and how k is chosen. */
export const clusterConfigSchema = z
  .object({
    /** A registered clustering algorithm (CLUSTERERS). */
    algorithm: z.enum(CLUSTER_ALGORITHMS).default('kmeans'),
    /** Numeric feature columns (default: DEFAULT_CLUSTER_FEATURES that the feature table has). */
    features: z.array(z.string()).min(1).optional(),
    /** Categorical feature columns, for k-prototypes only (e.g. region, device). */
    categorical: z.array(z.string()).default([]),
    /** Number of segments, or 'auto' to sweep kRange and take the recommended k. */
    k: kSetting.default('auto'),
    kRange: z
      .tuple([z.number().int().min(1), z.number().int().min(2)])
      .refine(([a, b]) => a <= b, 'kRange: the first number must not exceed the second')
      .default([SELECT_K_DEFAULTS.minK, SELECT_K_DEFAULTS.maxK]),
    /**
     * Business limits: every segment at least minShare and at most maxShare of the customers (a segment that
     * is most of the base is the base), at most maxSegments segments.
     */
    minShare: z.number().min(0).max(0.5).default(SELECT_K_DEFAULTS.minShare),
    maxShare: z.number().gt(0).max(1).default(SELECT_K_DEFAULTS.maxShare),
    maxSegments: z.number().int().min(1).max(50).default(SELECT_K_DEFAULTS.maxSegments),
    /** Rule structure-first: the range k is taken from when the data shows no natural groups. */
    preferredK: z
      .tuple([z.number().int().min(2), z.number().int().min(2)])
      .refine(([a, b]) => a <= b, 'preferredK: the first number must not exceed the second')
      .default([...SELECT_K_DEFAULTS.preferredK]),
    /**
     * The algorithms' own params, each declared once by the algorithm that reads it (CLUSTERERS). Restarts
     * per fit (k-means family, mixtures, k-prototypes): unset, each algorithm's declared default applies
     * (kmeans 4, minibatch-kmeans 10, gmm 4, kprototypes 4).
     */
    nInit: CLUSTERERS.get('kmeans').params.shape.nInit.removeDefault().optional(),
    /** Gaussian mixture covariance. */
    covarianceType: CLUSTERERS.get('gmm').params.shape.covarianceType,
    /** DBSCAN radius in standardised units ('auto': knee of the k-distance curve) and core size. */
    eps: z.union([z.literal('auto'), CLUSTERERS.get('dbscan').params.shape.eps]).default('auto'),
    minSamples: CLUSTERERS.get('dbscan').params.shape.minSamples,
    /** k-prototypes cost of a categorical mismatch: a number, or 'balanced' (default: both parts weigh the same) or 'huang' (0.5 × mean sd). */
    gamma: CLUSTERERS.get('kprototypes').params.shape.gamma,
    /** Missing values per column (default: 'max' for days, 0 ('constant') for shares and rates, 'median' otherwise). */
    impute: z.record(TRANSFORMERS.get('SimpleImputer').params.shape.strategy.removeDefault()).default({}),
    /**
     * log1p before scaling: 'auto' = the count, day and money columns; or a list; or 'none'. A column with
     * negative values (net spend after returns) gets the signed log sign(x)·log(1 + |x|); cluster.json says so.
     */
    log1p: z.union([z.literal('auto'), z.literal('none'), z.array(z.string())]).default('auto'),
    scale: z.enum(['standard', 'robust', 'none']).default('standard'),
    /** Bootstrap stability (Hennig's clusterboot): resamples, 0 to skip. */
    stabilityResamples: z.number().int().min(0).max(500).default(20),
    /**
     * Gap statistic in the k sweep (B + 1 = 11 fits per k): 'auto' computes it up to 100,000 customers.
     * Rules (src/cluster/selection/selectK.ts): structure-first (default) takes the gap's k only when the silhouette
     * and a bootstrap confirm natural groups, else the best k in preferredK as a partition for action;
     * gap-first: the gap decides whenever it votes; vote: plurality of the criteria.
     */
    gap: z.union([z.boolean(), z.literal('auto')]).default('auto'),
    rule: z.enum(SELECTION_RULES).default('structure-first'),
    /**
     * Above this many customers the choice of k and the bootstrap stability are computed on a seeded sample
     * of this many (default 50,000: a segment's share on it is within ±0.44 percentage points of the full
     * data's, 95%); the final fit and every label use all customers. 0: never sample.
     */
    selectionSample: z.number().int().min(0).optional(),
    /**
     * With engine: clickhouse, above this many customers only a seeded sample of about this many comes back
     * from the cluster (hash of customer_id and the run's seed), the clustering is fitted on it, and every
     * customer is assigned on the cluster with the fitted model compiled to SQL (every algorithm but
     * dbscan); default 1,000,000 (ENGINE_SAMPLE_DEFAULT); 0: every customer comes back.
     */
    engineSample: z.number().int().min(0).optional(),
    /** Silhouette on at most this many rows (exact below, sampled above). */
    silhouetteSample: z.number().int().min(100).default(10_000),
    /** A previous run folder (or its cluster.json): segment ids are matched to it so they persist across quarters. */
    previous: z.string().optional(),
    /**
     * Matching to a previous run (cluster.previous, and the review's comparison): a pair of centres farther
     * apart than this many spreads is no match (new segment here, gone there). Spread: root mean square
     * distance of a customer to its segment's centre in this run's prepared space, so the cutoff means
     * the same on every data set. 1: the old centre would not even be a typical member of the new segment.
     */
    matchMaxDistance: z.number().positive().default(MATCH_MAX_DISTANCE_DEFAULT),
  })
  .strict()
  .refine((c) => c.maxShare > c.minShare, { message: 'maxShare must be above minShare', path: ['maxShare'] });

export type ClusterConfig = z.infer<typeof clusterConfigSchema>;
export type ClusterConfigInput = z.input<typeof clusterConfigSchema>;
