import { checkParam, inputError } from '../../core/errors';
import { Rng } from '../../core/rng';
import { checkSeed, DEFAULT_SEED } from '../../core/seedParam';
import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput } from './binaryInput';
import type { Split } from './Split';

/**
 * Stratified k-fold, in the spirit of scikit-learn's StratifiedKFold(shuffle=True): each class is spread
 * over the folds as evenly as it divides (the class counts per fold dealt round-robin over the rows sorted
 * by class, so fold sizes differ by at most one), and which rows of a class land in which fold is a seeded
 * shuffle. Every row is in exactly one test fold.
 */
export function stratifiedKFold(y: BinaryLabels, options: { folds?: number; seed?: number } = {}): Split[] {
  const { folds = 5, seed = DEFAULT_SEED } = options;
  checkParam(Number.isInteger(folds) && folds >= 2, 'stratifiedKFold folds', folds, 'a whole number >= 2');
  checkSeed(seed, 'stratifiedKFold seed');
  const { y: yy } = checkBinaryInput('stratifiedKFold', y, new Float64Array(y.length), undefined, { bothClasses: true });
  const n = yy.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += yy[i]!;
  const members = [n - nPos, nPos];
  for (const c of [0, 1]) {
    if (members[c]! < folds) throw inputError({ check: 'class-too-small', what: `stratifiedKFold: y has ${members[c]} rows of class ${c}, fewer than the ${folds} folds`, where: { column: 'y' }, fix: `use at most ${members[c]} folds, or more data` });
  }
  // Round-robin over the rows sorted by class (all 0s, then all 1s): row r of that order goes to fold r mod k.
  const perFold = [new Int32Array(folds), new Int32Array(folds)];
  for (let r = 0; r < n; r++) perFold[r < members[0]! ? 0 : 1]![r % folds]!++;
  const testFold = new Int32Array(n);
  const rng = Rng.derive(seed, 'stratifiedKFold');
  for (const c of [0, 1]) {
    const labels: number[] = [];
    for (let f = 0; f < folds; f++) for (let k = 0; k < perFold[c]![f]!; k++) labels.push(f);
    rng.shuffle(labels);
    for (let i = 0, k = 0; i < n; i++) if (yy[i] === c) testFold[i] = labels[k++]!;
  }
  return splitsOf(testFold, folds);
}

/** The splits of a fold number per row: fold f tests the rows numbered f and trains on the others. */
export function splitsOf(testFold: Int32Array, folds: number): Split[] {
  const sizes = new Int32Array(folds);
  for (let i = 0; i < testFold.length; i++) sizes[testFold[i]!]!++;
  const out: Split[] = [];
  for (let f = 0; f < folds; f++) {
    const test = new Int32Array(sizes[f]!);
    const train = new Int32Array(testFold.length - sizes[f]!);
    for (let i = 0, a = 0, b = 0; i < testFold.length; i++) {
      if (testFold[i] === f) test[a++] = i;
      else train[b++] = i;
    }
    out.push({ fold: f, train, test });
  }
  return out;
}
