/** The unit of recency, T and every prediction horizon of a CLV model: one model, one unit. */
export type ClvTimeUnit = 'days' | 'weeks';
export const CLV_TIME_UNITS: readonly ClvTimeUnit[] = ['days', 'weeks'];

/** Days in one unit. */
export function daysPerUnit(unit: ClvTimeUnit): number {
  switch (unit) {
    case 'days':
      return 1;
    case 'weeks':
      return 7;
  }
}
