import type { CalendarDate } from '../core/CalendarDate';
import type { ClvTimeUnit } from './ClvTimeUnit';

/**
 * What every CLV estimator reads, one entry per customer (the BTYD literature's x, t_x, T, m̄):
 * `frequency` the repeat purchase periods (purchase days after the first), `recency` the age at the
 * last purchase and `T` the age at the calibration end (both in the summary's unit, counted from the
 * first purchase day), `monetaryValue` the mean value of the repeat purchase days (0 without one).
 * The purchase models read frequency, recency and T; the spend model frequency and monetaryValue.
 * A ClvSummary is one; plain arrays (a lifetimes-style summary file) are another.
 */
export interface ClvData {
  /** Names the customers in error messages (else the 1-based row). */
  readonly customerIds?: readonly string[];
  readonly frequency: ArrayLike<number>;
  readonly recency?: ArrayLike<number>;
  readonly T?: ArrayLike<number>;
  readonly monetaryValue?: ArrayLike<number>;
  /** The unit of recency and T, when known (a ClvSummary knows it): the fitted model keeps it for CLV horizons. */
  readonly unit?: ClvTimeUnit;
}

/**
 * The transaction summary of clvSummary: per customer with a purchase on or before the calibration
 * end, sorted by customer id. With an observation end, the holdout columns count what happened after
 * the calibration end up to and including the observation end (lifetimes' calibration / holdout split).
 */
export interface ClvSummary extends ClvData {
  readonly unit: ClvTimeUnit;
  /** The last day of the calibration period (inclusive). */
  readonly calibrationEnd: CalendarDate;
  readonly customerIds: readonly string[];
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly monetaryValue: Float64Array;
  /** The DuckDB statement that computed it (clvSummarySql), to run again or port to a warehouse. */
  readonly sql: string;
  /** Present when an observation end was given: the holdout period's last day (inclusive) and its length in `unit`. */
  readonly holdout?: {
    readonly observationEnd: CalendarDate;
    readonly duration: number;
    /** Purchase days in the holdout period. */
    readonly purchases: Float64Array;
    /** Total value of those days. */
    readonly value: Float64Array;
  };
}
