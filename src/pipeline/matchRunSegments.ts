import { matchPreviousRun, segmentCentres, type PreviousRun, type RunMatching, type SegmentCentres } from '../cluster/summary/matchPreviousRun';
import type { PreparedClusterInput } from '../features/prepareClusterInput';
import { readPreviousRun, type PreviousRunField } from './readPreviousRun';

/**
 * This run's segments matched to an earlier run's, as the cluster stage matches them: the earlier cluster.json's
 * centres moved into this run's prepared space, paired with this run's segment centres (Hungarian, with the
 * matchMaxDistance cutoff in spreads). The review's comparison and the drift comparison both use it.
 */
export function matchRunSegments(previousPath: string, field: PreviousRunField, prep: PreparedClusterInput, labels: ArrayLike<number>, matchMaxDistance: number): { run: PreviousRun; current: SegmentCentres; matching: RunMatching } {
  const run = readPreviousRun(previousPath, prep, field);
  const ids = [...new Set(Array.from(labels))].filter((l) => l >= 0).sort((a, b) => a - b);
  const current = segmentCentres(prep.X, labels, ids);
  return { run, current, matching: matchPreviousRun(current, run, matchMaxDistance) };
}
