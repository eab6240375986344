/** One train/test split: row indices (increasing) of the rows to fit on and of the rows to evaluate on. */
export interface Split {
  /** 0-based fold number (0 for a single out-of-time split). */
  fold: number;
  train: Int32Array;
  test: Int32Array;
}
