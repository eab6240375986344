import { assertUnreachable } from '../../core/assertUnreachable';

/**
 * Shape of the component covariances, as scikit-learn's `covariance_type`:
 * full = one d×d matrix per component, tied = one d×d matrix shared by all,
 * diag = one variance per component and feature, spherical = one variance per component.
 */
export const COVARIANCE_TYPES = ['full', 'tied', 'diag', 'spherical'] as const;
export type CovarianceType = (typeof COVARIANCE_TYPES)[number];

/** How the first responsibilities are drawn: hard k-means labels or random soft memberships (as scikit-learn). */
export const GMM_INITS = ['kmeans', 'random'] as const;
export type GmmInit = (typeof GMM_INITS)[number];

/** Length of the flat covariance array: full k·d·d, tied d·d, diag k·d, spherical k. */
export function covarianceLength(type: CovarianceType, k: number, d: number): number {
  switch (type) {
    case 'full':
      return k * d * d;
    case 'tied':
      return d * d;
    case 'diag':
      return k * d;
    case 'spherical':
      return k;
    default:
      return assertUnreachable(type, 'covariance type');
  }
}

/** Free parameters of the mixture, as scikit-learn's `_n_parameters` (used by BIC and AIC). */
export function mixtureParameterCount(type: CovarianceType, k: number, d: number): number {
  let covParams: number;
  switch (type) {
    case 'full':
      covParams = (k * d * (d + 1)) / 2;
      break;
    case 'tied':
      covParams = (d * (d + 1)) / 2;
      break;
    case 'diag':
      covParams = k * d;
      break;
    case 'spherical':
      covParams = k;
      break;
    default:
      return assertUnreachable(type, 'covariance type');
  }
  // Means k·d, weights k-1 (they sum to 1).
  return covParams + k * d + k - 1;
}
