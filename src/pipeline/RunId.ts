import { paramError } from '../core/errors';

/**
 * A run id names a folder directly inside the output folder: letters, digits, '.', '_' and '-',
 * starting with a letter or digit (so never '..', a hidden name or a path), at most 128 characters.
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const RUN_ID_RULE = "1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit (it names a folder inside the output folder)";

/** Refuse a run id that could name anything but one folder inside the output folder. */
export function checkRunId(id: unknown, name = 'run id'): asserts id is string {
  if (typeof id !== 'string' || !RUN_ID_PATTERN.test(id)) {
    throw paramError(name, id, RUN_ID_RULE);
  }
}
