// Moved to stats/ (the drift layer uses it too); experiments keep importing it from here.
export type { Interval } from '../stats/Interval';
