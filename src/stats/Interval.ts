/** A two-sided confidence interval [low, high] at a stated level (0.95 = 95%). */
export interface Interval {
  low: number;
  high: number;
  level: number;
}
