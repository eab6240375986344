/** Progress of long work. Library code reports; the CLI prints to stderr, notebooks may show a bar, tests stay silent. */
export interface Progress {
  /** A named step starts (e.g. "load transactions"). */
  start(step: string, total?: number): void;
  /** Work done so far in the current step. */
  update(done: number): void;
  /**
   * Share (0–1) of a long statement of the current step that is done, and the rows it has processed,
   * for work whose size is known only while it runs (a DuckDB query); optional.
   */
  fraction?(share: number, rows?: number): void;
  /** The current step ended; optional detail such as "541,909 rows". */
  end(detail?: string): void;
  /** A message that is not a step (a warning, a skipped feature). */
  note(message: string): void;
}

export const silentProgress: Progress = {
  start() {},
  update() {},
  end() {},
  note() {},
};
