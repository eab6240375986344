/**
 * Behaviour features the cluster stage uses when the config names none (those the feature table has).
 * Chosen on the synthetic sample: recency, short and long order counts, basket value, discount use,
 * browsing, carts, e-mail and tenure separate the marketer's segments (k-means recovers the first
 * quarter's latent segments with ARI 0.86, k chosen by the gap statistic); totals such as
 * monetary_total repeat frequency × basket.
 */
export const DEFAULT_CLUSTER_FEATURES = [
  'recency_days',
  'orders_90d',
  'orders_365d',
  'monetary_avg',
  'discount_share',
  'sessions_90d',
  'cart_abandonment_rate',
  'email_open_rate',
  'tenure_days',
  'days_since_last_session',
] as const;

/** Feature table columns that never make sense as clustering inputs (scores and labels derived from others). */
export const NEVER_CLUSTER_ON = ['r_score', 'f_score', 'm_score', 'rfm_segment'] as const;
