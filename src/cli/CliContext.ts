import type { Progress } from '../core/progress';

/** What a command needs from the program around it. */
export interface CliContext {
  /** A fresh progress reporter on stderr (silent with --quiet). */
  progress(): Progress;
  /** Whether --quiet was given: no progress and no summary on stderr. */
  quiet(): boolean;
  /** Exit code of a command that succeeded but found something (diff-rules: the bundles differ → 1). */
  setExitCode(code: number): void;
}
