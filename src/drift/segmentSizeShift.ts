import { checkParam } from '../core/errors';
import { chiSquareGoodnessOfFit } from '../stats/chiSquareGoodnessOfFit';
import { checkLevel } from '../stats/checkCounts';
import { newcombe } from '../stats/newcombeInterval';
import type { SegmentSizeShift } from './DriftResult';
import type { MatchedSegments, SegmentCount } from './MatchedSegments';

/**
 * Segment sizes this quarter against last quarter's shares. The chi-square goodness of fit takes the current
 * customers of matched segments against the reference shares of their partners (renormalised over matched
 * segments): a segment that is new here or gone there has no expected count, so it is listed with its share
 * change and named in `notes`, not tested. Each share change (current share − reference share, shares of all
 * customers of each run) has Newcombe's hybrid score interval for two independent proportions — conservative
 * here, since most customers are in both runs.
 */
export function segmentSizeShift(reference: readonly SegmentCount[], current: readonly SegmentCount[], matching: MatchedSegments, level = 0.95): SegmentSizeShift {
  const who = 'segmentSizeShift';
  for (const [side, list] of [['reference', reference], ['current', current]] as const) {
    list.forEach((s, i) => checkParam(Number.isInteger(s.customers) && s.customers >= 0, `${who} ${side}[${i}].customers`, s.customers, 'a whole number >= 0'));
    checkParam(new Set(list.map((s) => s.id)).size === list.length, `${who} ${side} ids`, list.map((s) => s.id), 'distinct segment ids');
  }
  checkLevel(level, `${who} level`);
  const refById = new Map(reference.map((s) => [s.id, s]));
  const curById = new Map(current.map((s) => [s.id, s]));
  for (const p of matching.pairs) {
    checkParam(refById.has(p.referenceId), `${who} pair referenceId`, p.referenceId, `a reference segment id (${[...refById.keys()].join(', ')})`);
    checkParam(curById.has(p.currentId), `${who} pair currentId`, p.currentId, `a current segment id (${[...curById.keys()].join(', ')})`);
  }
  const refTotal = reference.reduce((a, s) => a + s.customers, 0);
  const curTotal = current.reduce((a, s) => a + s.customers, 0);
  checkParam(refTotal > 0 && curTotal > 0, `${who} customers`, { reference: refTotal, current: curTotal }, 'customers in both runs');

  const pairs = [...matching.pairs].sort((a, b) => a.referenceId - b.referenceId);
  const row = (ref: SegmentCount | null, cur: SegmentCount | null): SegmentSizeShift['segments'][number] => {
    const rc = ref?.customers ?? 0;
    const cc = cur?.customers ?? 0;
    const iv = newcombe(cc, curTotal, rc, refTotal, level);
    return {
      currentId: cur?.id ?? null,
      referenceId: ref?.id ?? null,
      name: cur?.name ?? ref?.name ?? null,
      referenceCustomers: rc,
      currentCustomers: cc,
      referenceShare: rc / refTotal,
      currentShare: cc / curTotal,
      shareChange: cc / curTotal - rc / refTotal,
      shareChangeInterval: { low: iv.low, high: iv.high, level },
    };
  };
  const pairedRef = new Set(pairs.map((p) => p.referenceId));
  const pairedCur = new Set(pairs.map((p) => p.currentId));
  const gone = reference.filter((s) => !pairedRef.has(s.id)).sort((a, b) => a.id - b.id);
  const added = current.filter((s) => !pairedCur.has(s.id)).sort((a, b) => a.id - b.id);
  const segments = [...pairs.map((p) => row(refById.get(p.referenceId)!, curById.get(p.currentId)!)), ...gone.map((s) => row(s, null)), ...added.map((s) => row(null, s))];

  // Goodness of fit on matched segments whose reference count is above 0 (a zero share expects nobody).
  const tested = pairs.filter((p) => refById.get(p.referenceId)!.customers > 0);
  const observed = tested.map((p) => curById.get(p.currentId)!.customers);
  const testable = tested.length >= 2 && observed.some((o) => o > 0);
  const gof = testable ? chiSquareGoodnessOfFit(observed, tested.map((p) => refById.get(p.referenceId)!.customers)) : null;
  const notes: string[] = [];
  const label = (s: SegmentCount): string => `${s.id}${s.name ? ` (${s.name})` : ''}`;
  if (added.length) notes.push(`New since the reference run, not in the test (no share last quarter to expect from): ${added.map(label).join(', ')}.`);
  if (gone.length) notes.push(`Gone since the reference run, not in the test (no current segment to count): ${gone.map(label).join(', ')}.`);
  const emptyRef = pairs.filter((p) => refById.get(p.referenceId)!.customers === 0);
  if (emptyRef.length) notes.push(`Empty in the reference run, not in the test: ${emptyRef.map((p) => label(refById.get(p.referenceId)!)).join(', ')}.`);
  if (!gof) notes.push('Fewer than two matched segments with customers: there is no size shift to test (chi-square 0, p = 1).');
  return {
    chiSquare: gof?.chi2 ?? 0,
    degreesOfFreedom: gof?.degreesOfFreedom ?? 0,
    pValue: gof?.pValue ?? 1,
    segments,
    ...(notes.length ? { notes } : {}),
  };
}
