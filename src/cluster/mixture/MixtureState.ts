import type { CovarianceType } from './covarianceType';

/**
 * The parameters of a Gaussian mixture as flat typed arrays (internal currency of the EM code).
 * covariances: full k·d·d (component-major, row-major d×d), tied d·d, diag k·d, spherical k.
 */
export interface MixtureState {
  readonly type: CovarianceType;
  readonly k: number;
  readonly d: number;
  readonly weights: Float64Array;
  /** k×d, row-major. */
  readonly means: Float64Array;
  readonly covariances: Float64Array;
}
