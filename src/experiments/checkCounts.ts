// Moved to stats/ (the drift layer uses it too); experiments keep importing it from here.
export { checkCount, checkLevel } from '../stats/checkCounts';
