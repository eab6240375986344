/**
 * How the reference run's segments pair with the current run's (the cluster stage's matching: Hungarian on
 * centres with the matchMaxDistance cutoff). Ids unpaired on either side are new here or gone there.
 */
export interface MatchedSegments {
  pairs: Array<{ referenceId: number; currentId: number }>;
}

/** A segment of one run: its id, published name (null when not named) and customers. */
export interface SegmentCount {
  id: number;
  name: string | null;
  customers: number;
}
