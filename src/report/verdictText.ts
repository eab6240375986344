import type { ReportStrings } from './i18n';

/** A stability verdict (cluster/stability's StabilityVerdict, carried as a string) in the reader's words; unknown ones as they are. */
export function verdictText(verdict: string, t: ReportStrings): string {
  switch (verdict) {
    case 'stable':
      return t.verdictStable;
    case 'patterns':
      return t.verdictPatterns;
    case 'doubtful':
      return t.verdictDoubtful;
    case 'dissolved':
      return t.verdictDissolved;
    case 'unknown':
      return t.verdictUnknown;
    default:
      return verdict;
  }
}
