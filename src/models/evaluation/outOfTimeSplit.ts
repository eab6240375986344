import { checkParam, inputError, typeName, usageError } from '../../core/errors';
import type { Split } from './Split';

/**
 * Out-of-time validation: train on the rows of earlier snapshots, test on the rows of the latest one (or
 * of `testSnapshot`). Snapshots are numbered in time order (0 = earliest, e.g. asOf − 2·horizon, asOf −
 * horizon, …); rows of later snapshots than the test one are left out of both sets.
 */
export function outOfTimeSplit(snapshot: Int32Array | readonly number[], options: { testSnapshot?: number } = {}): Split {
  if (!Array.isArray(snapshot) && !(snapshot instanceof Int32Array)) throw usageError('outOfTimeSplit', `snapshot must be an array of whole numbers, one per row (got ${typeName(snapshot)})`);
  const n = snapshot.length;
  let latest = -Infinity;
  let earliest = Infinity;
  for (let i = 0; i < n; i++) {
    const s = snapshot[i]!;
    if (!Number.isInteger(s)) throw inputError({ check: 'bad-snapshot', what: `outOfTimeSplit: snapshot ${JSON.stringify(s)} is not a whole number`, where: { column: 'snapshot', row: i + 1 }, fix: 'number the snapshots 0, 1, 2, … in time order' });
    if (s > latest) latest = s;
    if (s < earliest) earliest = s;
  }
  const test = options.testSnapshot ?? latest;
  checkParam(Number.isInteger(test), 'outOfTimeSplit testSnapshot', options.testSnapshot, 'a whole number: the snapshot to test on');
  const trainRows: number[] = [];
  const testRows: number[] = [];
  for (let i = 0; i < n; i++) {
    if (snapshot[i]! < test) trainRows.push(i);
    else if (snapshot[i] === test) testRows.push(i);
  }
  if (testRows.length === 0) throw inputError({ check: 'empty-test', what: `outOfTimeSplit: no row belongs to snapshot ${test}`, where: { column: 'snapshot' }, fix: `test on a snapshot that has rows (${earliest} to ${latest})` });
  if (trainRows.length === 0) throw inputError({ check: 'no-earlier-snapshot', what: `outOfTimeSplit: no row belongs to a snapshot before ${test}`, where: { column: 'snapshot' }, fix: 'build training examples from at least one earlier snapshot (asOf − horizon)' });
  return { fold: 0, train: Int32Array.from(trainRows), test: Int32Array.from(testRows) };
}
